"""« Par où commencer »: the short answer that opens the recommendations — the two or three
levers that fit best and, for each, the money it can get, the support to call, the nearest real
experience with its distance, and the next step. And where each experience lies: « proche »
means within NEAR_KM, measured between commune centroids; farther ones say how far and in which
department.

Pure Python over a match result (catalogue.matching) and the territory's points.
"""

from __future__ import annotations

from dataclasses import dataclass

from leviers.catalogue.eligibility import ELIGIBLE, TO_CHECK, Question
from leviers.catalogue.matching import ExperienceItem, MatchResult, RankedScheme
from leviers.territories.geometry import haversine_km

# « Proche »: within this distance of the territory (the diagnosis uses the same radius).
NEAR_KM = 50
STARTING_LEVERS = 3
MONEY_SHOWN, SUPPORT_SHOWN = 3, 2
# The questions that would settle an « à vérifier » scheme, asked first: at most this many for
# a scheme, and for a lever's money (the rest are in the detail view).
QUESTIONS_SHOWN, QUESTIONS_PER_LEVER = 2, 3
MONEY_FAMILIES = ("argent", "programme")
SUPPORT_FAMILIES = ("accompagnement",)
WITH_A_CHANCE = (ELIGIBLE, TO_CHECK)

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Placed:
    """An experience and where it lies from the territory: `distance` in km (None: unknown),
    `near` within NEAR_KM (or in the territory itself)."""

    item: ExperienceItem
    distance: float | None
    near: bool
    here: bool

    @property
    def where(self) -> str:
        """« à 38 km », « à 312 km, Haute-Garonne (31) » (the page words « here » itself)."""
        item = self.item
        if self.here:
            return "sur place"
        department = f"{item.department_name} ({item.department})"
        if self.distance is None:
            return f"distance inconnue, {department}"
        if self.near:
            return f"à {round(self.distance)} km"
        return f"à {round(self.distance)} km, {department}"


def place(item: ExperienceItem, origins: list[Point], own: set[str]) -> Placed:
    """Where `item` lies from the territory: its `origins` (a commune's centroid, or those of
    an intercommunality's members) and its `own` commune codes."""
    if item.commune_code and item.commune_code in own:
        return Placed(item, 0.0, True, True)
    if item.point is None or not origins:
        return Placed(item, None, False, False)
    distance = min(haversine_km(origin, item.point) for origin in origins)
    return Placed(item, distance, distance <= NEAR_KM, False)


def _distance_key(placed: Placed):
    return (not placed.here, placed.distance is None, placed.distance or 0.0, placed.item.name)


@dataclass(frozen=True, slots=True)
class PlacedExperiences:
    near: list[Placed]  # nearest first
    farther: list[Placed]  # in the match's order (likeness), each with its distance

    @property
    def total(self) -> int:
        return len(self.near) + len(self.farther)


def place_all(
    ranked: list, origins: list[Point], own: set[str], every: list[ExperienceItem] = ()
) -> PlacedExperiences:
    """The match's experiences split into near (nearest first) and farther (kept in the
    match's order: likeness), every one of them; and, near, any other experience of the
    catalogue (`every`) carried in the territory or within NEAR_KM, whatever its needs."""
    placed = [place(r.item, origins, own) for r in ranked]
    seen = {p.item.slug for p in placed}
    for item in every:
        if item.slug not in seen:
            extra = place(item, origins, own)
            if extra.near:
                placed.append(extra)
    near = sorted((p for p in placed if p.near), key=_distance_key)
    return PlacedExperiences(near, [p for p in placed if not p.near])


@dataclass(frozen=True, slots=True)
class Line:
    """A scheme in the short answer: its verdict, and for « à vérifier » the questions that
    would settle it (`asked`: those asked here; `asked_above`: those already asked above)."""

    ranked: RankedScheme
    status: str
    asked: tuple[Question, ...] = ()
    asked_above: tuple[Question, ...] = ()
    above: bool = False  # already shown for a lever above: pointed to, not repeated


@dataclass(frozen=True, slots=True)
class Start:
    """One lever of « Par où commencer »."""

    lever: object  # matching.LeverItem
    reasons: list[str]
    money: list[Line]
    support: list[Line]
    example: Placed | None
    next_step: str

    @property
    def asks(self) -> bool:
        return any(line.asked for line in self.money)


def starting_points(
    result: MatchResult,
    experiences: list[ExperienceItem],
    origins: list[Point],
    own: set[str],
    answered: dict[str, bool],
) -> list[Start]:
    """The STARTING_LEVERS best levers with their money (eligible first, then « à vérifier »
    with its questions), support, nearest experience and first step. `experiences`: every
    experience of the catalogue (the nearest using the lever, whether the match ranked it
    or not)."""
    by_slug: dict[str, RankedScheme] = {}
    for ranked in result.schemes:
        if not ranked.elsewhere:
            by_slug[ranked.item.slug] = ranked
    order = {slug: i for i, slug in enumerate(by_slug)}
    asked: set[str] = set()
    shown: set[str] = set()
    starts = []
    for lever_ranked in result.levers[:STARTING_LEVERS]:
        lever = lever_ranked.item
        mine = sorted(
            (by_slug[s] for s in lever.schemes if s in by_slug),
            key=lambda r: order[r.item.slug],
        )
        money, support = [], []
        budget = [QUESTIONS_PER_LEVER]
        for ranked in mine:
            status = ranked.status
            if status not in WITH_A_CHANCE:
                continue
            family, slug = ranked.item.family, ranked.item.slug
            if family in MONEY_FAMILIES and len(money) < MONEY_SHOWN:
                if slug in shown:
                    money.append(Line(ranked, status, above=True))
                else:
                    money.append(_line(ranked, status, asked, answered, budget))
            elif family in SUPPORT_FAMILIES and len(support) < SUPPORT_SHOWN:
                support.append(Line(ranked, status, above=slug in shown))
            shown.add(slug)
        using = [place(e, origins, own) for e in experiences if lever.slug in e.levers]
        example = min(using, key=_distance_key) if using else None
        starts.append(Start(lever, lever_ranked.reasons, money, support, example, lever.first_step))
    return starts


def _line(
    ranked: RankedScheme, status: str, asked: set[str], answered: dict, budget: list[int]
) -> Line:
    """A money line; for « à vérifier », its first open questions (asked once on the page,
    within the lever's `budget`)."""
    if status != TO_CHECK:
        return Line(ranked, status)
    new, above = [], []
    for question in ranked.verdict.questions:
        if question.id in answered:
            continue
        if question.id in asked:
            above.append(question)
        elif budget[0] > 0:
            new.append(question)
            budget[0] -= 1
        if len(new) + len(above) == QUESTIONS_SHOWN:
            break
    asked.update(q.id for q in new)
    return Line(ranked, status, tuple(new), tuple(above))
