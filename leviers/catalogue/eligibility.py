"""The eligibility engine: a profile (territory, project holder, stage, answers) against the
criteria of a scheme gives a verdict, with one French sentence per criterion.

    criteria = scheme_criteria(scheme.criteria, scheme.perimeter, where="dispositif « x »")
    verdict = evaluate(criteria, profile)       # one scheme
    verdict.status       # "eligible" | "not_eligible" | "to_check"
    verdict.reasons      # (Reason("Pommerieux compte 667 habitants (INSEE, COG 2026) : …"), …)
    verdict.questions    # the questions still worth asking

    schemes = CompiledSchemes({slug: criteria, …})  # once, at load
    verdicts = schemes.evaluate(profile)        # {slug: Verdict} for every scheme

Every figure comes with its citation (`Fact`); a missing figure gives "à vérifier", never a
guess (the sentences are written by sentences.py). Parsing (criteria.py) happens once, at
load; so do the sentences that do not depend on the profile. Evaluating a profile writes the
sentence of each distinct criterion once and shares it between the schemes
(bench/eligibility.py: 10,000 schemes in a few milliseconds).

Pure Python: no Django, no database. Tested in tests/test_eligibility.py.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat
from operator import and_, call, eq, itemgetter
from types import MappingProxyType
from typing import Generic, NamedTuple, TypeVar

from leviers.catalogue.criteria import (
    CONSTANT_REASONS,
    EPCI_TYPES,
    AnyOf,
    Ask,
    CriteriaError,
    Criterion,
    Question,
    Reason,
    parse_criteria,
    perimeter_criterion,
    scheme_criteria,
)
from leviers.catalogue.sentences import EXPLAIN, Context, bind
from leviers.catalogue.vocabulary import BENEFICIARIES, STAGES
from leviers.territories.density import DENSITY_LABELS

__all__ = [  # the engine, then what it re-exports from criteria.py
    "CompiledSchemes",
    "Fact",
    "Profile",
    "Territory",
    "Verdict",
    "Verdicts",
    "evaluate",
    "fact",
    "CriteriaError",
    "Criterion",
    "Question",
    "Reason",
    "parse_criteria",
    "perimeter_criterion",
    "scheme_criteria",
]

K = TypeVar("K")
ELIGIBLE, NOT_ELIGIBLE, TO_CHECK = "eligible", "not_eligible", "to_check"
STATUS_LABELS = {ELIGIBLE: "Éligible", NOT_ELIGIBLE: "Non éligible", TO_CHECK: "À vérifier"}


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure with its citation (producer and vintage): Fact(667, "INSEE, COG 2026")."""

    value: object
    source: str


def fact(value: object, source: str) -> Fact | None:
    """A Fact, or None when the value is missing (the data was never imported)."""
    return None if value is None else Fact(value, source)


@dataclass(frozen=True, slots=True)
class Territory:
    """The place of the project: a commune (with its EPCI) or an EPCI alone.

    Codes come from the referential cited by `referential` ("INSEE, COG 2026").
    `programmes` holds one Fact(bool) per programme whose list was imported: membership, with
    the list's citation. A programme absent from it was never imported: "à vérifier".
    """

    commune_name: str = ""
    commune_code: str | None = None  # code INSEE
    population: Fact | None = None  # int
    density_level: Fact | None = None  # int, 1 to 7
    department: str | None = None  # code INSEE
    department_name: str = ""
    region: str | None = None  # code INSEE
    region_name: str = ""
    epci_code: str | None = None  # SIREN
    epci_name: str = ""
    epci_type: Fact | None = None  # CC | CA | CU | ME
    epci_population: Fact | None = None  # int
    programmes: Mapping[str, Fact] = field(default_factory=dict)
    referential: str = ""

    def __post_init__(self):
        for name in ("population", "density_level", "epci_type", "epci_population"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Fact):
                raise TypeError(f"Territory.{name} must be a Fact or None, not {value!r}")
            if value is not None and value.value is None:
                object.__setattr__(self, name, None)
        for name in ("population", "epci_population"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value.value, bool) or not isinstance(value.value, int) or value.value < 0
            ):
                raise ValueError(f"Territory.{name}: a population is an int >= 0, {value!r}")
        if self.density_level is not None and self.density_level.value not in DENSITY_LABELS:
            raise ValueError(f"Territory.density_level: unknown level {self.density_level!r}")
        if self.epci_type is not None and self.epci_type.value not in EPCI_TYPES:
            raise ValueError(f"Territory.epci_type: unknown type {self.epci_type!r}")
        for slug, membership in self.programmes.items():
            if not isinstance(membership, Fact) or not isinstance(membership.value, bool):
                raise TypeError(f"Territory.programmes[{slug!r}] must be a Fact(bool, source)")
        object.__setattr__(self, "programmes", MappingProxyType(dict(self.programmes)))

    @property
    def has_commune(self) -> bool:
        return bool(self.commune_code or self.commune_name)

    @property
    def has_epci(self) -> bool:
        return bool(self.epci_code or self.epci_name)


