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
guess. Parsing (criteria.py) happens once, at load; so do the sentences that do not depend on
the profile. Evaluating a profile writes the sentence of each distinct criterion once and
shares it between the schemes (bench/eligibility.py: 10,000 schemes in about 10 ms).

Pure Python: no Django, no database. Tested in tests/test_eligibility.py.
"""

from __future__ import annotations

import gc
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from operator import call, itemgetter
from types import MappingProxyType
from typing import Generic, NamedTuple, TypeVar

from leviers.catalogue.criteria import (
    BENEFICIARY_FORMS,
    CONSTANT_REASONS,
    EPCI_TYPES,
    QUESTIONS_BY_ID,
    AnyOf,
    Ask,
    CriteriaError,
    Criterion,
    FreeText,
    InProgramme,
    National,
    Question,
    Reason,
    Rural,
    Threshold,
    number,
    parse_criteria,
    perimeter_criterion,
    scheme_criteria,
)
from leviers.catalogue.vocabulary import BENEFICIARIES, STAGES
from leviers.territories.density import DENSITY_LABELS, RURAL_LEVELS

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

MET, UNMET, CHECK = "condition remplie.", "condition non remplie.", "à vérifier."


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
    _context: _Context | None = field(default=None, init=False, repr=False, compare=False)

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
    context = profile._context or _bind(profile)
    memo = context.memo if context.seeded else context.seed()
    reasons = []
    unmet = unknown = False
    for criterion in criteria:
        reason = memo.get(criterion)
        if reason is None:
            reason = memo[criterion] = _EXPLAIN[criterion.key](criterion, context)
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
_STATUS = (NOT_ELIGIBLE, TO_CHECK, ELIGIBLE)


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
        "_asking",
        "_asking_keys",
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
            (i, c, _EXPLAIN[c.key]) for i, c in enumerate(position) if ready[i] is None
        ]
        self._asks: dict[str, list[tuple[int, Ask]]] = {}
        for i, c in enumerate(position):
            if type(c) is Ask:
                self._asks.setdefault(c.question.id, []).append((i, c))
        # Per scheme, the positions of its criteria that can leave a question open (a question,
        # or an any_of holding one): counting the open questions only looks at those.
        can_ask = [_can_ask(c) for c in position]
        self._asking = [tuple(i for i in found if can_ask[i]) for found in places]
        self._asking_keys = [k for k, found in enumerate(self._asking) if found]

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
        context = profile._context or _bind(profile)
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
        return dict(zip(self._compiled._keys, map(_STATUS.__getitem__, self.ranks), strict=True))

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
        asking, ranks = self._compiled._asking, self.ranks
        together = Counter(
            asking[k] for k in self._compiled._asking_keys if ranks[k] == _UNKNOWN and shown[k]
        )
        distinct = self.distinct
        counts: dict[str, list] = {}
        for places, schemes in together.items():
            found: dict[str, Question] = {}
            _open_questions((distinct[i] for i in places), found)
            for qid, question in found.items():
                entry = counts.get(qid)
                if entry is None:
                    counts[qid] = [question, schemes]
                else:
                    entry[1] += schemes
        return sorted(((q, n) for q, n in counts.values()), key=lambda qn: (-qn[1], qn[0].text))


# What is derived once per profile.


class _Context:
    __slots__ = ("profile", "territory", "memo", "seeded", "commune", "epci", "subject", "cite")
    __slots__ += ("areas",)

    def __init__(self, profile: Profile):
        t = profile.territory
        self.profile, self.territory = profile, t
        # Sentences written for this profile, and the answered questions.
        self.memo: dict[Criterion, Reason] = {
            ask: ask.reasons[answer]
            for qid, answer in profile.answers.items()
            for ask in QUESTIONS_BY_ID.get(qid, ())
        }
        self.seeded = False
        self.commune = (t.commune_name or f"la commune {t.commune_code}") if t.has_commune else None
        self.epci = (t.epci_name or f"l'intercommunalité {t.epci_code}") if t.has_epci else None
        self.subject = self.commune or self.epci or "le territoire"
        self.cite = f" ({t.referential})" if t.referential else ""
        self.areas = _areas(self)

    def seed(self) -> dict[Criterion, Reason]:
        """The memo with the ready-made reasons too: one lookup per criterion afterwards.

        Done on the first `evaluate` of a profile (called scheme by scheme, it meets every
        criterion); `CompiledSchemes` has them in place already and skips this copy.
        """
        seeded = CONSTANT_REASONS.copy()
        seeded.update(self.memo)  # answers and sentences already written win
        self.memo, self.seeded = seeded, True
        return seeded

    def explain(self, criterion: Criterion) -> Reason:
        """The reason of one criterion for this profile, written once then remembered."""
        reason = self.memo.get(criterion) or CONSTANT_REASONS.get(criterion)
        if reason is None:
            reason = self.memo[criterion] = _EXPLAIN[criterion.key](criterion, self)
        return reason


def _bind(profile: Profile) -> _Context:
    context = _Context(profile)
    object.__setattr__(profile, "_context", context)
    return context


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _of(name: str) -> str:
    """ "de" with French elision and contraction: d'Ernée, du Mans, des Sables-d'Olonne."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in "AEIOUYÉÈÊÂÎÔÛ":
        return "d'" + name
    return "de " + name


