"""The commune and EPCI finder: a pure in-memory index, and its cached copy of the database.

The index answers in microseconds on both databases: it forgives accents, case, hyphens,
apostrophes and "St"/"Saint" (see `leviers.core.text.normalize`), matches any word of a
name ("racan" finds Aubigné-Racan), and takes postal codes and INSEE codes. A trailing
department code narrows homonyms ("saint denis 93").
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field

from leviers.core.caching import StampedCache
from leviers.core.text import normalize

MIN_TEXT_LENGTH = 2
_DEPARTMENT = re.compile(r"^(\d{2,3}|2[ab])$")
_CODE = re.compile(r"^(\d{2,5}|2[ab]\d{0,3})$")
# Score of a match, lower is better.
EXACT, NAME_PREFIX, WORD_PREFIX, CODE = 0, 1, 2, 0


@dataclass(frozen=True)
class Entry:
    kind: str  # "commune" or "epci"
    code: str  # INSEE code of a commune, SIREN of an EPCI
    name: str
    department_code: str = ""
    department_name: str = ""
    population: int | None = None
    postal_codes: tuple[str, ...] = field(default=())
    epci_kind: str = ""

    @property
    def label(self) -> str:
        if self.kind == "commune":
            return f"{self.name} ({self.department_code})"
        return self.name


class SearchIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        keys: list[tuple[str, int, int]] = []
        by_code: dict[str, list[int]] = {}
        self._normalized = [normalize(entry.name) for entry in entries]
        for i, entry in enumerate(entries):
            words = self._normalized[i].split()
            keys.append((" ".join(words), NAME_PREFIX, i))
            for start in range(1, len(words)):
                keys.append((" ".join(words[start:]), WORD_PREFIX, i))
            codes = (entry.code.lower(), *entry.postal_codes) if entry.kind == "commune" else ()
            for code in codes:
                by_code.setdefault(code, []).append(i)
        # Tuples of ints, unlike lists, drop out of the garbage collector's scans: 40,000
        # lists here doubled the pause of every full collection (bench/autocomplete.py).
        self._by_code = {code: tuple(hits) for code, hits in by_code.items()}
        keys.sort()
        self._keys = [k for k, _, _ in keys]
        self._hits = [(score, i) for _, score, i in keys]
        self._codes = sorted(self._by_code)

    def search(self, query: str, limit: int = 10) -> list[Entry]:
        text = normalize(query)
        if not text:
            return []
        department = ""
        words = text.split()
        if len(words) > 1 and _DEPARTMENT.match(words[-1]):
            department, text = words[-1].upper(), " ".join(words[:-1])
        if _CODE.match(text.replace(" ", "")):
            scored = self._code_matches(text.replace(" ", ""))
        elif len(text) >= MIN_TEXT_LENGTH:
            scored = self._text_matches(text)
        else:
            return []
        if department:
            department = department.zfill(2) if department.isdigit() else department
            scored = {
                i: s for i, s in scored.items() if self.entries[i].department_code == department
            }
        literal = query.strip().lower()
        ranked = heapq.nsmallest(
            limit, scored.items(), key=lambda item: self._rank(item, text, literal)
        )
        return [self.entries[i] for i, _ in ranked]

    def _rank(self, item: tuple[int, int], text: str, literal: str) -> tuple:
        i, score = item
        entry = self.entries[i]
        exact = EXACT if self._normalized[i] == text else score
        # Among equal matches, the name spelled exactly as typed comes first
        # ("pommerieux": Pommerieux (53) before Pommérieux (57)), then communes, then size.
        as_typed = entry.name.lower() != literal
        kind = entry.kind != "commune"
        return (exact, as_typed, kind, -(entry.population or 0), entry.name, entry.code)

    def _text_matches(self, text: str) -> dict[int, int]:
        start = bisect.bisect_left(self._keys, text)
        end = bisect.bisect_left(self._keys, text + "\x7f", lo=start)
        scored: dict[int, int] = {}
        for score, i in self._hits[start:end]:
            if score < scored.get(i, WORD_PREFIX + 1):
                scored[i] = score
        return scored

    def _code_matches(self, code: str) -> dict[int, int]:
        start = bisect.bisect_left(self._codes, code)
        end = bisect.bisect_left(self._codes, code + "\x7f", lo=start)
        scored: dict[int, int] = {}
        for key in self._codes[start:end]:
            for i in self._by_code[key]:
                scored.setdefault(i, CODE if key == code else NAME_PREFIX)
        return scored


# --- The cached index of the database ------------------------------------------------------


def _stamp() -> object:
    from leviers.core.models import Dataset

    return (
        Dataset.objects.filter(key="decoupage-administratif")
        .values_list("imported_at", flat=True)
        .first()
    )


def build_index() -> SearchIndex:
    from leviers.territories.models import Commune, Department, Epci

    departments = dict(Department.objects.values_list("code", "name"))
    entries = [
        Entry(
            kind="commune",
            code=code,
            name=name,
            department_code=department,
            department_name=departments.get(department, ""),
            population=population,
            postal_codes=tuple(postal_codes or ()),
        )
        for code, name, department, population, postal_codes in Commune.objects.values_list(
            "code", "name", "department_id", "population", "postal_codes"
        )
    ]
    entries += [
        Entry(kind="epci", code=siren, name=name, population=population, epci_kind=kind)
        for siren, name, population, kind in Epci.objects.values_list(
            "siren", "name", "population", "kind"
        )
    ]
    return SearchIndex(entries)


index_cache = StampedCache("territory search index", stamp=_stamp, build=build_index)


def current_index() -> SearchIndex:
    """The index of the current referential, rebuilt when an import has changed it."""
    return index_cache.get()


def reset_index() -> None:
    """Forget the cached index (tests, and after an import in this process)."""
    index_cache.reset()


def search_territories(query: str, limit: int = 10) -> list[Entry]:
    return current_index().search(query, limit=limit)
