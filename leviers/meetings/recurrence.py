"""When a meeting takes place: once, or by a rule (« tous les samedis à 10 h, sauf en août »).

Pure: no database, no request. A rule is computed on the wall clock of Europe/Paris (a Saturday
10:00 stays 10:00 across the summer time change), by python-dateutil's `rrule` (docs/decisions.md).
The same `Recurrence` writes the RFC 5545 RRULE and EXDATE of the iCalendar feed, so that what a
calendar application shows is what the pages compute:

    months skipped (« sauf en août »)  → BYMONTH lists the other months
    one date cancelled (« pas le 15 »)  → EXDATE
    « jusqu'au 30 juin »               → UNTIL (in UTC, as RFC 5545 asks when DTSTART has a TZID)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil import rrule

from leviers.core.text import MONTH_NAMES, WEEKDAY_NAMES, and_list, french_date

PARIS = ZoneInfo("Europe/Paris")
ONCE, WEEKLY, FORTNIGHTLY, MONTHLY = "", "hebdomadaire", "bimensuelle", "mensuelle"
ALL_MONTHS = tuple(range(1, 13))
_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    """`start` is the first occurrence (aware); `frequency` one of ONCE, WEEKLY, FORTNIGHTLY,
    MONTHLY (the same weekday of the same week of the month as `start`: « le premier samedi »)."""

    start: datetime
    frequency: str = ONCE
    until: date | None = None
    skipped_months: frozenset[int] = field(default_factory=frozenset)
    cancelled: frozenset[date] = field(default_factory=frozenset)

    @property
    def local_start(self) -> datetime:
        """The wall-clock start in Paris, without its zone (what the rule repeats)."""
        return self.start.astimezone(PARIS).replace(tzinfo=None)

    @property
    def is_recurring(self) -> bool:
        return self.frequency != ONCE

    def _week_of_month(self) -> int:
        """1 to 4, or -1 for « le dernier » when the start falls in the fifth week."""
        week = (self.local_start.day - 1) // 7 + 1
        return -1 if week == 5 else week

    def _months(self) -> tuple[int, ...] | None:
        months = tuple(m for m in ALL_MONTHS if m not in self.skipped_months)
        return None if len(months) == 12 else months

    def _first_near(self, local: datetime | None) -> datetime:
        """Where the rule may start stepping to reach `local` (naive, Paris) without walking
        through every occurrence since the first: `rrule` steps from DTSTART, and a weekly series
        two years old has a hundred dates before today. A whole number of periods before
        `local` (weeks, fortnights: the same weekday and the same parity; months: the first of
        a month, the rule picking the weekday), never before the real start."""
        start = self.local_start
        if local is None or local <= start:
            return start
        if self.frequency == MONTHLY:
            month = local.month - 2  # a month of margin before `local`
            year = local.year + month // 12
            shifted = start.replace(year=year, month=month % 12 + 1, day=1)
        else:
            period = 14 if self.frequency == FORTNIGHTLY else 7
            shifted = start + timedelta(days=((local - start).days // period - 1) * period)
        return max(start, shifted)

    def _rule(self, near: datetime | None = None) -> rrule.rruleset:
        """The occurrences; with `near` (naive, Paris), only those from about then on."""
        start = self.local_start
        rules = rrule.rruleset()
        if not self.is_recurring:
            rules.rdate(start)
        else:
            weekday = _WEEKDAYS[start.weekday()]
            options = {
                "dtstart": self._first_near(near),
                "bymonth": self._months(),
                "until": datetime.combine(self.until, time.max) if self.until else None,
            }
            if self.frequency == MONTHLY:
                rules.rrule(
                    rrule.rrule(rrule.MONTHLY, byweekday=weekday(self._week_of_month()), **options)
                )
            else:
                interval = 2 if self.frequency == FORTNIGHTLY else 1
                rules.rrule(
                    rrule.rrule(rrule.WEEKLY, interval=interval, byweekday=weekday, **options)
                )
        for day in self.cancelled:
            rules.exdate(datetime.combine(day, start.time()))
        return rules

    def after(self, moment: datetime, *, inclusive: bool = True) -> Iterator[datetime]:
        """The occurrences at or after `moment` (aware), in order, as aware datetimes."""
        local = moment.astimezone(PARIS).replace(tzinfo=None)
        rules = self._rule(near=local)
        # rruleset has no lazy `after`: step through from `local` with xafter.
        for occurrence in rules.xafter(local, inc=inclusive):
            yield occurrence.replace(tzinfo=PARIS)

    def next(self, moment: datetime, count: int) -> list[datetime]:
        return list(islice(self.after(moment), count))

    def between(self, first: datetime, last: datetime) -> list[datetime]:
        local = [moment.astimezone(PARIS).replace(tzinfo=None) for moment in (first, last)]
        rules = self._rule(near=local[0])
        return [o.replace(tzinfo=PARIS) for o in rules.between(*local, inc=True)]

    def occurs_on(self, day: date) -> bool:
        """Whether an occurrence falls on `day` (a cancelled date does not)."""
        first = datetime.combine(day, time.min, PARIS)
        return bool(self.between(first, first + timedelta(days=1) - timedelta(microseconds=1)))

    # --- RFC 5545 -----------------------------------------------------------------------------

    def ical_rule(self) -> dict | None:
        """The RRULE as the `icalendar` library's vRecur takes it, or None for a one-off."""
        if not self.is_recurring:
            return None
        day = _ICAL_DAYS[self.local_start.weekday()]
        rule: dict = {"FREQ": "MONTHLY" if self.frequency == MONTHLY else "WEEKLY"}
        if self.frequency == FORTNIGHTLY:
            rule["INTERVAL"] = 2
        rule["BYDAY"] = f"{self._week_of_month()}{day}" if self.frequency == MONTHLY else day
        if months := self._months():
            rule["BYMONTH"] = list(months)
        if self.until:
            last = datetime.combine(self.until, time(23, 59, 59), PARIS)
            rule["UNTIL"] = last.astimezone(ZoneInfo("UTC"))
        return rule

    def ical_exdates(self) -> list[datetime]:
        """The cancelled occurrences, at the start time, in Paris (EXDATE;TZID=Europe/Paris)."""
        start = self.local_start.time()
        return [datetime.combine(day, start, PARIS) for day in sorted(self.cancelled)]

    # --- In words -----------------------------------------------------------------------------

    def describe(self) -> str:
        """« tous les samedis à 10 h 00, sauf en août, jusqu'au 30 juin 2027 »."""
        start = self.local_start
        at = f"à {start.hour} h {start.minute:02d}"
        if not self.is_recurring:
            return f"le {french_date(start.date())} {at}"
        weekday = WEEKDAY_NAMES[start.weekday()]
        if self.frequency == WEEKLY:
            words = f"tous les {weekday}s {at}"
        elif self.frequency == FORTNIGHTLY:
            words = f"un {weekday} sur deux {at}"
        else:
            week = self._week_of_month()
            rank = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"}
            words = f"le {rank[week]} {weekday} du mois {at}"
        if self.skipped_months:
            skipped = [MONTH_NAMES[m - 1] for m in sorted(self.skipped_months)]
            words += ", sauf en " + and_list(skipped)
        words += f", à partir du {french_date(start.date())}"
        if self.until:
            words += f", jusqu'au {french_date(self.until)}"
        return words
