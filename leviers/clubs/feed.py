"""iCalendar (RFC 5545) of a club's meetings, written by the `icalendar` library, as the
projects' meetings are (meetings/feed.py): one VEVENT per meeting, its UID the meeting's public
id, times in Europe/Paris with its VTIMEZONE; a meeting without hours is a whole day.

The club feed carries the meetings to come and those of the last FEED_PAST_DAYS days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
FEED_PAST_DAYS = 90


def calendar_of(name: str, meetings, *, site_url: str, now: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Leviers//Rencontres des clubs//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    host = site_url.split("://", 1)[-1]
    for meeting in meetings:
        calendar.add_component(_event(meeting, site_url=site_url, host=host, now=now))
    calendar.add_missing_timezones(
        first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 3, 1, 1)
    )
    return calendar.to_ical()


def _event(meeting, *, site_url: str, host: str, now: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{meeting.public_id}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", meeting.title)
    if meeting.start_time:
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=PARIS)
        end_time = meeting.end_time or (start + timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", max(datetime.combine(meeting.date, end_time, tzinfo=PARIS), start))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + timedelta(days=1))
    where = ", ".join(
        part
        for part in (meeting.place, meeting.host_commune.name if meeting.host_commune_id else "")
        if part
    )
    if where:
        event.add("location", where)
    if meeting.theme:
        event.add("description", meeting.theme)
    event.add("url", site_url + meeting.get_absolute_url())
    return event
