"""When the slots of a series fall: « every day 7:30–9:00 », « five Friday evenings 18:00–23:00 ».

Pure: no database, no request. Computed on the wall clock of Europe/Paris with python-dateutil's
`rrule` (a 7:30 slot stays 7:30 across the summer time change); an end time before the start
time ends the next day (an evening 18:00–01:00). The same `Rule` writes the RFC 5545 RRULE of
the iCalendar feed, so a calendar application repeats what the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

from leviers.core.text import WEEKDAY_NAMES, and_list, french_date

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_DAYS = 3 * 366  # a series spans at most three years (its slots are written in advance)


@dataclass(frozen=True)
class Rule:
    """Every `interval` week(s), on `weekdays` (0 = Monday), from `first_day` to `last_day`
    included, from `start` to `end` (Paris wall clock)."""

    first_day: date
    last_day: date
    weekdays: tuple[int, ...]
    start: time
    end: time
    interval: int = 1

    def problems(self) -> list[str]:
        """What makes the rule unusable, in French (empty when it is fine)."""
        found = []
        if self.last_day < self.first_day:
            found.append("Le dernier jour est avant le premier.")
        elif (self.last_day - self.first_day).days > MAX_DAYS:
            found.append("Une série dure au plus trois ans : créez-en une autre ensuite.")
        if not self.weekdays:
            found.append("Choisissez au moins un jour de la semaine.")
        if self.start == self.end:
            found.append("L'heure de fin est égale à l'heure de début.")
        if self.interval not in (1, 2):
            found.append("Une série revient chaque semaine ou toutes les deux semaines.")
        return found

    @property
    def duration(self) -> timedelta:
        end = datetime.combine(self.first_day, self.end)
        start = datetime.combine(self.first_day, self.start)
        return end - start if end > start else end + timedelta(days=1) - start

    def _rrule(self) -> rrule.rrule:
        return rrule.rrule(
            rrule.WEEKLY,
            interval=self.interval,
            byweekday=sorted(self.weekdays),
            dtstart=datetime.combine(self.first_day, self.start),
            until=datetime.combine(self.last_day, self.start),
            wkst=rrule.MO,
        )

    def occurrences(self) -> list[tuple[datetime, datetime]]:
        """Every (start, end) of the rule, aware in Paris, in order."""
        duration = self.duration
        found = []
        for local in self._rrule():
            start = local.replace(tzinfo=PARIS)
            end = (local + duration).replace(tzinfo=PARIS)
            found.append((start, end))
        return found

    def ical_rule(self) -> dict:
        """The RRULE as the `icalendar` library's vRecur takes it (UNTIL in UTC, as RFC 5545
        asks when DTSTART carries a TZID)."""
        rule: dict = {"FREQ": "WEEKLY"}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        rule["BYDAY"] = [_ICAL_DAYS[d] for d in sorted(self.weekdays)]
        rule["WKST"] = "MO"
        last = datetime.combine(self.last_day, self.start, PARIS)
        rule["UNTIL"] = last.astimezone(UTC)
        return rule

    def describe(self) -> str:
        """« le vendredi, de 18 h 00 à 23 h 00, du 5 juin 2026 au 28 août 2026 »."""
        days = sorted(self.weekdays)
        if days == list(range(7)):
            when = "tous les jours"
        else:
            names = [WEEKDAY_NAMES[d] for d in days]
            when = "le " + and_list(names)
            if self.interval == 2:
                when += ", une semaine sur deux"
        hours = f"de {_hour(self.start)} à {_hour(self.end)}"
        return f"{when}, {hours}, du {french_date(self.first_day)} au {french_date(self.last_day)}"


def _hour(moment: time) -> str:
    return f"{moment.hour} h {moment.minute:02d}"
