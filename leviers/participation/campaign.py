"""A door-to-door campaign's coverage: which street or hamlet was visited when (pure).

The database gives one count per place and month (`campaign_rows`); `Coverage` lays them out
as a table, places down, months across, with each place's total and last visit, the places
least visited first so that the team sees where to go next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import CharField, Count, Func, Max, Value

UNNAMED_PLACE = "Lieu non renseigné"
MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


@dataclass(frozen=True)
class PlaceRow:
    place: str
    counts: tuple[int, ...]  # one per month of the campaign
    total: int
    last_visit: dt.date

    def levels(self, top: int) -> list[tuple[int, int]]:
        """(count, level 0–4) per month: the level shades the cell, relative to `top`."""
        return [(n, 0 if n == 0 else 1 + min(3, (n * 4 - 1) // max(top, 1))) for n in self.counts]


@dataclass(frozen=True)
class Coverage:
    months: tuple[dt.date, ...]
    rows: tuple[PlaceRow, ...]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def top(self) -> int:
        """The largest count of one place in one month."""
        return max((n for row in self.rows for n in row.counts), default=0)

    def lines(self) -> list[tuple[PlaceRow, list[tuple[int, int]]]]:
        """Each place with its (count, level) cells."""
        top = self.top
        return [(row, row.levels(top)) for row in self.rows]

    def month_labels(self) -> list[str]:
        return [f"{MONTHS[m.month - 1]} {m.year}" for m in self.months]

    def month_totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(self.months))]


def _month(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], _month(first)
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def coverage(counts: Iterable[tuple[str, dt.date, int, dt.date]]) -> Coverage:
    """`counts`: (place, month, number of contributions, last day) rows. Every month from the
    first to the last appears, visited or not; places are compared without case or spaces."""
    by_place: dict[str, dict] = {}
    months_seen: set[dt.date] = set()
    for place, month, count, last in counts:
        name = " ".join((place or "").split()) or UNNAMED_PLACE
        key = name.casefold()
        entry = by_place.setdefault(key, {"name": name, "months": {}, "last": last})
        month = _month(month)
        months_seen.add(month)
        entry["months"][month] = entry["months"].get(month, 0) + count
        entry["last"] = max(entry["last"], last)
    if not months_seen:
        return Coverage(months=(), rows=())
    months = _months_between(min(months_seen), max(months_seen))
    rows = [
        PlaceRow(
            place=entry["name"],
            counts=tuple(entry["months"].get(m, 0) for m in months),
            total=sum(entry["months"].values()),
            last_visit=entry["last"],
        )
        for entry in by_place.values()
    ]
    rows.sort(key=lambda row: (row.last_visit, row.total, row.place.casefold()))
    return Coverage(months=tuple(months), rows=tuple(rows))


class YearMonth(Func):
    """« 2025-03 » for a date column, computed by the database itself: SQLite's `strftime` and
    PostgreSQL's `to_char` are built in, where Django's `TruncMonth` on SQLite calls back into
    Python once per row (5,000 contributions: most of the campaign page's time)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        column = self.get_source_expressions()[0]
        call = Func(Value("%Y-%m"), column, function="strftime", output_field=CharField())
        return call.as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection, **extra):
        column = self.get_source_expressions()[0]
        call = Func(column, Value("YYYY-MM"), function="to_char", output_field=CharField())
        return call.as_sql(compiler, connection)


def campaign_rows(contributions):
    """One (place, month, count, last day) row per place and month: a single grouped query."""
    rows = (
        contributions.annotate(month=YearMonth("collected_on"))
        .values("place", "month")
        .annotate(count=Count("id"), last=Max("collected_on"))
        .order_by()
        .values_list("place", "month", "count", "last")
    )
    return [
        (place, dt.date(int(month[:4]), int(month[5:7]), 1), count, last)
        for place, month, count, last in rows
    ]
