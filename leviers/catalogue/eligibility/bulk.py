"""Statuses alone, for many profiles: the eligibility map (every commune × every scheme).

`CompiledSchemes.evaluate` writes, for each profile, the sentence of every distinct criterion:
a few milliseconds with thousands of imported aids, far too slow 35,000 times over. But whether a
criterion is met reads little of a profile (a department code, a population band, who carries
the project...), and communes share those readings. So the criteria are grouped by what their
outcome reads (`READS`); for each group, the outcome of one reading is worked out once, by the
sentence functions themselves (sentences.py, the only place a rule is written) on the first
profile that has it, and kept as two masks of schemes (those with an unmet criterion, those
with an unknown one). A profile's statuses are then unions of masks already known.

    bulk = BulkStatuses(compiled)
    outcome = bulk.outcome(profile)    # (unmet, to_check): bit k for the k-th scheme
    bulk.statuses(outcome)             # ("eligible", "to_check", ...) in the catalogue's order

The same statuses as `compiled.evaluate(profile)` (tests/test_eligibility_bulk.py).
Pure Python: no Django, no database.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from leviers.catalogue.eligibility.criteria import AnyOf, Criterion
from leviers.catalogue.eligibility.engine import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    STATUS_OF_RANK,
    TO_CHECK,
    CompiledSchemes,
)
from leviers.catalogue.eligibility.sentences import EXPLAIN, Context
from leviers.catalogue.eligibility.types import Fact, Profile

# What the outcome of each kind of criterion reads of a profile (not its sentence, which names
# the territory too): keep in step with sentences.py. A kind missing here is evaluated for
# every profile (correct, slow); a test checks that every kind of EXPLAIN is here.
READS: dict[str, tuple[str, ...]] = {
    "national": (),
    "calendar": (),
    "verification": (),
    "text": (),
    "beneficiary": ("beneficiary",),
    "stage": ("stage",),
    "question": ("answers",),
    "department": ("department",),
    "region": ("region",),
    "commune": ("commune_lists",),
    "epci": ("epci_lists",),
    "commune_population": ("population",),
    "epci_population": ("epci_population",),
    "rural": ("density",),
    "density_level": ("density",),
    "epci_type": ("epci_type",),
    "programme": ("programmes",),
}
EVERYTHING = "profile"  # what a kind missing from READS reads


class BulkStatuses:
    """The statuses of a compiled catalogue, profile after profile (see the module)."""

    def __init__(self, compiled: CompiledSchemes):
        self.compiled = compiled
        self.size = len(compiled.keys)
        users = [0] * len(compiled.criteria)  # per criterion, the schemes holding it
        for k, places in enumerate(compiled.places):
            for i in places:
                users[i] |= 1 << k
        groups: dict[tuple[str, ...], list[tuple[Criterion, int]]] = {}
        for i, criterion in enumerate(compiled.criteria):
            reads = tuple(sorted(set(_reads(criterion))))
            groups.setdefault(reads, []).append((criterion, users[i]))
        # (what the group reads, its criteria with their schemes, outcome by reading)
        self._groups = [(reads, members, {}) for reads, members in groups.items()]
        leaves = {leaf for c in compiled.criteria for leaf in _leaves(c)}
        self._limits = {
            key: sorted({c.limit for c in leaves if c.key == key})
            for key in ("commune_population", "epci_population")
        }
        # Per code, the lists of codes (perimeters) holding it.
        self._hits: dict[str, dict[str, frozenset[int]]] = {"commune": {}, "epci": {}}
        for n, criterion in enumerate(c for c in leaves if c.key in self._hits):
            hits = self._hits[criterion.key]
            for code in criterion.values:
                hits[code] = hits.get(code, frozenset()) | {n}

    def outcome(self, profile: Profile) -> tuple[int, int]:
        """(unmet, to_check): bit k set when the k-th scheme has an unmet criterion, or else
        an unknown one. A scheme with neither is eligible."""
        readings = self._readings(profile)
        unmet = unknown = 0
        context = None
        for reads, members, known in self._groups:
            key = tuple(readings[name] for name in reads)
            masks = known.get(key)
            if masks is None:
                if context is None:
                    context = Context(profile)
                masks = _masks(members, context)
                if EVERYTHING not in reads:
                    known[key] = masks
            unmet |= masks[0]
            unknown |= masks[1]
        return unmet, unknown & ~unmet

    def statuses(self, outcome: tuple[int, int]) -> list[str]:
        """Every scheme's status for an outcome, in the catalogue's order."""
        unmet, to_check = (format(mask, f"0{self.size}b")[::-1] for mask in outcome)
        statuses = [
            NOT_ELIGIBLE if u == "1" else TO_CHECK if c == "1" else ELIGIBLE
            for u, c in zip(unmet, to_check, strict=True)
        ]
        for k, rank in self.compiled.fixed_rank.items():  # closed schemes and resources
            statuses[k] = STATUS_OF_RANK[rank]
        return statuses

    def _readings(self, profile: Profile) -> dict[str, object]:
        t = profile.territory
        members = t.members  # an EPCI alone: what its member communes say
        rural = _value(members.rural) if members else None
        return {
            "beneficiary": profile.beneficiary,
            "stage": profile.stage,
            "answers": tuple(sorted(profile.answers.items())),
            "department": t.department,
            "region": t.region,
            "commune_lists": (
                t.has_commune,
                t.commune_code is None,
                self._hits["commune"].get(t.commune_code),
            ),
            "epci_lists": (t.has_epci, t.epci_code is None, self._hits["epci"].get(t.epci_code)),
            "population": (
                t.has_commune,
                _band(t.population, self._limits["commune_population"]),
            ),
            "epci_population": (
                t.has_epci,
                _band(t.epci_population, self._limits["epci_population"]),
            ),
            "density": (t.has_commune, _value(t.density_level), members and members.count, rural),
            "epci_type": (t.has_epci, _value(t.epci_type)),
            "programmes": (
                t.has_commune,
                t.has_epci,
                tuple(sorted((slug, fact.value) for slug, fact in t.programmes.items())),
                members
                and tuple(sorted((s, bool(f.value)) for s, f in members.programmes.items())),
            ),
            EVERYTHING: None,
        }


def _reads(criterion: Criterion) -> Iterator[str]:
    if type(criterion) is AnyOf:
        for branch in criterion.branches:
            for inner in branch:
                yield from _reads(inner)
    else:
        yield from READS.get(criterion.key, (EVERYTHING,))


def _leaves(criterion: Criterion) -> Iterator[Criterion]:
    if type(criterion) is AnyOf:
        for branch in criterion.branches:
            for inner in branch:
                yield from _leaves(inner)
    else:
        yield criterion


def _masks(members: list[tuple[Criterion, int]], context: Context) -> tuple[int, int]:
    unmet = unknown = 0
    for criterion, schemes in members:
        met = EXPLAIN[criterion.key](criterion, context).met
        if met is False:
            unmet |= schemes
        elif met is None:
            unknown |= schemes
    return unmet, unknown


def _value(figure: Fact | None) -> object:
    return None if figure is None else figure.value


def _band(figure: Fact | None, limits: list[int]) -> tuple[int, int] | None:
    """Where a population stands among the limits of the catalogue: enough to compare it with
    any of them (below, equal or above), with `lt`, `lte`, `gt` or `gte`."""
    if figure is None:
        return None
    return bisect_left(limits, figure.value), bisect_right(limits, figure.value)
