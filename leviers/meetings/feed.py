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
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

UTC = ZoneInfo("UTC")
FEED_PAST_DAYS = 90


def calendar_of(project, meetings, *, host: str, now: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Leviers//Réunions des projets//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Réunions : {project.title}")
    calendar.add("x-wr-timezone", "Europe/Paris")
    for meeting in meetings:
        calendar.add_component(_event(meeting, host=host, now=now))
    # Only the years the feed can show: a VTIMEZONE from 1970 would weigh 10 kB.
    calendar.add_missing_timezones(
        first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 3, 1, 1)
    )
    return calendar.to_ical()


def _event(meeting, *, host: str, now: datetime) -> icalendar.Event:
    rule = meeting.recurrence
    start = rule.start.astimezone(ZoneInfo("Europe/Paris"))
    event = icalendar.Event()
    event.add("uid", f"{meeting.public_id}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("sequence", int((meeting.updated_at - meeting.created_at).total_seconds()))
    event.add("summary", meeting.title)
    event.add("location", meeting.place)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    if meeting.agenda:
        event.add("description", meeting.agenda)
    event.add("url", f"https://{host}{meeting.get_absolute_url()}")
    event.add("categories", [meeting.get_kind_display()])
    if ical_rule := rule.ical_rule():
        event.add("rrule", ical_rule)
        if exdates := rule.ical_exdates():
            event.add("exdate", exdates)
    return event
