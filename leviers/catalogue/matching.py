"""Matching: for a profile and its needs, the levers, experiences and schemes that fit — each
with the reasons why. Pure Python over plain items (built from the database by `indexing.snapshot`).

- Levers are ranked by the needs they answer, then by the experiences that used them in
  comparable communes.
- Experiences are ranked by similarity: shared needs, size, rurality, department, region.
- Schemes are grouped by verdict (éligible, à vérifier, non éligible: see eligibility.py), then
  ranked by relevance to the needs, the stage and the recommended levers.
"""

from __future__ import annotations

import gc
import math
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import compress, repeat
from operator import add, and_, ge, itemgetter, mul

from leviers.catalogue import vocabulary
from leviers.catalogue.criteria import Criterion, Question, number
from leviers.catalogue.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    STATUS_OF_RANK,
    TO_CHECK,
    CompiledSchemes,
    Profile,
    Verdict,
)
from leviers.territories.density import RURAL_LEVELS

VERDICT_ORDER = (ELIGIBLE, TO_CHECK, NOT_ELIGIBLE)
# An imported aid (not curated) is shown only when it relates to the needs or the description.
IMPORTED_MIN_RELEVANCE = 2.0


@dataclass(frozen=True, slots=True)
class LeverItem:
    slug: str
    name: str
    summary: str
    needs: frozenset[str]
    schemes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExperienceItem:
    slug: str
    name: str
    summary: str
    commune_code: str | None  # None when the source names no commune: the department only
    commune_name: str
    department: str
    department_name: str
    region: str
    population: int | None
    density_level: int | None
    levers: tuple[str, ...]
    needs: frozenset[str]

    @property
    def place(self) -> str:
        """ "Ernée (53)", or the department alone when the source names no commune."""
        return f"{self.commune_name or self.department_name} ({self.department})"


@dataclass(frozen=True, slots=True)
class SchemeItem:
    slug: str
    name: str
    operator: str
    kind: str
    summary: str
    needs: frozenset[str]
    stages: frozenset[str]
    criteria: tuple[Criterion, ...]
    curated: bool = True  # written by the Leviers team (False: imported from aides-territoires)


@dataclass
class Catalogue:
    levers: list[LeverItem] = field(default_factory=list)
    experiences: list[ExperienceItem] = field(default_factory=list)
    schemes: list[SchemeItem] = field(default_factory=list)

    @cached_property
    def compiled(self) -> CompiledSchemes[str]:
        """Every scheme's criteria compiled once, to evaluate a profile in one pass."""
        return CompiledSchemes({scheme.slug: scheme.criteria for scheme in self.schemes})

    @cached_property
    def position(self) -> dict[str, int]:
        """{slug: index in `schemes`}: the order of the engine's lists."""
        return {scheme.slug: i for i, scheme in enumerate(self.schemes)}

    @cached_property
    def by_name(self) -> list[int]:
        """The schemes' indexes sorted by name once: ranking then only moves the relevant ones."""
        return sorted(range(len(self.schemes)), key=lambda i: self.schemes[i].name)

    @cached_property
    def min_relevance(self) -> list[float]:
        """Per scheme, the relevance it needs to be shown: any for a curated scheme, a clear
        one for an imported aid (thousands of them, most unrelated to a given project)."""
        return [0.0 if s.curated else IMPORTED_MIN_RELEVANCE for s in self.schemes]

    @cached_property
    def need_bits(self) -> dict[str, int]:
        """{need: its bit}, for the needs of the catalogue's schemes."""
        needs = sorted({need for scheme in self.schemes for need in scheme.needs})
        return {need: 1 << bit for bit, need in enumerate(needs)}

    @cached_property
    def need_masks(self) -> list[int]:
        """Per scheme, the needs it covers as bits (see `need_bits`)."""
        bits = self.need_bits
        return [sum(bits[need] for need in scheme.needs) for scheme in self.schemes]

    @cached_property
    def at_stage(self) -> dict[str, list[bool]]:
        """{stage: per scheme, whether it intervenes at that stage}."""
        return {stage: [stage in s.stages for s in self.schemes] for stage in vocabulary.STAGES}


@dataclass(slots=True)
class Ranked:
    item: LeverItem | ExperienceItem
    score: float
    reasons: list[str]