@dataclass(frozen=True, slots=True)
class Profile:
    """Who asks: the territory, who carries the project, its stage, and the answers given."""

    territory: Territory
    beneficiary: str | None = None  # BENEFICIARIES slug
    stage: str | None = None  # STAGES slug
    answers: Mapping[str, bool] = field(default_factory=dict)
    # Sentences already written for this profile, by criterion (see evaluate).
    _context: Context | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.beneficiary is not None and self.beneficiary not in BENEFICIARIES:
            raise ValueError(f"Profile.beneficiary: unknown slug {self.beneficiary!r}")
        if self.stage is not None and self.stage not in STAGES:
            raise ValueError(f"Profile.stage: unknown slug {self.stage!r}")
        for qid, answer in self.answers.items():
            if not isinstance(answer, bool):
                raise TypeError(f"Profile.answers[{qid!r}] must be a bool, not {answer!r}")
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))

    def answering(self, answers: Mapping[str, bool]) -> Profile:
        """The same profile with more answers (a new profile: sentences are rewritten)."""
        return Profile(self.territory, self.beneficiary, self.stage, {**self.answers, **answers})


class Verdict(NamedTuple):
    """The outcome for one scheme, with one reason per criterion (perimeter first).

    A named tuple, built without a Python-level __init__: there is one per scheme.
    """

    status: str  # ELIGIBLE | NOT_ELIGIBLE | TO_CHECK
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def questions(self) -> list[Question]:
        """Open questions whose answer can change the verdict, once each (by id).

        Empty when the scheme is already out of reach: no answer would make it eligible.
        """
        if self.status != TO_CHECK:
            return []
        found: dict[str, Question] = {}
        _open_questions(self.reasons, found)
        return list(found.values())


def _open_questions(reasons: Iterable[Reason], found: dict[str, Question]) -> None:
    for reason in reasons:
        if reason.met is None:
            if reason.question is not None:
                found.setdefault(reason.question.id, reason.question)
            if reason.details:
                _open_questions(reason.details, found)


def evaluate(criteria: Sequence[Criterion], profile: Profile) -> Verdict:
    """All criteria must be met: any unmet → not eligible; else any unknown → to check.

    For a whole catalogue, build a `CompiledSchemes` once and call its `evaluate`.
    """
    context = profile._context or bind(profile)
    memo = context.memo if context.seeded else context.seed()
    reasons = []
    unmet = unknown = False
    for criterion in criteria:
        reason = memo.get(criterion)
        if reason is None:
            reason = memo[criterion] = EXPLAIN[criterion.key](criterion, context)
        reasons.append(reason)
        if reason.met is not True:
            if reason.met is False:
                unmet = True
            else:
                unknown = True
    status = NOT_ELIGIBLE if unmet else TO_CHECK if unknown else ELIGIBLE
    return Verdict(status, tuple(reasons))


_UNMET, _UNKNOWN, _MET = 0, 1, 2  # ranks: a verdict is its worst criterion
_RANK = {False: _UNMET, None: _UNKNOWN, True: _MET}
STATUS_OF_RANK = (NOT_ELIGIBLE, TO_CHECK, ELIGIBLE)  # the status of each rank (Verdicts.ranks)


