"""The iCalendar feeds of the rotas (RFC 5545).

A volunteers' series in the project's feed is one VEVENT with its RRULE (and an EXDATE per
cancelled slot): a calendar application repeats it itself. A slot held by an association, and
a person's or an association's own slots, are one VEVENT each. Times are in Europe/Paris with
its VTIMEZONE; UIDs are public ids, stable across edits.

The `icalendar` library writes the calendar's head and its VTIMEZONE (the daylight-saving
rules), and escapes every TEXT value (`vText`) and the RRULE (`vRecur`); the events, hundreds
in a person's year, are written here as content lines. Through the library's objects (a
parameter object per property, a character-by-character folding of every line) a year of
366 events took 300 ms; as lines, a few milliseconds. The tests read every feed back with the
library's parser.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

import icalendar

from leviers.rotas.recurrence import PARIS, UTC

LINE_OCTETS = 75  # RFC 5545 §3.1: a content line longer than this is folded
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
    head, end, _ = cal.to_ical().decode().rpartition("END:VCALENDAR\r\n")
    stamp = _utc(now)
    lines: list[str] = []
    for one, cancelled in series:
        lines += _series_event(one, cancelled, host=host, stamp=stamp)
    for slot in slots:
        lines += _slot_event(slot, host=host, stamp=stamp)
    body = "".join(fold(line) + "\r\n" for line in lines)
    return (head + body + end).encode()


def fold(line: str) -> str:
    """RFC 5545 §3.1: a line longer than 75 octets goes on over lines that start with a space,
    never cutting a UTF-8 character nor (for the readers that mind) a backslash escape."""
    if len(line) <= LINE_OCTETS and line.isascii():
        return line
    octets = line.encode()
    parts, start, room = [], 0, LINE_OCTETS
    while len(octets) - start > room:
        cut = start + room
        while octets[cut] & 0xC0 == 0x80:  # inside a character: back to its first octet
            cut -= 1
        if _backslashes_before(octets, start, cut) % 2:  # keep `\,` or `\n` on one line
            cut -= 1
        parts.append(octets[start:cut])
        start, room = cut, LINE_OCTETS - 1  # the leading space takes one octet
    parts.append(octets[start:])
    return b"\r\n ".join(parts).decode()


def _backslashes_before(octets: bytes, start: int, cut: int) -> int:
    count = 0
    while cut - count > start and octets[cut - count - 1] == 0x5C:
        count += 1
    return count


@functools.lru_cache(maxsize=512)
def _text(value: str) -> str:
    """A TEXT value escaped (a feed repeats the same titles and places hundreds of times)."""
    return icalendar.vText(value).to_ical().decode()


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(PARIS):%Y%m%dT%H%M%S}"


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _event(uid, summary, start, end, *, place, url, stamp) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(summary)}",
        f"DTSTART;TZID={TZID}:{_local(start)}",
        f"DTEND;TZID={TZID}:{_local(end)}",
        f"DTSTAMP:{stamp}",
        f"UID:{uid}",  # a public id @ the host: nothing a TEXT value escapes
    ]
    if place:
        lines.append(f"LOCATION:{_text(place)}")
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
