"""Matching: for a profile and its needs, the levers, experiences and schemes that fit — each
with the reasons why. Pure Python over plain items (built from the database by `snapshot.py`).

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
from functools import cached_property
from operator import attrgetter, itemgetter

from leviers.catalogue import vocabulary
from leviers.catalogue.criteria import Criterion, Question, number
from leviers.catalogue.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
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
    commune_code: str
    commune_name: str
    department: str
    department_name: str
    region: str
    population: int | None
    density_level: int | None
    levers: tuple[str, ...]
    needs: frozenset[str]


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
    def schemes_by_name(self) -> list[SchemeItem]:
        """The schemes sorted by name once: ranking then only moves the relevant ones."""
        return sorted(self.schemes, key=attrgetter("name"))

    @cached_property
    def schemes_with_need(self) -> dict[str, list[SchemeItem]]:
        """{need: the schemes that cover it}."""
        found: dict[str, list[SchemeItem]] = {}
        for scheme in self.schemes:
            for need in scheme.needs:
                found.setdefault(need, []).append(scheme)
        return found

    @cached_property
    def schemes_at_stage(self) -> dict[str, list[str]]:
        """{stage: slugs of the schemes that intervene at it}."""
        found: dict[str, list[str]] = {}
        for scheme in self.schemes:
            for stage in scheme.stages:
                found.setdefault(stage, []).append(scheme.slug)
        return found


@dataclass(slots=True)
class Ranked:
    item: LeverItem | ExperienceItem
    score: float
    reasons: list[str]


class RankedScheme(tuple):
    """A scheme, its verdict for the profile, and its relevance to the project with the
    reasons for it. A tuple underneath: a match makes one per scheme of the catalogue (10,000
    in the bench), and a tuple is built in C where a dataclass runs Python code."""

    __slots__ = ()

    def __new__(cls, item: SchemeItem, verdict: Verdict, relevance: float, reasons: list[str]):
        return tuple.__new__(cls, (item, verdict.status, verdict.reasons, relevance, reasons))

    item: SchemeItem = property(itemgetter(0))  # type: ignore[assignment]
    relevance: float = property(itemgetter(3))  # type: ignore[assignment]
    reasons: list[str] = property(itemgetter(4))  # type: ignore[assignment]

    @property
    def verdict(self) -> Verdict:
        return Verdict(self[1], self[2])


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


def _similarity(experience: ExperienceItem, profile: Profile, needs: frozenset[str]):
    """Score and reasons of an experience's likeness to the profile's territory and needs."""
    t = profile.territory
    score, reasons = 0.0, []
    shared = needs & experience.needs
    if shared:
        score += 3 * len(shared)
        reasons.append(f"Répond au même besoin : {_need_labels(shared)}.")
    population = t.population.value if t.population else None
    if t.commune_code and t.commune_code == experience.commune_code:
        return score + 4, [*reasons, "Dans votre commune."]
    if population and experience.population:
        ratio = max(population, experience.population) / min(population, experience.population)
        if ratio <= 5:
            score += 2 if ratio <= 2 else 1
            reasons.append(
                f"Commune de taille comparable : {number(experience.population)} habitants, "
                f"contre {number(population)} pour {t.commune_name or 'la vôtre'}."
            )
    level = t.density_level.value if t.density_level else None
    if (
        level
        and experience.density_level
        and ((level in RURAL_LEVELS) == (experience.density_level in RURAL_LEVELS))
    ):
        score += 1
        rural = level in RURAL_LEVELS
        reasons.append(f"Commune {'rurale' if rural else 'urbaine'}, comme la vôtre.")
    if t.department and t.department == experience.department:
        score += 1.5
        reasons.append(f"Dans le même département ({experience.department_name}).")
    elif t.region and t.region == experience.region:
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
    experiences = []
    for experience in catalogue.experiences:
        score, reasons = _similarity(experience, profile, needs)
        bonus = text_scores.get(("experience", experience.slug), 0.0)
        if bonus:
            reasons.append(TEXT_REASON)
        if score + bonus > 0:
            experiences.append(Ranked(experience, score + bonus, reasons))
    experiences.sort(key=lambda r: (-r.score, r.item.name))
    close = {r.item.slug: r for r in experiences if r.score >= 2}

    examples_of: dict[str, list[ExperienceItem]] = {}  # lever → close experiences using it
    for ranked in close.values():
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
            places = ", ".join(
                dict.fromkeys(f"{e.commune_name} ({e.department})" for e in examples)
            )
            reasons.append(f"Déjà mis en œuvre dans des communes proches de la vôtre : {places}.")
        levers.append(Ranked(lever, score, reasons))
    levers.sort(key=lambda r: (-r.score, r.item.name))
    recommended = {r.item.slug: r.item for r in levers[:5]}
    lever_of_scheme: dict[str, str] = {}
    for lever in recommended.values():
        for slug in lever.schemes:  # type: ignore[union-attr]
            lever_of_scheme.setdefault(slug, lever.name)

    # Schemes, by verdict, then by relevance, then by name. There are thousands, most of them
    # unrelated to the needs: relevance is worked out for those that relate (through the
    # catalogue's indexes), then every scheme is walked once, in name order, so that a
    # stable sort by relevance finishes the ranking.
    verdicts = catalogue.compiled.evaluate(profile)
    statuses, explained = verdicts.statuses, verdicts.reasons
    relevant = _scheme_relevance(catalogue, profile.stage, needs, text_scores, lever_of_scheme)
    groups: dict[str, list[RankedScheme]] = {status: [] for status in VERDICT_ORDER}
    append = {status: group.append for status, group in groups.items()}
    unrelated = (0.0, None)
    new = tuple.__new__
    for scheme in catalogue.schemes_by_name:
        slug = scheme.slug
        relevance, reasons = relevant.get(slug, unrelated)
        if relevance < IMPORTED_MIN_RELEVANCE and not scheme.curated:
            continue  # thousands of imported aids: only those that clearly relate to the project
        status = statuses[slug]
        append[status](
            new(RankedScheme, (scheme, status, explained[slug], relevance, reasons or NO_REASONS))
        )
    schemes = []
    for group in groups.values():
        group.sort(key=_RELEVANCE, reverse=True)  # stable: equal relevance stays by name
        schemes += group

    counts: dict[str, list] = {}
    for ranked in groups[TO_CHECK]:  # the only verdicts with open questions
        for question in ranked.verdict.questions:
            counts.setdefault(question.id, [question, 0])[1] += 1
    questions = sorted(((q, n) for q, n in counts.values()), key=lambda qn: (-qn[1], qn[0].text))
    return MatchResult(levers, experiences, schemes, questions)


_RELEVANCE = itemgetter(3)  # RankedScheme.relevance
NO_REASONS: tuple[str, ...] = ()  # shared: never mutated
TEXT_REASON = "Correspond aux mots de votre description."


def _scheme_relevance(
    catalogue: Catalogue,
    stage: str | None,
    needs: frozenset[str],
    text_scores: dict[tuple[str, str], float],
    lever_of_scheme: dict[str, str],
) -> dict[str, tuple[float, list[str]]]:
    """{slug: (relevance, reasons)} of the schemes that relate to the project: named by the
    full-text search, covering a need or the stage, or used by a recommended lever. The
    reasons come in that order."""
    found: dict[str, list] = {}
    for (kind, slug), score in text_scores.items():
        if kind == "scheme" and score:
            found[slug] = [score, [TEXT_REASON]]
    need_reasons: dict[frozenset[str], str] = {}
    covering = {
        s.slug: s.needs for need in needs for s in catalogue.schemes_with_need.get(need, ())
    }
    for slug, scheme_needs in covering.items():
        shared = needs & scheme_needs
        sentence = need_reasons.get(shared)
        if sentence is None:
            sentence = need_reasons[shared] = f"Couvre votre besoin : {_need_labels(shared)}."
        entry = found.setdefault(slug, [0.0, []])
        entry[0] += 2 * len(shared)
        entry[1].append(sentence)
    if stage:
        stage_label = vocabulary.label(vocabulary.STAGES, stage).lower()
        sentence = f"Intervient à votre étape : {stage_label}."
        for slug in catalogue.schemes_at_stage.get(stage, ()):
            entry = found.setdefault(slug, [0.0, []])
            entry[0] += 1
            entry[1].append(sentence)
    for slug, name in lever_of_scheme.items():
        entry = found.setdefault(slug, [0.0, []])
        entry[0] += 2
        entry[1].append(f"Mobilisable pour le levier « {name} ».")
    return {slug: (relevance, reasons) for slug, (relevance, reasons) in found.items()}


def _reason_dict(reason) -> dict:
    data = {"text": reason.text, "met": reason.met}
    if reason.details:
        data["details"] = [_reason_dict(detail) for detail in reason.details]
    return data


def as_dict(result: MatchResult, territory: dict) -> dict:
    """The JSON shape shared by `leviers match --format json` and /api/v1/match."""

    def round_score(value: float) -> float:
        return math.floor(value * 100) / 100

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
                "commune": {"code": r.item.commune_code, "name": r.item.commune_name},  # type: ignore[union-attr]
                "score": round_score(r.score),
                "reasons": r.reasons,
            }
            for r in result.experiences
        ],
        "schemes": [
            {
                "slug": r.item.slug,
                "name": r.item.name,
                "operator": r.item.operator,
                "verdict": r.verdict.status,
                "verdict_label": r.verdict.label,
                "criteria": [_reason_dict(reason) for reason in r.verdict.reasons],
                "questions": [{"id": q.id, "text": q.text} for q in r.verdict.questions],
                "relevance": round_score(r.relevance),
                "reasons": r.reasons,
            }
            for r in result.schemes
        ],
        "questions": [{"id": q.id, "text": q.text, "schemes": n} for q, n in result.questions],
    }
