"""The rows of the CSV of a series' slots, read as they are written (the slots of two years
need not sit in memory); the project's CSV writer streams them, every cell inert
(`core.csv_export.csv_download`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from leviers.rotas.recurrence import PARIS

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


def lines(series, rows: Iterable[tuple]) -> Iterator[list[str]]:
    """One CSV row per slot. `rows`: `Slot.objects.with_people()` of the series (one tuple per
    slot and sign-up, a slot's tuples together)."""
    for _, group in groupby(rows, key=lambda row: row[0]):
        yield _row(series, list(group))


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