class CompiledSchemes(Generic[K]):
    """Schemes compiled for evaluation: build it once (at load), then evaluate each profile.

    Each distinct criterion of the catalogue gets a position. Evaluating a profile writes the
    sentence of each distinct criterion once (those that do not depend on the profile are
    ready-made), then gives every scheme its reasons and its status by picking positions with
    precomputed `operator.itemgetter`s, driven by `map`: no Python-level loop per scheme.
    """

    __slots__ = (
        "_keys",
        "_reason_picks",
        "_rank_picks",
        "_reasons",
        "_ranks",
        "_variable",
        "_asks",
        "_asking_keys",
        "_asking_places",
    )

    def __init__(self, schemes: Mapping[K, Sequence[Criterion]]):
        position: dict[Criterion, int] = {}
        places = [
            tuple(position.setdefault(c, len(position)) for c in criteria)
            for criteria in schemes.values()
        ]
        spare = len(position)  # a last rank, _MET, for schemes without criteria
        self._keys = list(schemes)
        self._reason_picks, self._rank_picks = [], []
        for found in places:
            if len(found) > 1:
                pick = itemgetter(*found)
                self._reason_picks.append(pick)
                self._rank_picks.append(pick)
            else:  # slices keep one reason (or none) in a tuple
                one = itemgetter(slice(found[0], found[0] + 1)) if found else None
                self._reason_picks.append(one or itemgetter(slice(0, 0)))
                self._rank_picks.append(one or itemgetter(slice(spare, spare + 1)))
        ready = [CONSTANT_REASONS.get(c) for c in position]
        self._reasons = ready
        self._ranks = [_MET if r is None else _RANK[r.met] for r in ready] + [_MET]
        self._variable = [
            (i, c, EXPLAIN[c.key]) for i, c in enumerate(position) if ready[i] is None
        ]
        self._asks: dict[str, list[tuple[int, Ask]]] = {}
        for i, c in enumerate(position):
            if type(c) is Ask:
                self._asks.setdefault(c.question.id, []).append((i, c))
        # Per scheme, the positions of its criteria that can leave a question open (a question,
        # or an any_of holding one): counting the open questions only looks at those.
        can_ask = [_can_ask(c) for c in position]
        asking = [tuple(i for i in found if can_ask[i]) for found in places]
        self._asking_keys = [k for k, found in enumerate(asking) if found]
        self._asking_places = [asking[k] for k in self._asking_keys]

    def __len__(self) -> int:
        return len(self._keys)

    def evaluate(self, profile: Profile) -> Verdicts[K]:
        """Every scheme's verdict, in the catalogue's order.

        The cyclic garbage collector is paused meanwhile: everything built here stays alive
        until returned, so collecting is wasted work, and the generation counts it would bump
        trigger full collections of the whole process heap (the p95 of a request).
        """
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            return self._evaluate(profile)
        finally:
            if paused:
                gc.enable()

    def _evaluate(self, profile: Profile) -> Verdicts[K]:
        context = profile._context or bind(profile)
        rank = _RANK
        reasons, ranks = self._reasons.copy(), self._ranks.copy()
        for qid, answer in profile.answers.items():
            for i, ask in self._asks.get(qid, ()):
                reason = reasons[i] = ask.reasons[answer]
                ranks[i] = rank[reason.met]
        # Each distinct criterion appears once here: no need to remember its sentence.
        for i, criterion, explain in self._variable:
            reason = reasons[i] = explain(criterion, context)
            ranks[i] = rank[reason.met]
        worst = list(map(min, map(call, self._rank_picks, repeat(ranks))))
        return Verdicts(self, worst, tuple(reasons))  # a slice of a tuple is a tuple


def _can_ask(criterion: Criterion) -> bool:
    if type(criterion) is Ask:
        return True
    if type(criterion) is AnyOf:
        return any(_can_ask(c) for branch in criterion.branches for c in branch)
    return False


class Verdicts(Mapping[K, Verdict]):
    """The verdicts of one profile on a compiled catalogue: {key: Verdict}, in its order.

    Underneath, in the catalogue's order: `ranks` (0 not eligible, 1 to check, 2 eligible: a
    verdict is its worst criterion) and, per scheme, a function (`reason_picks`) that picks
    its reasons, as a tuple, out of `distinct` (the sentence of every distinct criterion,
    all written by `evaluate`). `statuses` and `reasons` give them by key.
    """

    __slots__ = ("_compiled", "ranks", "distinct", "__dict__")

    def __init__(self, compiled: CompiledSchemes[K], ranks: list[int], distinct):
        self._compiled, self.ranks, self.distinct = compiled, ranks, distinct

    @property
    def reason_picks(self) -> list[itemgetter]:
        return self._compiled._reason_picks

    @cached_property
    def statuses(self) -> dict[K, str]:
        return dict(
            zip(self._compiled._keys, map(STATUS_OF_RANK.__getitem__, self.ranks), strict=True)
        )

    @cached_property
    def reasons(self) -> dict[K, tuple[Reason, ...]]:
        reasons = map(call, self.reason_picks, repeat(self.distinct))
        return dict(zip(self._compiled._keys, reasons, strict=True))

    def __getitem__(self, key: K) -> Verdict:
        return Verdict(self.statuses[key], self.reasons[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._compiled._keys)

    def __len__(self) -> int:
        return len(self.ranks)

    def keys_with(self, status: str) -> list[K]:
        """The schemes with this status, in the catalogue's order."""
        return [key for key, found in self.statuses.items() if found == status]

    def count_questions(self, shown: Sequence[bool]) -> list[tuple[Question, int]]:
        """The open questions of the schemes to check, among those `shown` (a flag per scheme,
        in the catalogue's order), each with the number of those schemes it concerns: most
        asked first, then by text. (A scheme out of reach asks nothing: no answer would help.)

        Schemes asking through the same criteria count together: their questions are worked
        out once per set of criteria.
        """
        keys, places = self._compiled._asking_keys, self._compiled._asking_places
        to_check = map(eq, map(self.ranks.__getitem__, keys), repeat(_UNKNOWN))
        together = Counter(compress(places, map(and_, to_check, map(shown.__getitem__, keys))))
        distinct = self.distinct
        counts: dict[str, list] = {}
        for asking, schemes in together.items():
            found: dict[str, Question] = {}
            _open_questions((distinct[i] for i in asking), found)
            for qid, question in found.items():
                entry = counts.get(qid)
                if entry is None:
                    counts[qid] = [question, schemes]
                else:
                    entry[1] += schemes
        return sorted(((q, n) for q, n in counts.values()), key=lambda qn: (-qn[1], qn[0].text))
