"""French full-text search over the catalogue: a pure in-memory index, same on every database.

It forgives accents and case (`normalize`), plurals and simple inflections (a light French
stemmer: "épiceries solidaires" finds "épicerie solidaire", "tiers lieux" finds "tiers-lieu"),
spelling slips (one or two letters, through a deletion index) and unfinished words (prefixes).
Documents are ranked with BM25 over weighted fields (title first).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from operator import neg

from leviers.core.text import normalize

STOPWORDS = frozenset(
    """a au aux avec ce ces d dans de des du elle en et est il ils je l la le les leur lui ma
    mais me meme mes mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur
    ta te tes ton tu un une vos votre vous y c j m t""".split()
)
K1, B = 1.2, 0.75
# How much a match through an expansion counts, relative to an exact (stemmed) match.
PREFIX_WEIGHT, FUZZY_WEIGHT = 0.7, 0.5


def stem(word: str) -> str:
    """A light French stemmer: enough to fold plurals and feminine/masculine endings."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("eaux", "eau"), ("aux", "al"), ("ies", "ie")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return stem(word[: -len(suffix)] + replacement)
    if word[-1] in "sx" and len(word) > 4:
        word = word[:-1]
    # Feminine endings fold onto the masculine: associative → associatif, solidaire → solidair.
    for suffix, replacement in (("ive", "if"), ("euse", "eur"), ("ienne", "ien"), ("elle", "el")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in normalize(text).split() if w not in STOPWORDS]


def _deletes(term: str, distance: int) -> set[str]:
    results, frontier = set(), {term}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        results |= frontier
    return results


def _max_distance(term: str) -> int:
    return 0 if len(term) < 4 else 1 if len(term) < 8 else 2


@dataclass(frozen=True)
class Document:
    kind: str  # "scheme", "lever", "experience", "resource"
    slug: str
    title: str
    fields: tuple[tuple[str, float], ...]  # (text, weight)


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float
    matched: int  # how many query terms the document matches


class TextIndex:
    def __init__(self, documents: list[Document]):
        self.documents = documents
        frequencies: dict[str, dict[int, float]] = defaultdict(dict)
        lengths: list[float] = []
        for i, document in enumerate(documents):
            length = 0.0
            for text, weight in document.fields:
                for term in terms(text):
                    postings = frequencies[term]
                    postings[i] = postings.get(i, 0.0) + weight
                    length += weight
            lengths.append(length or 1.0)
        average = sum(lengths) / max(len(lengths), 1)
        total = len(documents)
        # The BM25 weight of each term in each document, computed once: a query only looks
        # them up (and scales them for prefix and fuzzy matches).
        self._weights: dict[str, dict[int, float]] = {}
        for term, postings in frequencies.items():
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            self._weights[term] = {
                doc: idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / average))
                for doc, tf in postings.items()
            }
        self._vocabulary = sorted(self._weights)
        self._deletion_index: dict[str, set[str]] = defaultdict(set)
        for term in self._vocabulary:
            for variant in _deletes(term, _max_distance(term)) | {term}:
                self._deletion_index[variant].add(term)
        # What ranking and filtering read, by document number.
        titles = {title: rank for rank, title in enumerate(sorted({d.title for d in documents}))}
        self._title_ranks = [titles[d.title] for d in documents]
        self._kinds = [d.kind for d in documents]

    def expand(self, term: str) -> dict[str, float]:
        """Index terms a query term stands for, with the weight of each kind of match."""
        found: dict[str, float] = {}
        if term in self._weights:
            found[term] = 1.0
        if len(term) >= 3:
            start = bisect.bisect_left(self._vocabulary, term)
            for candidate in self._vocabulary[start : start + 50]:
                if not candidate.startswith(term):
                    break
                found.setdefault(candidate, PREFIX_WEIGHT)
        distance = _max_distance(term)
        if distance and not found:
            for variant in _deletes(term, distance) | {term}:
                for candidate in self._deletion_index.get(variant, ()):
                    if _within(term, candidate, distance):
                        found.setdefault(candidate, FUZZY_WEIGHT)
        return found

    def search(
        self, query: str, kinds: set[str] | None = None, limit: int = 50, require_all: bool = True
    ) -> list[Hit]:
        """Ranked hits. With `require_all`, documents matching every word hide the others."""
        return self.search_page(query, kinds, limit=limit, require_all=require_all)[1]

    def search_page(
        self,
        query: str,
        kinds: set[str] | None = None,
        *,
        offset: int = 0,
        limit: int = 50,
        require_all: bool = True,
        where: Callable[[Document], bool] | None = None,
    ) -> tuple[int, list[Hit]]:
        """How many documents the query finds, and the ranked hits from `offset` to
        `offset + limit`: those matching every word first, then by relevance, then by title.
        `where` keeps only the documents it accepts (before `require_all` applies)."""
        query_terms = list(dict.fromkeys(terms(query)))
        if not query_terms:
            return 0, []
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        for term in query_terms:
            best = self._best(term)
            if not scores:  # (the first word: copies, at C speed)
                scores, matched = best, dict.fromkeys(best, 1)
                continue
            for doc, value in best.items():
                scores[doc] = scores.get(doc, 0.0) + value
                matched[doc] = matched.get(doc, 0) + 1
        found = list(scores)
        if kinds is not None and not set(self._kinds).issubset(kinds):
            found = [doc for doc in found if self._kinds[doc] in kinds]
        if where is not None:
            found = [doc for doc in found if where(self.documents[doc])]
        if require_all and len(query_terms) > 1:
            every = [doc for doc in found if matched[doc] == len(query_terms)]
            found = every or found
        # Sort keys built by `map` (no Python call per document); the counter keeps the order
        # of equal keys as a stable sort would.
        keys = zip(
            map(neg, map(matched.__getitem__, found)),
            map(neg, map(scores.__getitem__, found)),
            map(self._title_ranks.__getitem__, found),
            count(),
            found,
            strict=False,
        )
        page = heapq.nsmallest(offset + limit, keys)[offset:]
        return len(found), [Hit(self.documents[doc], scores[doc], matched[doc]) for *_, doc in page]

    def _best(self, term: str) -> dict[int, float]:
        """{document: weight} for one query word: the best of the index terms it stands for."""
        expansions = sorted(
            self.expand(term).items(), key=lambda item: -len(self._weights[item[0]])
        )
        best: dict[int, float] = {}
        for candidate, factor in expansions:
            weights = self._weights[candidate]
            if not best:
                best = (
                    dict(weights) if factor == 1.0 else {d: factor * w for d, w in weights.items()}
                )
                continue
            for doc, weight in weights.items():
                value = factor * weight
                if value > best.get(doc, 0.0):
                    best[doc] = value
        return best


def _within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance of a and b is at most `limit` (small strings)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1] <= limit
