"""iCalendar content lines written as text (RFC 5545), for the feeds that carry hundreds of
events (decision 28): the `icalendar` library writes a calendar's head and its VTIMEZONE and
escapes the values (`vText`, `vRecur`, `vCategory`); the events are plain lines, folded here.
Through the library's objects (a parameter object per property, a character-by-character
folding of every line) each event costs a fraction of a millisecond; as lines, microseconds.
The feeds' tests read every calendar back with the library's parser."""

from __future__ import annotations

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

LINE_OCTETS = 75  # RFC 5545 §3.1: a content line longer than this is folded
UTC = ZoneInfo("UTC")


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
def text(value: str) -> str:
    """A TEXT value escaped (a feed repeats the same titles and places hundreds of times)."""
    return icalendar.vText(value).to_ical().decode()


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC (`20260704T080000Z`)."""
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def around(calendar: icalendar.Calendar, lines: list[str]) -> bytes:
    """`calendar` (its head, written by the library) with the content `lines` as its last
    components, each line folded."""
    head, end, _ = calendar.to_ical().decode().rpartition("END:VCALENDAR\r\n")
    body = "".join(fold(line) + "\r\n" for line in lines)
    return (head + body + end).encode()