def _habitants(count: int) -> str:
    return f"{number(count)} habitant{'s' if count > 1 else ''}"


def _no_commune(demand: str) -> str:
    return f"Le profil ne précise pas de commune ; {demand} : {CHECK}"


# One function per kind of criterion; each writes the sentence for this profile.

_COMPARE = {"lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge}


def _threshold(c: Threshold, ctx: _Context) -> Reason:
    t = ctx.territory
    demand = f"ce dispositif demande une {c.label}"
    if c.key == "commune_population":
        subject, figure = ctx.commune, t.population
        if subject is None:
            return Reason(_no_commune(demand), None, c.key)
    else:
        subject, figure = ctx.epci, t.epci_population
        if subject is None:
            return Reason(_unknown_epci(ctx, demand), None, c.key)
    if figure is None:
        text = f"La population {_of(subject)} n'est pas connue ; {demand} : {CHECK}"
        return Reason(text, None, c.key)
    met = _COMPARE[c.comparator](figure.value, c.limit)
    phrase, ending = (c.met_phrase, MET) if met else (c.unmet_phrase, UNMET)
    text = (
        f"{_cap(subject)} compte {_habitants(figure.value)} ({figure.source}) : {phrase}, {ending}"
    )
    return Reason(text, met, c.key)


def _unknown_epci(ctx: _Context, demand: str) -> str:
    if ctx.commune is None:
        return f"Le profil ne précise pas d'intercommunalité ; {demand} : {CHECK}"
    return f"L'intercommunalité {_of(ctx.commune)} n'est pas connue ; {demand} : {CHECK}"


def _rural(c: Rural, ctx: _Context) -> Reason:
    if ctx.commune is None:
        return Reason(_no_commune("ce dispositif demande une commune rurale"), None, c.key)
    level = ctx.territory.density_level
    if level is None:
        return Reason(f"La densité {_of(ctx.commune)} n'est pas connue : {CHECK}", None, c.key)
    met = level.value in RURAL_LEVELS
    outcome = f"commune rurale, {MET}" if met else f"commune non rurale, {UNMET}"
    return Reason(f"{_density(ctx, level)} : {outcome}", met, c.key)


def _density(ctx: _Context, level: Fact) -> str:
    return (
        f"{_cap(ctx.commune)} est au niveau {level.value} de la grille de densité, "
        f"« {DENSITY_LABELS[level.value]} » ({level.source})"
    )


def _beneficiary(c, ctx: _Context) -> Reason:
    demand = f"ce dispositif s'adresse {c.wording}"
    holder = ctx.profile.beneficiary
    if holder is None:
        return Reason(f"Le porteur du projet n'est pas précisé ; {demand} : {CHECK}", None, c.key)
    met = holder in c.values
    text = f"Le projet est porté par {BENEFICIARY_FORMS[holder][0]} ; {demand} : "
    return Reason(text + (MET if met else UNMET), met, c.key)


def _stage(c, ctx: _Context) -> Reason:
    demand = f"ce dispositif intervient {c.wording}"
    stage = ctx.profile.stage
    if stage is None:
        return Reason(f"L'étape du projet n'est pas précisée ; {demand} : {CHECK}", None, c.key)
    met = stage in c.values
    text = f"Le projet en est à l'étape « {STAGES[stage]} » ; {demand} : "
    return Reason(text + (MET if met else UNMET), met, c.key)


def _density_level(c, ctx: _Context) -> Reason:
    demand = f"ce dispositif demande {c.wording} de la grille de densité"
    if ctx.commune is None:
        return Reason(_no_commune(demand), None, c.key)
    level = ctx.territory.density_level
    if level is None:
        text = f"La densité {_of(ctx.commune)} n'est pas connue ; {demand} : {CHECK}"
        return Reason(text, None, c.key)
    if level.value in c.values:
        return Reason(f"{_density(ctx, level)} : {MET}", True, c.key)
    return Reason(f"{_density(ctx, level)} ; {demand} : {UNMET}", False, c.key)


def _epci_type(c, ctx: _Context) -> Reason:
    demand = f"ce dispositif demande {c.wording}"
    if ctx.epci is None:
        return Reason(_unknown_epci(ctx, demand), None, c.key)
    kind = ctx.territory.epci_type
    if kind is None:
        return Reason(f"Le type {_of(ctx.epci)} n'est pas connu ; {demand} : {CHECK}", None, c.key)
    seen = f"{_cap(ctx.epci)} est {EPCI_TYPES[kind.value][1]} ({kind.source})"
    if kind.value in c.values:
        return Reason(f"{seen} : {MET}", True, c.key)
    return Reason(f"{seen} ; {demand} : {UNMET}", False, c.key)


_AREAS = {  # key → (Territory code, Territory name, noun, "couvert" and "connu" agreed)
    "region": ("region", "region_name", "la région", "couverte", "connue"),
    "department": ("department", "department_name", "le département", "couvert", "connu"),
}


def _areas(ctx: _Context) -> dict[str, tuple[str | None, str]]:
    """Per key, the territory's code and the start of the sentence ("Pommerieux est dans …")."""
    t, areas = ctx.territory, {}
    for key, (code_field, name_field, noun, _, known) in _AREAS.items():
        code, name = getattr(t, code_field), getattr(t, name_field)
        if code is None:
            areas[key] = (None, f"{_cap(noun)} {_of(ctx.subject)} n'est pas {known}")
        else:
            named = f"{code} – {name}" if name else code
            areas[key] = (code, f"{_cap(ctx.subject)} est dans {noun} {named}{ctx.cite}")
    return areas


def _area(c, ctx: _Context) -> Reason:
    code, seen = ctx.areas[c.key]
    if code is None:
        return Reason(f"{seen} ; ce dispositif couvre {c.wording} : {CHECK}", None, c.key)
    if code in c.values:
        return Reason(f"{seen}, {_AREAS[c.key][3]} par ce dispositif : {MET}", True, c.key)
    return Reason(f"{seen} ; ce dispositif couvre {c.wording} : {UNMET}", False, c.key)


def _commune(c, ctx: _Context) -> Reason:
    demand = f"ce dispositif couvre {c.wording}"
    code = ctx.territory.commune_code
    if ctx.commune is None:
        return Reason(_no_commune(demand), None, c.key)
    if code is None:
        text = f"Le code INSEE {_of(ctx.commune)} n'est pas connu ; {demand} : {CHECK}"
        return Reason(text, None, c.key)
    return _in_perimeter(c, f"{_cap(ctx.commune)} ({code})", code in c.values)


def _epci(c, ctx: _Context) -> Reason:
    siren = ctx.territory.epci_code
    if ctx.epci is None or siren is None:
        return Reason(_unknown_epci(ctx, f"ce dispositif couvre {c.wording}"), None, c.key)
    who = f"{_cap(ctx.epci)} ({siren})"
    if ctx.commune is not None:
        who += f", intercommunalité {_of(ctx.commune)}{ctx.cite},"
    return _in_perimeter(c, who, siren in c.values)


def _in_perimeter(c, who: str, met: bool) -> Reason:
    if met:
        return Reason(f"{who} fait partie du périmètre de ce dispositif : {MET}", True, c.key)
    text = f"{who} ne fait pas partie du périmètre de ce dispositif, qui couvre {c.wording} : "
    return Reason(text + UNMET, False, c.key)


def _programme(c: InProgramme, ctx: _Context) -> Reason:
    membership = ctx.territory.programmes.get(c.programme)
    name = c.programme_label
    if membership is None and ctx.commune is None:
        demand = f"ce dispositif est réservé au programme {name}"
        return Reason(_no_commune(demand), None, c.key)
    if membership is None:
        text = (
            f"La liste du programme {name} n'a pas été importée : à vérifier si "
            f"{ctx.subject} en fait partie."
        )
        return Reason(text, None, c.key)
    if membership.value:
        text = f"{_cap(ctx.subject)} fait partie du programme {name} ({membership.source}) : {MET}"
        return Reason(text, True, c.key)
    text = f"{_cap(ctx.subject)} ne fait pas partie du programme {name} ({membership.source}) : "
    return Reason(text + UNMET, False, c.key)


def _question(c: Ask, ctx: _Context) -> Reason:
    return c.reasons[ctx.profile.answers.get(c.question.id)]


def _constant(c: FreeText | National, ctx: _Context) -> Reason:
    return c.reason


def _any_of(c: AnyOf, ctx: _Context) -> Reason:
    outcomes = []  # (status of the branch, its reasons)
    for branch in c.branches:
        reasons = [ctx.explain(criterion) for criterion in branch]
        mets = [r.met for r in reasons]
        outcomes.append((False if False in mets else None if None in mets else True, reasons))
    for (status, reasons), label in zip(outcomes, c.branch_labels, strict=True):
        if status is True:
            text = f"Une des situations prévues est remplie ({label}) : {MET}"
            return Reason(text, True, c.key, details=tuple(reasons))
    open_ = [i for i, (status, _) in enumerate(outcomes) if status is None]
    if not open_:
        labels = " ; ou ".join(c.branch_labels)
        details = tuple(r for _, reasons in outcomes for r in reasons if r.met is False)
        text = f"Aucune des situations prévues n'est remplie ({labels}) : {UNMET}"
        return Reason(text, False, c.key, details=details)
    labels = " ; ou ".join(c.branch_labels[i] for i in open_)
    details = tuple(dict.fromkeys(r for i in open_ for r in outcomes[i][1]))
    text = f"Une des situations prévues reste possible ({labels}) : {CHECK}"
    return Reason(text, None, c.key, details=details)


_EXPLAIN = {  # criterion key → the function writing its sentence
    "any_of": _any_of,
    "beneficiary": _beneficiary,
    "commune": _commune,
    "commune_population": _threshold,
    "density_level": _density_level,
    "department": _area,
    "epci": _epci,
    "epci_population": _threshold,
    "epci_type": _epci_type,
    "national": _constant,
    "programme": _programme,
    "question": _question,
    "region": _area,
    "rural": _rural,
    "stage": _stage,
    "text": _constant,
}
