"""The iCalendar feeds of the rotas (RFC 5545).

A volunteers' series in the project's feed is one VEVENT with its RRULE (and an EXDATE per
cancelled slot): a calendar application repeats it itself. A slot held by an association, and
a person's or an association's own slots, are one VEVENT each. Times are in Europe/Paris with
its VTIMEZONE; UIDs are public ids, stable across edits.

The `icalendar` library writes the calendar's head and its VTIMEZONE (the daylight-saving
rules), and escapes every TEXT value (`vText`) and the RRULE (`vRecur`); the events, hundreds
in a person's year, are written here as content lines (`core/ical.py`, decision 28). Through
the library's objects a year of 366 events took 300 ms; as lines, a few milliseconds. The
tests read every feed back with the library's parser.
"""

from __future__ import annotations

from datetime import date, datetime

import icalendar

from leviers.core.ical import around, text, utc
from leviers.rotas.recurrence import PARIS

TZID = "Europe/Paris"


def calendar(name: str, *, series=(), slots=(), host: str, now: datetime) -> bytes:
    """`series`: (series, cancelled slots) repeated by a rule; `slots`: one event each."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Leviers//Créneaux des projets//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    # Only the years a feed can show: a VTIMEZONE from 1970 would weigh 10 kB.
    cal.add_component(
        icalendar.Timezone.from_tzid(
            TZID, first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 4, 1, 1)
        )
    )
    stamp = utc(now)
    lines: list[str] = []
    for one, cancelled in series:
        lines += _series_event(one, cancelled, host=host, stamp=stamp)
    for slot in slots:
        lines += _slot_event(slot, host=host, stamp=stamp)
    return around(cal, lines)


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(PARIS):%Y%m%dT%H%M%S}"


def _event(uid, summary, start, end, *, place, url, stamp) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        f"DTSTART;TZID={TZID}:{_local(start)}",
        f"DTEND;TZID={TZID}:{_local(end)}",
        f"DTSTAMP:{stamp}",
        f"UID:{uid}",  # a public id @ the host: nothing a TEXT value escapes
    ]
    if place:
        lines.append(f"LOCATION:{text(place)}")
    lines.append(f"URL:{url}")
    return lines


def _series_event(series, cancelled, *, host, stamp) -> list[str]:
    rule = series.rule
    first = datetime.combine(rule.first_day, rule.start, PARIS)
    lines = _event(
        f"{series.public_id}@{host}",
        series.title,
        first,
        first + rule.duration,
        place=series.place,
        url=f"https://{host}{series.get_absolute_url()}",
        stamp=stamp,
    )
    lines.append(f"RRULE:{icalendar.vRecur(rule.ical_rule()).to_ical().decode()}")
    if cancelled:
        days = ",".join(_local(slot.starts_at) for slot in cancelled)
        lines.append(f"EXDATE;TZID={TZID}:{days}")
    return [*lines, "END:VEVENT"]


def _slot_event(slot, *, host, stamp) -> list[str]:
    series = slot.series
    holder = slot.holder if series.is_associations else ""
    summary = f"{series.title} : {holder}" if holder else series.title
    if series.is_associations and not holder:
        summary += " (créneau libre)"
    lines = _event(
        f"{slot.public_id}@{host}",
        summary,
        slot.starts_at,
        slot.ends_at,
        place=series.place,
        url=f"https://{host}{slot.get_absolute_url()}",
        stamp=stamp,
    )
    if slot.is_cancelled:
        lines.append("STATUS:CANCELLED")
    return [*lines, "END:VEVENT"]
