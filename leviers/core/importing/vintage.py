"""Vintages of published lists: read from a file name when the file does not state them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from leviers.core.text import MONTH_NAMES

MONTHS = MONTH_NAMES  # the names vintages are written with


def vintage_from_name(source: str | Path) -> str | None:
    """ "liste du 1er août 2024" from "…_2024-08-01.csv" or "…-20240801.csv", "liste de
    janvier 2021" from "…_2021-01.csv"; None when the file name holds no date."""
    stem = Path(str(source).split("?")[0]).name
    for pattern in (r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)", r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"):
        if match := re.search(pattern, stem):
            try:
                day = date(*map(int, match.groups()))
            except ValueError:
                continue
            number = "1er" if day.day == 1 else str(day.day)
            return f"liste du {number} {MONTHS[day.month - 1]} {day.year}"
    if match := re.search(r"(?<!\d)(20\d\d)-(0[1-9]|1[0-2])(?!\d)", stem):
        month = MONTHS[int(match.group(2)) - 1]
        elided = "d'" if month[0] in "aeiou" else "de "
        return f"liste {elided}{month} {match.group(1)}"
    return None


def list_vintage(vintage: str | None, source: str | Path, notes: list[str]) -> str:
    """The vintage given (--millesime), else the one the file name tells, else says it is
    unknown; what was decided is added to the import's notes."""
    if vintage is not None:
        return vintage
    found = vintage_from_name(source)
    if found:
        notes.append(f"Millésime « {found} » tiré du nom du fichier.")
        return found
    notes.append("Date de la liste inconnue : précisez-la avec --millesime.")
    return "date de la liste non précisée"
