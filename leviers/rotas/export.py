"""The CSV of a series' slots, for spreadsheets, written as it is read (the slots of two years
need not sit in memory). A cell a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) gets a leading quote (OWASP)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import groupby

from leviers.rotas.recurrence import PARIS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "serie",
    "date",
    "debut",
    "fin",
    "lieu",
    "association",
    "buvette",
    "annule",
    "places",
    "inscrits",
    "benevoles",
    "absents",
    "cherchent_remplacant",
]
YES_NO = {True: "oui", False: "non"}


def inert(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


class _Line:
    """What csv.writer writes into: the line it was just given."""

    def write(self, text: str) -> str:
        return text


def lines(series, rows: Iterable[tuple]) -> Iterator[str]:
    """The CSV text, line by line. `rows`: `Slot.objects.with_people()` of the series (one
    tuple per slot and sign-up, a slot's tuples together)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)  # Excel reads UTF-8 with its BOM.
    for _, group in groupby(rows, key=lambda row: row[0]):
        yield writer.writerow([inert(cell) for cell in _row(series, list(group))])


def _row(series, group: list[tuple]) -> list[str]:
    _, starts, ends, organisation, holder_name, licence, cancelled, capacity, taken = group[0][:9]
    people = [(name, absent, seeks) for *_, name, absent, seeks in group if name is not None]
    start, end = starts.astimezone(PARIS), ends.astimezone(PARIS)
    volunteers = not series.is_associations
    return [
        series.title,
        start.date().isoformat(),
        f"{start:%H:%M}",
        f"{end:%H:%M}",
        series.place,
        organisation or holder_name,
        YES_NO[licence],
        YES_NO[cancelled],
        str(capacity) if volunteers else "",
        str(taken) if volunteers else "",
        " ; ".join(name for name, _, _ in people),
        " ; ".join(name for name, absent, _ in people if absent),
        " ; ".join(name for name, _, seeks in people if seeks),
    ]
