"""Matching: for a profile and its needs, the levers, experiences and schemes that fit — each
with the reasons why. Pure Python over plain items (built from the database by `snapshot.py`).

- Levers are ranked by the needs they answer, then by the experiences that used them in
  comparable communes.
- Experiences are ranked by similarity: shared needs, size, rurality, department, region.
- Schemes are grouped by verdict (éligible, à vérifier, non éligible: see eligibility.py), then
  ranked by relevance to the needs, the stage and the recommended levers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from leviers.catalogue import vocabulary
from leviers.catalogue.contacts import Contact, contact_for
from leviers.catalogue.eligibility import (
    CLOSED,
    ELIGIBLE,
    NOT_ELIGIBLE,
    RESOURCE,
    STATUS_OF_RANK,
    TO_CHECK,
    CompiledSchemes,
    Criterion,
    Profile,
    Question,
    Verdict,
    Verdicts,
)
from leviers.catalogue.eligibility.criteria import number
from leviers.territories.density import RURAL_LEVELS

# The verdicts in the order pages list them: a closed scheme after every open one; resources
# (no verdict) apart, last.
VERDICT_ORDER = (ELIGIBLE, TO_CHECK, NOT_ELIGIBLE, CLOSED)
GROUP_ORDER = (*VERDICT_ORDER, RESOURCE)
# An imported aid (not curated) is shown only when it relates to the needs or the description.
IMPORTED_MIN_RELEVANCE = 2.0


@dataclass(frozen=True, slots=True)
class LeverItem:
    slug: str
    name: str
    summary: str
    needs: frozenset[str]
    schemes: tuple[str, ...] = ()
    first_step: str = ""  # the first of its steps, « titre (durée) »: where to begin
    contacts: tuple[dict, ...] = ()  # contacts.py: who to call, by territory


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
    point: tuple[float, float] | None = None  # its commune's centroid (longitude, latitude)
    contacts: tuple[dict, ...] = ()  # contacts.py: who to call, by territory

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
    url: str = ""  # its official page
    sources: tuple[dict, ...] = ()  # {"url", "title", "checked_on"}
    family: str = ""  # vocabulary.SCHEME_FAMILIES ("ressource": no verdict)
    closed: bool = False  # its calendar is closed (or its deadline passed): « Clos »
    calendar: dict = field(default_factory=dict, compare=False, hash=False)
    verification: str = "verifie"
    verification_note: str = ""
    verified_on: str = ""  # ISO date a curator marked it verified ("" if never)
    replaced_by: tuple[str, str] = ()  # (slug, name) of what replaced it when closed
    has_perimeter: bool = False  # its first criterion is its territorial perimeter
    contacts: tuple[dict, ...] = field(default=(), compare=False, hash=False)  # contacts.py

    @property
    def is_resource(self) -> bool:
        return self.family == "ressource"


@dataclass
class Catalogue:
    levers: list[LeverItem] = field(default_factory=list)
    experiences: list[ExperienceItem] = field(default_factory=list)
    schemes: list[SchemeItem] = field(default_factory=list)

    @cached_property
    def compiled(self) -> CompiledSchemes[str]:
        """Every scheme's criteria compiled once, to evaluate a profile in one pass."""
        return CompiledSchemes(
            {scheme.slug: scheme.criteria for scheme in self.schemes},
            closed=[scheme.slug for scheme in self.schemes if scheme.closed],
            resources=[scheme.slug for scheme in self.schemes if scheme.is_resource],
        )

    @cached_property
    def by_name(self) -> list[int]:
        """The schemes' indexes sorted by name once: ranking then sorts on verdict and
        relevance only (a stable sort keeps the names in order between equals)."""
        return sorted(range(len(self.schemes)), key=lambda i: self.schemes[i].name)

    @cached_property
    def by_needs(self) -> dict[frozenset[str], list[int]]:
        """The schemes' indexes by their needs (a few hundred distinct sets for thousands of
        schemes): what ranking owes to the needs is worked out once per set."""
        groups: dict[frozenset[str], list[int]] = {}
        for i, scheme in enumerate(self.schemes):
            groups.setdefault(scheme.needs, []).append(i)
        return groups

    @cached_property
    def at_stage(self) -> dict[str, frozenset[int]]:
        """{stage: the indexes of the schemes intervening at it}."""
        found: dict[str, set[int]] = {}
        for i, scheme in enumerate(self.schemes):
            for stage in scheme.stages:
                found.setdefault(stage, set()).add(i)
        return {stage: frozenset(positions) for stage, positions in found.items()}

    def prepare(self) -> Catalogue:
        """Work out now what every match reads (the compiled criteria, the schemes by name, by
        needs and by stage), once: before the snapshot freezes the catalogue out of the
        collector's full collections (snapshot.py), not at the first match after it."""
        self.compiled, self.by_name, self.by_needs, self.at_stage  # noqa: B018
        return self

    @property
    def questions(self) -> dict[str, Question]:
        """{id: question} of every question the schemes ask."""
        return self.compiled.questions

    @cached_property
    def scheme_contacts(self) -> dict[str, tuple[dict, ...]]:
        return {scheme.slug: scheme.contacts for scheme in self.schemes if scheme.contacts}

    def contacts_for(self, item, territory) -> list[Contact]:
        """Who to call about a lever, experience or scheme for `territory` (contacts.py)."""
        return contact_for(item.contacts, territory, lambda s: self.scheme_contacts.get(s, ()))