class RankedScheme(tuple):
    """A scheme, its verdict for the profile, and its relevance to the project with the
    reasons for it. A tuple underneath, built in C (a match makes one per scheme of the
    catalogue: 10,000 in the bench): the scheme, its status, the function picking its reasons
    out of the sentences the engine wrote, those sentences, the relevance, then the reason
    for it from each source (description, needs, stage, lever), None where it gives none.
    """

    __slots__ = ()

    def __new__(cls, item: SchemeItem, verdict: Verdict, relevance: float, reasons: list[str]):
        every = tuple(verdict.reasons)
        pick = itemgetter(slice(0, len(every)))
        sources = (*reasons, None, None, None, None)[:4]
        return tuple.__new__(cls, (item, verdict.status, pick, every, relevance, *sources))

    item: SchemeItem = property(itemgetter(0))  # type: ignore[assignment]
    relevance: float = property(itemgetter(4))  # type: ignore[assignment]

    @property
    def verdict(self) -> Verdict:
        return Verdict(self[1], self[2](self[3]))

    @property
    def reasons(self) -> list[str]:
        """Why the scheme relates to the project: description, needs, stage, lever."""
        return [reason for reason in self[5:] if reason is not None]


@dataclass
class MatchResult:
    levers: list[Ranked]
    experiences: list[Ranked]
    schemes: list[RankedScheme]
    questions: list[tuple[Question, int]]  # open question, number of schemes it would settle

    def schemes_by_verdict(self) -> dict[str, list[RankedScheme]]:
        groups: dict[str, list[RankedScheme]] = {status: [] for status in VERDICT_ORDER}
        for ranked in self.schemes:
            groups[ranked.verdict.status].append(ranked)
        return groups


def _need_labels(needs) -> str:
    labels = [vocabulary.label(vocabulary.NEEDS, n).lower() for n in sorted(needs)]
    return ", ".join(labels)


class _Likeness:
    """What an experience is compared with: the profile's territory and needs, read once per
    match (a catalogue may hold hundreds of experiences)."""

    def __init__(self, profile: Profile, needs: frozenset[str]):
        t = profile.territory
        self.needs, self.commune_code = needs, t.commune_code
        self.population = t.population.value if t.population else None
        level = t.density_level.value if t.density_level else None
        self.rural = None if not level else level in RURAL_LEVELS
        if self.rural is not None:
            self.rural_reason = f"Commune {'rurale' if self.rural else 'urbaine'}, comme la vôtre."
        self.department, self.region = t.department, t.region
        if self.population:
            self.size_end = f" habitants, contre {number(self.population)} pour "
            self.size_end += f"{t.commune_name or 'la vôtre'}."
        self.need_reasons: dict[frozenset[str], str] = {}

    def of(self, experience: ExperienceItem) -> tuple[float, list[str]]:
        """Score and reasons of an experience's likeness to the territory and needs."""
        score, reasons = 0.0, []
        shared = self.needs & experience.needs
        if shared:
            score += 3 * len(shared)
            sentence = self.need_reasons.get(shared)
            if sentence is None:
                sentence = f"Répond au même besoin : {_need_labels(shared)}."
                self.need_reasons[shared] = sentence
            reasons.append(sentence)
        if self.commune_code and self.commune_code == experience.commune_code:
            return score + 4, [*reasons, "Dans votre commune."]
        population, theirs = self.population, experience.population
        if population and theirs:
            ratio = max(population, theirs) / min(population, theirs)
            if ratio <= 5:
                score += 2 if ratio <= 2 else 1
                reasons.append(f"Commune de taille comparable : {number(theirs)}{self.size_end}")
        if (
            self.rural is not None
            and experience.density_level
            and self.rural == (experience.density_level in RURAL_LEVELS)
        ):
            score += 1
            reasons.append(self.rural_reason)
        if self.department and self.department == experience.department:
            score += 1.5
            reasons.append(f"Dans le même département ({experience.department_name}).")
        elif self.region and self.region == experience.region:
            score += 1
            reasons.append("Dans la même région.")
        return score, reasons


