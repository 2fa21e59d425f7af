"""The iCalendar feeds of the rotas (RFC 5545), written by the `icalendar` library.

A volunteers' series in the project's feed is one VEVENT with its RRULE (and an EXDATE per
cancelled slot): a calendar application repeats it itself. A slot held by an association, and
a person's or an association's own slots, are one VEVENT each. Times are in Europe/Paris with
its VTIMEZONE; UIDs are public ids, stable across edits.
"""

from __future__ import annotations

from datetime import date, datetime

import icalendar

from leviers.rotas.recurrence import PARIS, UTC


def calendar(name: str, *, series=(), slots=(), host: str, now: datetime) -> bytes:
    """`series`: (series, cancelled slots) repeated by a rule; `slots`: one event each."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Leviers//Créneaux des projets//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    stamp = now.astimezone(UTC)
    for one, cancelled in series:
        cal.add_component(_series_event(one, cancelled, host=host, stamp=stamp))
    for slot in slots:
        cal.add_component(_slot_event(slot, host=host, stamp=stamp))
    cal.add_missing_timezones(
        first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 4, 1, 1)
    )
    return cal.to_ical()


def _event(uid, summary, start, end, *, place, url, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start.astimezone(PARIS))
    event.add("dtend", end.astimezone(PARIS))
    if place:
        event.add("location", place)
    event.add("url", url)
    return event


def _series_event(series, cancelled, *, host, stamp) -> icalendar.Event:
    rule = series.rule
    first = datetime.combine(rule.first_day, rule.start, PARIS)
    event = _event(
        f"{series.public_id}@{host}",
        series.title,
        first,
        first + rule.duration,
        place=series.place,
        url=f"https://{host}{series.get_absolute_url()}",
        stamp=stamp,
    )
    event.add("rrule", rule.ical_rule())
    if cancelled:
        event.add("exdate", [slot.starts_at.astimezone(PARIS) for slot in cancelled])
    return event


def _slot_event(slot, *, host, stamp) -> icalendar.Event:
    series = slot.series
    holder = slot.holder if series.is_associations else ""
    summary = f"{series.title} : {holder}" if holder else series.title
    if series.is_associations and not holder:
        summary += " (créneau libre)"
    event = _event(
        f"{slot.public_id}@{host}",
        summary,
        slot.starts_at,
        slot.ends_at,
        place=series.place,
        url=f"https://{host}{slot.get_absolute_url()}",
        stamp=stamp,
    )
    if slot.is_cancelled:
        event.add("status", "CANCELLED")
    return event