@dataclass(slots=True)
class Ranked:
    item: LeverItem | ExperienceItem
    score: float
    reasons: list[str]


@dataclass(slots=True)
class RankedScheme:
    """A scheme, its relevance to the project with the reasons for it (description, needs,
    stage, lever), and its verdict for the profile.

    A plain dataclass with slots, like `Ranked`, and not frozen: a match builds one per scheme
    (10,000 in bench/matching.py), and a frozen one sets each field through
    object.__setattr__ (about six times as long to build: a third of the whole match). Nothing
    changes it once built; a match's results belong to the request that asked for them."""

    item: SchemeItem
    relevance: float
    reasons: tuple[str, ...]
    verdicts: Verdicts  # the profile's, shared by every scheme of the match
    position: int  # the scheme's, in the catalogue: its verdict is `verdicts.verdict_at(position)`

    @property
    def verdict(self) -> Verdict:
        """Read from the profile's verdicts when asked: a page shows a few dozen of the
        thousands of schemes ranked, and each sentence is already written."""
        return self.verdicts.verdict_at(self.position)

    @property
    def status(self) -> str:
        return self.verdicts.status_at(self.position)

    @property
    def elsewhere(self) -> bool:
        """Its territorial perimeter leaves the profile's territory out: not shown by default."""
        return self.item.has_perimeter and self.verdicts.perimeter_unmet(self.position)


@dataclass
class MatchResult:
    levers: list[Ranked]
    experiences: list[Ranked]
    schemes: list[RankedScheme]
    questions: list[tuple[Question, int]]  # open question, number of schemes it would settle
    territory: object = None  # the profile's Territory: whose contacts the cards show

    def schemes_by_verdict(self, elsewhere: bool = True) -> dict[str, list[RankedScheme]]:
        """The schemes by verdict (GROUP_ORDER); without those of other territories unless
        `elsewhere`."""
        groups: dict[str, list[RankedScheme]] = {status: [] for status in GROUP_ORDER}
        for ranked in self.schemes:
            if elsewhere or not ranked.elsewhere:
                groups[ranked.status].append(ranked)
        return groups

    @property
    def elsewhere_count(self) -> int:
        """How many schemes exist only in other territories."""
        return sum(1 for ranked in self.schemes if ranked.elsewhere)


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
    full-text search of the user's free text, when there is one."""
    needs, text_scores = frozenset(needs), text_scores or {}
    experiences = _rank_experiences(catalogue, profile, needs, text_scores)
    levers = _rank_levers(catalogue, needs, text_scores, experiences)
    lever_of_scheme: dict[str, str] = {}  # scheme → the first recommended lever using it
    for ranked in levers[:5]:
        for slug in ranked.item.schemes:  # type: ignore[union-attr]
            lever_of_scheme.setdefault(slug, ranked.item.name)
    schemes, questions = _rank_schemes(catalogue, profile, needs, text_scores, lever_of_scheme)
    return MatchResult(levers, experiences, schemes, questions, profile.territory)


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
    need_reasons: dict[frozenset[str], str] = {}  # a handful of shared needs: written once each
    for lever in catalogue.levers:
        shared = needs & lever.needs
        bonus = text_scores.get(("lever", lever.slug), 0.0)
        if needs and not shared and not bonus:
            continue
        reasons = []
        score = 10.0 * len(shared) + bonus
        if shared:
            if shared not in need_reasons:
                need_reasons[shared] = f"Répond à votre besoin : {_need_labels(shared)}."
            reasons.append(need_reasons[shared])
        if bonus:
            reasons.append(TEXT_REASON)
        examples = examples_of.get(lever.slug)
        if examples:
            score += min(len({e.commune_code for e in examples}), 3)
            places = ", ".join(dict.fromkeys(e.place for e in examples))
            reasons.append(f"Déjà mis en œuvre dans des communes comparables : {places}.")
        levers.append(Ranked(lever, score, reasons))
    levers.sort(key=lambda r: (-r.score, r.item.name))
    return levers