def match(
    catalogue: Catalogue,
    profile: Profile,
    needs: frozenset[str] | set[str] = frozenset(),
    text_scores: dict[tuple[str, str], float] | None = None,
) -> MatchResult:
    """Rank the catalogue for `profile`. `text_scores` ({(kind, slug): score}) comes from the
    full-text search of the user's free text, when there is one.

    The cyclic garbage collector is paused meanwhile, as in `CompiledSchemes.evaluate`: all
    that is built here (a ranked item per scheme) is returned, so collecting is wasted work,
    and the collections its allocations would trigger walk the whole process heap.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _match(catalogue, profile, frozenset(needs), text_scores or {})
    finally:
        if paused:
            gc.enable()


def _match(
    catalogue: Catalogue,
    profile: Profile,
    needs: frozenset[str],
    text_scores: dict[tuple[str, str], float],
) -> MatchResult:
    experiences = _rank_experiences(catalogue, profile, needs, text_scores)
    levers = _rank_levers(catalogue, needs, text_scores, experiences)
    lever_of_scheme: dict[str, str] = {}  # scheme → the first recommended lever using it
    for ranked in levers[:5]:
        for slug in ranked.item.schemes:  # type: ignore[union-attr]
            lever_of_scheme.setdefault(slug, ranked.item.name)
    schemes, questions = _rank_schemes(catalogue, profile, needs, text_scores, lever_of_scheme)
    return MatchResult(levers, experiences, schemes, questions)


def _rank_experiences(catalogue, profile, needs, text_scores) -> list[Ranked]:
    experiences = []
    likeness = _Likeness(profile, needs)
    for experience in catalogue.experiences:
        score, reasons = likeness.of(experience)
        bonus = text_scores.get(("experience", experience.slug), 0.0)
        if bonus:
            reasons.append(TEXT_REASON)
        if score + bonus > 0:
            experiences.append(Ranked(experience, score + bonus, reasons))
    experiences.sort(key=lambda r: (-r.score, r.item.name))
    return experiences


def _rank_levers(catalogue, needs, text_scores, experiences: list[Ranked]) -> list[Ranked]:
    examples_of: dict[str, list[ExperienceItem]] = {}  # lever → close experiences using it
    for ranked in experiences:
        if ranked.score >= 2:
            for slug in dict.fromkeys(ranked.item.levers):  # type: ignore[union-attr]
                examples_of.setdefault(slug, []).append(ranked.item)  # type: ignore[arg-type]
    levers = []
    for lever in catalogue.levers:
        shared = needs & lever.needs
        bonus = text_scores.get(("lever", lever.slug), 0.0)
        if needs and not shared and not bonus:
            continue
        reasons = []
        score = 10.0 * len(shared) + bonus
        if shared:
            reasons.append(f"Répond à votre besoin : {_need_labels(shared)}.")
        if bonus:
            reasons.append(TEXT_REASON)
        examples = examples_of.get(lever.slug)
        if examples:
            score += min(len({e.commune_code for e in examples}), 3)
            places = ", ".join(dict.fromkeys(e.place for e in examples))
            reasons.append(f"Déjà mis en œuvre dans des communes proches de la vôtre : {places}.")
        levers.append(Ranked(lever, score, reasons))
    levers.sort(key=lambda r: (-r.score, r.item.name))
    return levers


def _rank_schemes(catalogue, profile, needs, text_scores, lever_of_scheme):
    """Schemes, by verdict, then by relevance, then by name, and the open questions.

    There are thousands, most of them unrelated to the needs: everything is done on whole
    lists in the catalogue's order by C code (map, zip, itemgetter), with no Python-level step
    per scheme: one ranked tuple per scheme, then the indexes of those to show, in name
    order, sorted by verdict and relevance (one float), a stable sort keeping the name order
    between equals, and picked.
    """
    verdicts = catalogue.compiled.evaluate(profile)
    relevance, why = _scheme_relevance(
        catalogue, profile.stage, needs, text_scores, lever_of_scheme
    )
    ranked = list(
        map(
            _new_ranked,
            zip(
                catalogue.schemes,
                map(STATUS_OF_RANK.__getitem__, verdicts.ranks),
                verdicts.reason_picks,
                repeat(verdicts.distinct),
                relevance,
                *why,
            ),
        )
    )
    by_name = catalogue.by_name
    shown = list(map(ge, relevance, catalogue.min_relevance))
    order = list(compress(by_name, map(shown.__getitem__, by_name)))
    # Relevance stays far below _RANK_WEIGHT: the verdict comes first.
    keys = list(map(add, map(mul, verdicts.ranks, repeat(_RANK_WEIGHT)), relevance))
    order.sort(key=keys.__getitem__, reverse=True)
    return list(_picker(order)(ranked)), verdicts.count_questions(shown)


_RANK_WEIGHT = 1e6
_new_ranked = partial(tuple.__new__, RankedScheme)
TEXT_REASON = "Correspond aux mots de votre description."


def _picker(indexes: list[int]):
    """A function giving the items of a sequence at `indexes`, as a tuple."""
    if len(indexes) == 1:
        return itemgetter(slice(indexes[0], indexes[0] + 1))
    return itemgetter(*indexes) if indexes else lambda sequence: ()


def _scheme_relevance(
    catalogue: Catalogue,
    stage: str | None,
    needs: frozenset[str],
    text_scores: dict[tuple[str, str], float],
    lever_of_scheme: dict[str, str],
) -> tuple[list[float], list[list[str | None]]]:
    """Per scheme (in the catalogue's order), its relevance to the project, and the reasons
    for it as four columns: named by the full-text search (its score), covering needs (2 per
    need), intervening at the stage (1), used by a recommended lever (2). None where a source
    gives nothing. Worked out on whole lists (needs as bits), in C but for the few schemes
    named by the description or a lever."""
    count = len(catalogue.schemes)
    position = catalogue.position
    wanted = sum(catalogue.need_bits.get(need, 0) for need in needs)
    shared = list(map(and_, catalogue.need_masks, repeat(wanted)))
    labels = {bit: need for need, bit in catalogue.need_bits.items()}
    scores: dict[int, float] = {0: 0.0}  # by needs shared (bits): 2 per need
    sentences: dict[int, str | None] = {0: None}
    for mask in set(shared).difference(scores):
        scores[mask] = 2.0 * mask.bit_count()
        names = _need_labels(need for bit, need in labels.items() if mask & bit)
        sentences[mask] = f"Couvre votre besoin : {names}."
    relevance = list(map(scores.__getitem__, shared))
    need_column = list(map(sentences.__getitem__, shared))
    if stage:
        at_stage = catalogue.at_stage[stage]
        relevance = list(map(add, relevance, at_stage))
        label = vocabulary.label(vocabulary.STAGES, stage).lower()
        stage_column = list(
            map((None, f"Intervient à votre étape : {label}.").__getitem__, at_stage)
        )
    else:
        stage_column = [None] * count
    text_column: list[str | None] = [None] * count
    for (kind, slug), score in text_scores.items():
        if kind == "scheme" and score and slug in position:
            relevance[position[slug]] += score
            text_column[position[slug]] = TEXT_REASON
    lever_column: list[str | None] = [None] * count
    for slug, name in lever_of_scheme.items():
        if slug in position:
            relevance[position[slug]] += 2
            lever_column[position[slug]] = f"Mobilisable pour le levier « {name} »."
    return relevance, [text_column, need_column, stage_column, lever_column]


def _reason_dict(reason, written: dict[int, dict]) -> dict:
    """A reason as JSON, written once per reason (`written`, by identity): the schemes of a
    catalogue share most of their sentences."""
    data = written.get(id(reason))
    if data is None:
        data = {"text": reason.text, "met": reason.met}
        if reason.details:
            data["details"] = [_reason_dict(detail, written) for detail in reason.details]
        written[id(reason)] = data
    return data


def as_dict(result: MatchResult, territory: dict) -> dict:
    """The JSON shape shared by `leviers match --format json` and /api/v1/match."""

    written: dict[int, dict] = {}  # JSON of each reason (the reasons live until the end)
    return {
        "territory": territory,
        "levers": [
            {
                "slug": r.item.slug,
                "name": r.item.name,
                "score": round_score(r.score),
                "reasons": r.reasons,
            }
            for r in result.levers
        ],
        "experiences": [
            {
                "slug": r.item.slug,
                "name": r.item.name,
                "commune": (
                    {"code": r.item.commune_code, "name": r.item.commune_name}  # type: ignore[union-attr]
                    if r.item.commune_code  # type: ignore[union-attr]
                    else None
                ),
                "department": {"code": r.item.department, "name": r.item.department_name},  # type: ignore[union-attr]
                "score": round_score(r.score),
                "reasons": r.reasons,
            }
            for r in result.experiences
        ],
        "schemes": [_scheme_dict(r, written) for r in result.schemes],
        "questions": [{"id": q.id, "text": q.text, "schemes": n} for q, n in result.questions],
    }


def _scheme_dict(ranked: RankedScheme, written: dict[int, dict]) -> dict:
    item, verdict = ranked.item, ranked.verdict
    return {
        "slug": item.slug,
        "name": item.name,
        "operator": item.operator,
        "verdict": verdict.status,
        "verdict_label": verdict.label,
        "criteria": [_reason_dict(reason, written) for reason in verdict.reasons],
        "questions": [{"id": q.id, "text": q.text} for q in verdict.questions],
        "relevance": round_score(ranked.relevance),
        "reasons": ranked.reasons,
    }


def round_score(value: float) -> float:
    return math.floor(value * 100) / 100
