"""The iCalendar feed of a project's meetings (RFC 5545), written by the `icalendar` library.

One VEVENT per meeting: a recurring one carries its RRULE (BYMONTH for the months skipped,
UNTIL in UTC) and its EXDATE (the dates called off), so a calendar application repeats it
itself; times are in Europe/Paris with its VTIMEZONE. The UID is the meeting's public id, stable
across edits, and SEQUENCE grows with each edit (seconds since creation), so that applications
replace the event rather than duplicate it.

The feed carries the meetings still running and those of the last FEED_PAST_DAYS days, not the
whole history: calendar applications download a subscribed feed again every few hours, for each
subscriber, and a project two years old has hundreds of past meetings (writing each event is
what costs: 200 meetings took half a second). What a past meeting said lives on the site (its
sittings and minutes); a calendar needs what is coming and what just happened. A series stays
as long as it runs (its RRULE repeats it), and until FEED_PAST_DAYS after its end.

The library writes the calendar's head and its VTIMEZONE, and escapes the values (`vText`,
`vRecur`, `vCategory`); the events are written as content lines (`core/ical.py`, decision 28),
with the properties in the order the library writes them: a project's 80 running and recent
meetings took 70 ms through the library's objects, a few as lines. The tests read the feed back
with the library's parser, and compare it, line for line once unfolded, with the calendar the
library's objects write.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta

import icalendar

from leviers.core.ical import around, text, utc
from leviers.meetings.recurrence import PARIS

FEED_PAST_DAYS = 90
TZID = "Europe/Paris"


def calendar_of(project, meetings, *, host: str, now: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Leviers//Réunions des projets//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Réunions : {project.title}")
    calendar.add("x-wr-timezone", TZID)
    stamp = utc(now)
    lines: list[str] = []
    for meeting in meetings:
        lines += _event(meeting, host=host, stamp=stamp)
    if lines:
        # Only the years the feed can show: a VTIMEZONE from 1970 would weigh 10 kB.
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                TZID, first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 3, 1, 1)
            )
        )
    return around(calendar, lines)


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(PARIS):%Y%m%dT%H%M%S}"


@functools.lru_cache(maxsize=64)
def _categories(*names: str) -> str:
    return icalendar.vCategory(list(names)).to_ical().decode()


def _event(meeting, *, host: str, stamp: str) -> list[str]:
    """The content lines of a meeting's VEVENT, in the library's order: SUMMARY, DTSTART,
    DTEND, DTSTAMP, UID, SEQUENCE, RRULE, EXDATE, then the others alphabetically."""
    rule = meeting.recurrence
    start = rule.start.astimezone(PARIS)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(meeting.title)}",
        f"DTSTART;TZID={TZID}:{_local(start)}",
        f"DTEND;TZID={TZID}:{_local(start + timedelta(minutes=meeting.duration_minutes))}",
        f"DTSTAMP:{stamp}",
        f"UID:{text(f'{meeting.public_id}@{host}')}",
        f"SEQUENCE:{int((meeting.updated_at - meeting.created_at).total_seconds())}",
    ]
    if ical_rule := rule.ical_rule():
        lines.append(f"RRULE:{icalendar.vRecur(ical_rule).to_ical().decode()}")
        if exdates := rule.ical_exdates():
            lines.append(f"EXDATE;TZID={TZID}:{','.join(_local(day) for day in exdates)}")
    lines.append(f"CATEGORIES:{_categories(meeting.get_kind_display())}")
    if meeting.agenda:
        lines.append(f"DESCRIPTION:{text(meeting.agenda)}")
    lines += [
        f"LAST-MODIFIED:{utc(meeting.updated_at)}",
        f"LOCATION:{text(meeting.place)}",
        f"URL:https://{host}{meeting.get_absolute_url()}",
        "END:VEVENT",
    ]
    return lines