def _rank_schemes(catalogue, profile, needs, text_scores, lever_of_scheme):
    """Schemes, by verdict, then by relevance, then by name, and the open questions.

    Relevance: named by the full-text search (its score), covering needs (2 per need),
    intervening at the stage (1), used by a recommended lever (2). An imported aid is shown
    only with a relevance of IMPORTED_MIN_RELEVANCE at least.
    """
    verdicts = catalogue.compiled.evaluate(profile)
    stage = profile.stage
    stage_reason = ""
    if stage:
        label = vocabulary.label(vocabulary.STAGES, stage).lower()
        stage_reason = f"Intervient à votre étape : {label}."
    # Relevance from the needs and the stage is the same for every scheme sharing the same of
    # the profile's needs (a handful of subsets), at the stage or not: worked out once each.
    schemes = catalogue.schemes
    at_stage = catalogue.at_stage.get(stage, frozenset())
    found: list[tuple[float, tuple[str, ...]]] = [(0.0, ())] * len(schemes)
    by_shared: dict[frozenset[str], tuple] = {}
    for scheme_needs, positions in catalogue.by_needs.items():
        shared = scheme_needs & needs
        if shared not in by_shared:
            by_shared[shared] = (
                _needs_and_stage(shared, False, stage_reason),
                _needs_and_stage(shared, True, stage_reason),
            )
        elsewhere, there = by_shared[shared]
        for i in positions:
            found[i] = there if i in at_stage else elsewhere
    # The few schemes named by the description or by a recommended lever gain more.
    index = catalogue.compiled.index
    for (kind, slug), score in text_scores.items():
        if kind == "scheme" and slug in index:
            i = index[slug]
            relevance, why = found[i]
            found[i] = relevance + score, (TEXT_REASON, *why)
    for slug, lever in lever_of_scheme.items():
        if slug in index:
            i = index[slug]
            relevance, why = found[i]
            found[i] = relevance + 2, (*why, f"Mobilisable pour le levier « {lever} ».")
    # Verdict first, then relevance, best first; in name order between equals. The schemes
    # shown, walked in name order, go into one list per relevance under their verdict's rank:
    # a handful of lists, put in order, rather than thousands of schemes sorted.
    ranks, shown = verdicts.ranks, [False] * len(schemes)
    by_rank: list[dict[float, list[int]]] = [defaultdict(list) for _ in STATUS_OF_RANK]
    for i in catalogue.by_name:
        relevance = found[i][0]
        if schemes[i].curated or relevance >= IMPORTED_MIN_RELEVANCE:
            shown[i] = True
            by_rank[ranks[i]][relevance].append(i)
    ranked = []
    for groups in reversed(by_rank):  # the best rank first
        for relevance in sorted(groups, reverse=True):
            for i in groups[relevance]:
                ranked.append(RankedScheme(schemes[i], relevance, found[i][1], verdicts, i))
    # Questions come from the schemes to check only: those of other territories, their
    # perimeter unmet, are not eligible and ask nothing.
    return ranked, verdicts.count_questions(shown)


def _needs_and_stage(shared: frozenset[str], at_stage: bool, stage_reason: str):
    relevance, reasons = 2.0 * len(shared), []
    if shared:
        reasons.append(f"Couvre votre besoin : {_need_labels(shared)}.")
    if at_stage:
        relevance += 1
        reasons.append(stage_reason)
    return relevance, tuple(reasons)


TEXT_REASON = "Correspond aux mots de votre description."


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
        "family": item.family,
        "calendar": item.calendar.get("kind", "permanent"),
        "verification": item.verification,
        "outside_perimeter": ranked.elsewhere,
        "criteria": [_reason_dict(reason, written) for reason in verdict.reasons],
        "questions": [{"id": q.id, "text": q.text} for q in verdict.questions],
        "relevance": round_score(ranked.relevance),
        "reasons": ranked.reasons,
    }


def round_score(value: float) -> float:
    return math.floor(value * 100) / 100
