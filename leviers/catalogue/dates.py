"""Dates written the French way on every page of the catalogue: « 28 novembre 2026 ».

Pure Python: no locale to install, the same on every server.
"""

from __future__ import annotations

import datetime

from leviers.core import text


def as_date(value: object) -> datetime.date | None:
    """A date from a date or an ISO string ("2026-11-28"); None when there is none or it is
    unreadable."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def french_date(value: object) -> str:
    """2026-11-28 → « 28 novembre 2026 » (« 1er » for the first of the month); "" for none."""
    day = as_date(value)
    if day is None:
        return ""
    return text.french_date(day)
