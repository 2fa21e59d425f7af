"""The commune and EPCI finder: a pure in-memory index, and its cached copy of the database.

The index answers in microseconds on both databases: it forgives accents, case, hyphens,
apostrophes and "St"/"Saint" (see `leviers.core.text.normalize`), matches any word of a
name ("racan" finds Aubigné-Racan), and takes postal codes, INSEE codes and EPCI SIRENs. A
trailing department code narrows homonyms ("saint denis 93"). An intercommunality is found
with or without the words of its kind ("Communauté de communes Anjou Loir et Sarthe" finds
« CC Anjou Loir et Sarthe »).

Typos: when the exact search finds nothing, each word of four letters or more
may be one letter off (a letter missing, added, changed, or two swapped), and a word of eight
letters or more two letters off: "pomerieux" finds Pommerieux. One letter off: candidates come
from an index of the names' words with one letter deleted (the "symmetric delete" method, as
in the catalogue's full-text search; about 25 MB, built at the first typo). Two letters off,
only when one finds nothing: the words that start with the same three letters. Each candidate
is then checked by its edit distance.
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
_CODE = re.compile(r"^(\d{2,5}|2[ab]\d{0,3}|\d{9})$")
# Score of a match, lower is better.
EXACT, NAME_PREFIX, WORD_PREFIX, TYPO, CODE = 0, 1, 2, 3, 0
# What people write before an intercommunality's name, as normalize() leaves it.
_EPCI_KINDS = re.compile(
    r"^(communaute (de communes?|d agglomeration|urbaine)|metropole|cc|ca|cu)"
    r"( (du|de la|des|de|d))? "
)
# Typos forgiven in a word of that many letters or more.
ONE_TYPO, TWO_TYPOS = 4, 8


def typos_allowed(word: str) -> int:
    return 2 if len(word) >= TWO_TYPOS else 1 if len(word) >= ONE_TYPO else 0


def deletions(word: str) -> set[str]:
    """`word` with one letter deleted, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or `limit` + 1
    once it is sure to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


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
            for code in (*codes, entry.code) if entry.kind == "epci" else codes:
                by_code.setdefault(code, []).append(i)
        # Tuples of ints, unlike lists, drop out of the garbage collector's scans: 40,000
        # lists here doubled the pause of every full collection (bench/autocomplete.py).
        self._by_code = {code: tuple(hits) for code, hits in by_code.items()}
        keys.sort()
        self._keys = [k for k, _, _ in keys]
        self._hits = [(score, i) for _, score, i in keys]
        self._codes = sorted(self._by_code)
        # Typos: each word of the names and the entries holding it; the rest is built at the
        # first search that needs it (half a second), not at every start.
        by_word: dict[str, list[int]] = {}
        for i, name in enumerate(self._normalized):
            for word in set(name.split()):
                by_word.setdefault(word, []).append(i)
        self._by_word = {word: tuple(hits) for word, hits in by_word.items()}
        self._near_index: dict[str, str | tuple[str, ...]] | None = None
        self._long_words = sorted(word for word in self._by_word if len(word) >= TWO_TYPOS - 2)

    def _near(self) -> dict[str, str | tuple[str, ...]]:
        """Each word of four letters or more, and the word with one letter deleted, each way:
        the words they come from (one word as a string, several as a tuple)."""
        if self._near_index is None:
            near: dict[str, str | tuple[str, ...]] = {}
            for word in self._by_word:
                if typos_allowed(word):
                    for i in range(len(word) + 1):
                        variant = word[:i] + word[i + 1 :]
                        known = near.get(variant)
                        if known is None:
                            near[variant] = word
                        elif isinstance(known, str):
                            near[variant] = (known, word)
                        else:
                            near[variant] = (*known, word)
            self._near_index = near
        return self._near_index

    def search(self, query: str, limit: int = 10) -> list[Entry]:
        return self.search_counted(query, limit)[0]

    def search_counted(self, query: str, limit: int = 10) -> tuple[list[Entry], int]:
        """The `limit` best matches, and how many names match in all."""
        text = normalize(query)
        if not text:
            return [], 0
        department = ""
        words = text.split()
        if len(words) > 1 and _DEPARTMENT.match(words[-1]):
            department, text = words[-1].upper(), " ".join(words[:-1])
        epci_only = False
        if _CODE.match(text.replace(" ", "")):
            scored = self._code_matches(text.replace(" ", ""))
        elif len(text) >= MIN_TEXT_LENGTH:
            if (kind := _EPCI_KINDS.match(text + " ")) and len(text) > kind.end():
                epci_only, text = True, text[kind.end() :]
            scored = self._text_matches(text)
            if epci_only:
                scored = {i: s for i, s in scored.items() if self.entries[i].kind == "epci"}
            if not scored:
                scored = self._typo_matches(text)
                if epci_only:
                    scored = {i: s for i, s in scored.items() if self.entries[i].kind == "epci"}
        else:
            return [], 0
        if department:
            department = department.zfill(2) if department.isdigit() else department
            scored = {
                i: s for i, s in scored.items() if self.entries[i].department_code == department
            }
        literal = query.strip().lower()
        ranked = heapq.nsmallest(
            limit, scored.items(), key=lambda item: self._rank(item, text, literal)
        )
        return [self.entries[i] for i, _ in ranked], len(scored)

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

    def _typo_matches(self, text: str) -> dict[int, int]:
        """Names holding every word of `text`, each word spelt right or with its allowed
        typos (the last word may be the start of a word, typed as is)."""
        words = text.split()
        found: set[int] | None = None
        for position, word in enumerate(words):
            hits: set[int] = set(self._by_word.get(word, ()))
            if position == len(words) - 1:
                start = bisect.bisect_left(self._keys, word)
                end = bisect.bisect_left(self._keys, word + "\x7f", lo=start)
                hits.update(i for _, i in self._hits[start:end])
            if allowed := typos_allowed(word):
                hits.update(*(self._by_word[near] for near in self._near_words(word, allowed)))
            found = hits if found is None else found & hits
            if not found:
                return {}
        return dict.fromkeys(found or (), TYPO)

    def _near_words(self, word: str, allowed: int) -> list[str]:
        near = self._near()
        candidates: set[str] = set()
        for variant in (word, *deletions(word)):
            known = near.get(variant, ())
            candidates.update((known,) if isinstance(known, str) else known)
        found = [c for c in candidates if edit_distance(word, c, 1) <= 1]
        if found or allowed < 2:
            return found
        start = bisect.bisect_left(self._long_words, word[:3])
        end = bisect.bisect_left(self._long_words, word[:3] + "\x7f", lo=start)
        return [c for c in self._long_words[start:end] if edit_distance(word, c, 2) <= 2]

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


def search_territories_counted(query: str, limit: int = 10) -> tuple[list[Entry], int]:
    """The `limit` best matches and how many there are in all (« 30 premiers sur 65 »)."""
    return current_index().search_counted(query, limit=limit)
