"""The CSV of a series' slots, for spreadsheets. A cell a spreadsheet would run as a formula
(starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading quote (OWASP)."""

from __future__ import annotations

import csv

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


def inert(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def write_slots(out, series, slots) -> None:
    """`slots` each with `.people`: its sign-ups, their volunteers selected."""
    out.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    yes_no = {True: "oui", False: "non"}
    for slot in slots:
        signups = slot.people
        start, end = slot.local_start, slot.local_end
        row = [
            series.title,
            start.date().isoformat(),
            f"{start:%H:%M}",
            f"{end:%H:%M}",
            series.place,
            slot.holder,
            yes_no[slot.needs_licence],
            yes_no[slot.is_cancelled],
            str(slot.capacity) if not series.is_associations else "",
            str(slot.taken) if not series.is_associations else "",
            " ; ".join(s.volunteer.name for s in signups),
            " ; ".join(s.volunteer.name for s in signups if s.no_show),
            " ; ".join(s.volunteer.name for s in signups if s.seeks_replacement),
        ]
        writer.writerow([inert(cell) for cell in row])
