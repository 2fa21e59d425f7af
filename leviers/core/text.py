"""Text shared by every app (pure functions): normalisation for search and importers, and
dates written the French way, with no locale to install."""

import datetime
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Abbreviations people type for commune names: "St Malo", "Ste-Foy".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(value: str) -> str:
    """Lower-case, accent-free words separated by one space.

    >>> normalize("  Aubigné-Racan ")
    'aubigne racan'
    >>> normalize("St-Germain-l'Herm")
    'saint germain l herm'
    """
    value = strip_accents(value).lower().replace("œ", "oe").replace("æ", "ae")
    words = _NON_ALNUM.split(value)
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words if word)


MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def french_date(day: datetime.date) -> str:
    """« 28 novembre 2026 », « 1er juin 2026 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTH_NAMES[day.month - 1]} {day.year}"


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """A number and its noun, agreed the French way: 0 and 1 take the singular.

    >>> count_of(0, "site")
    '0 site'
    >>> count_of(3, "créneau", "créneaux")
    '3 créneaux'
    """
    noun = singular if abs(number) < 2 else (plural or singular + "s")
    return f"{number} {noun}"


def and_list(words: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]
