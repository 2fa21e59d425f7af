"""The sentences of the eligibility engine: one function per kind of criterion writes, for a
profile, the French sentence that explains it, with the figure used, its source and vintage
("Pommerieux compte 667 habitants (INSEE, COG 2026) : moins de 5 000, condition remplie.").
A missing figure gives "à vérifier", never a guess.

`Context` holds what is derived once per profile (names, articles, areas); `EXPLAIN` maps a
criterion's key to its function. Criteria whose sentence does not depend on the profile
(`PROFILE_FREE`) are explained once, with no context. Used by engine.py.

Pure Python: no Django, no database.
"""

from __future__ import annotations

import operator
import re

from leviers.catalogue.eligibility.criteria import (
    BENEFICIARY_FORMS,
    AnyOf,
    Ask,
    Criterion,
    FreeText,
    InProgramme,
    National,
    Rural,
    Threshold,
    number,
)
from leviers.catalogue.eligibility.types import EPCI_TYPES, Fact, Profile, Question, Reason
from leviers.catalogue.vocabulary import STAGES
from leviers.territories.density import DENSITY_LABELS, RURAL_LEVELS

MET, UNMET, CHECK = "condition remplie.", "condition non remplie.", "à vérifier."


class Context:
    """What the sentences of one profile share: the names and articles of its territory."""

    __slots__ = (
        "profile",
        "territory",
        "commune",
        "epci",
        "subject",
        "cite",
        "areas",
        "_memo",
        "_questions",
    )

    def __init__(self, profile: Profile):
        t = profile.territory
        self.profile, self.territory = profile, t
        self.commune = (t.commune_name or f"la commune {t.commune_code}") if t.has_commune else None
        self.epci = (t.epci_name or f"l'intercommunalité {t.epci_code}") if t.has_epci else None
        self._questions: dict[Question, Question] | None = {} if self.for_epci else None
        self.subject = self.commune or self.epci or "le territoire"
        self.cite = f" ({t.referential})" if t.referential else ""
        self.areas = _areas(self)
        self._memo: dict[Criterion, Reason] = {}  # the branches of `any_of` criteria

    @property
    def for_epci(self) -> bool:
        """An intercommunality alone (no commune): sentences and questions speak of it."""
        return self.commune is None and self.epci is not None

    def ask(self, question: Question) -> Question:
        """The question as this profile reads it: in the intercommunality's words when the
        territory is an EPCI alone (`epci_wording`), as written otherwise."""
        if self._questions is None:
            return question
        worded = self._questions.get(question)
        if worded is None:
            text = epci_wording(question.text)
            worded = (
                question
                if text == question.text
                else Question(question.id, text, question.expected)
            )
            self._questions[question] = worded
        return worded

    def explain(self, criterion: Criterion) -> Reason:
        """The reason of one criterion for this profile (a branch of an `any_of`, which
        several alternatives may share: written once)."""
        reason = self._memo.get(criterion)
        if reason is None:
            reason = self._memo[criterion] = EXPLAIN[criterion.key](criterion, self)
        return reason


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


def _no_commune(ctx: Context, demand: str) -> str:
    """A commune's criterion when no commune is given: for an EPCI alone, it is a matter of
    each member commune (the member matrix shows which)."""
    if ctx.epci is not None:
        return (
            f"{_cap(demand)} ; pour {ctx.epci}, cela dépend de chaque commune membre "
            f"(voir le tableau des communes membres) : {CHECK}"
        )
    return f"Aucune commune n'est indiquée ; {demand} : {CHECK}"


# Commune wording → intercommunality wording, for the questions put about an EPCI alone.
_EPCI_WORDS = (
    (re.compile(r"\bLa commune\b"), "L'intercommunalité"),
    (re.compile(r"\bla commune\b"), "l'intercommunalité"),
    (re.compile(r"\bconseil municipal\b"), "conseil communautaire"),
    (re.compile(r"\bdu maire\b"), "du président"),
    (re.compile(r"\ble maire\b"), "le président"),
)


def epci_wording(text: str) -> str:
    """`text` as it reads for an intercommunality: « la commune » becomes « l'intercommunalité »,
    « conseil municipal » « conseil communautaire », « le maire » « le président »."""
    for pattern, words in _EPCI_WORDS:
        text = pattern.sub(words, text)
    return text


# One function per kind of criterion; each writes the sentence for this profile.

_COMPARE = {"lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge}


def _threshold(c: Threshold, ctx: Context) -> Reason:
    t = ctx.territory
    demand = f"ce dispositif demande une {c.label}"
    if c.key == "commune_population":
        subject, figure = ctx.commune, t.population
        if subject is None:
            return Reason(_no_commune(ctx, demand), None, c.key)
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


def _unknown_epci(ctx: Context, demand: str) -> str:
    if ctx.commune is None:
        return f"Aucune intercommunalité n'est indiquée ; {demand} : {CHECK}"
    return f"L'intercommunalité {_of(ctx.commune)} n'est pas connue ; {demand} : {CHECK}"


def _rural(c: Rural, ctx: Context) -> Reason:
    if ctx.commune is None:
        members = ctx.territory.members
        if ctx.epci is not None and members is not None and members.rural is not None:
            return _rural_members(c, ctx, members.count, members.rural)
        return Reason(_no_commune(ctx, "ce dispositif demande une commune rurale"), None, c.key)
    level = ctx.territory.density_level
    if level is None:
        return Reason(f"La densité {_of(ctx.commune)} n'est pas connue : {CHECK}", None, c.key)
    met = level.value in RURAL_LEVELS
    outcome = f"commune rurale, {MET}" if met else f"commune non rurale, {UNMET}"
    return Reason(f"{_density(ctx, level)} : {outcome}", met, c.key)


def _rural_members(c: Rural, ctx: Context, count: int, rural: Fact) -> Reason:
    """An EPCI alone is rural when all its members are; none rural, it is not; some, it
    depends on the commune the project serves."""
    if count and rural.value == count:
        verb = "sont rurales" if count > 1 else "est rurale"
        text = f"{_cap(_members(count))} {_of(ctx.epci)} {verb} ({rural.source}) : {MET}"
        return Reason(text, True, c.key)
    if count and rural.value == 0:
        text = f"Aucune commune membre {_of(ctx.epci)} n'est rurale ({rural.source}) : {UNMET}"
        return Reason(text, False, c.key)
    text = (
        f"{number(rural.value)} des {number(count)} communes membres {_of(ctx.epci)} "
        f"{'sont rurales' if rural.value > 1 else 'est rurale'} ({rural.source}) ; ce dispositif "
        f"demande une commune rurale, cela dépend de la commune concernée : {CHECK}"
    )
    return Reason(text, None, c.key)


def _members(count: int) -> str:
    return f"les {number(count)} communes membres" if count > 1 else "la seule commune membre"


def _density(ctx: Context, level: Fact) -> str:
    return (
        f"{_cap(ctx.commune)} est au niveau {level.value} de la grille de densité, "
        f"« {DENSITY_LABELS[level.value]} » ({level.source})"
    )


def _beneficiary(c, ctx: Context) -> Reason:
    demand = f"ce dispositif s'adresse {c.wording}"
    holder = ctx.profile.beneficiary
    if holder is None:
        return Reason(f"Le porteur du projet n'est pas précisé ; {demand} : {CHECK}", None, c.key)
    met = holder in c.values
    text = f"Le projet est porté par {BENEFICIARY_FORMS[holder][0]} ; {demand} : "
    return Reason(text + (MET if met else UNMET), met, c.key)


def _stage(c, ctx: Context) -> Reason:
    demand = f"ce dispositif intervient {c.wording}"
    stage = ctx.profile.stage
    if stage is None:
        return Reason(f"L'étape du projet n'est pas précisée ; {demand} : {CHECK}", None, c.key)
    met = stage in c.values
    text = f"Le projet en est à l'étape « {STAGES[stage]} » ; {demand} : "
    return Reason(text + (MET if met else UNMET), met, c.key)


def _density_level(c, ctx: Context) -> Reason:
    demand = f"ce dispositif demande {c.wording} de la grille de densité"
    if ctx.commune is None:
        return Reason(_no_commune(ctx, demand), None, c.key)
    level = ctx.territory.density_level
    if level is None:
        text = f"La densité {_of(ctx.commune)} n'est pas connue ; {demand} : {CHECK}"
        return Reason(text, None, c.key)
    if level.value in c.values:
        return Reason(f"{_density(ctx, level)} : {MET}", True, c.key)
    return Reason(f"{_density(ctx, level)} ; {demand} : {UNMET}", False, c.key)


def _epci_type(c, ctx: Context) -> Reason:
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


def _areas(ctx: Context) -> dict[str, tuple[str | None, str]]:
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


def _area(c, ctx: Context) -> Reason:
    code, seen = ctx.areas[c.key]
    if code is None:
        return Reason(f"{seen} ; ce dispositif couvre {c.wording} : {CHECK}", None, c.key)
    if code in c.values:
        return Reason(f"{seen}, {_AREAS[c.key][3]} par ce dispositif : {MET}", True, c.key)
    return Reason(f"{seen} ; ce dispositif couvre {c.wording} : {UNMET}", False, c.key)


def _commune(c, ctx: Context) -> Reason:
    demand = f"ce dispositif couvre {c.wording}"
    code = ctx.territory.commune_code
    if ctx.commune is None:
        return Reason(_no_commune(ctx, demand), None, c.key)
    if code is None:
        text = f"Le code INSEE {_of(ctx.commune)} n'est pas connu ; {demand} : {CHECK}"
        return Reason(text, None, c.key)
    return _in_perimeter(c, f"{_cap(ctx.commune)} ({code})", code in c.values)


def _epci(c, ctx: Context) -> Reason:
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


def _programme(c: InProgramme, ctx: Context) -> Reason:
    membership = ctx.territory.programmes.get(c.programme)
    name = c.programme_label
    members = ctx.territory.members
    if ctx.for_epci and members is not None and c.programme in members.programmes:
        return _programme_members(c, ctx, members.programmes[c.programme])
    if membership is None and ctx.commune is None and not ctx.for_epci:
        demand = f"ce dispositif est réservé au programme {name}"
        return Reason(_no_commune(ctx, demand), None, c.key)
    if membership is None:
        # No list to read: the mayor (or the intercommunality) knows, so ask.
        question = ctx.ask(c.question)
        answer = ctx.profile.answers.get(question.id)
        quoted = f"« {question.text} »"
        if answer is None:
            return Reason(f"{quoted} : pas encore de réponse, {CHECK}", None, c.key, question)
        said, ending = ("oui", MET) if answer else ("non", UNMET)
        return Reason(f"{quoted} : vous avez répondu {said}, {ending}", answer, c.key, question)
    if membership.value:
        text = f"{_cap(ctx.subject)} fait partie du programme {name} ({membership.source}) : {MET}"
        return Reason(text, True, c.key)
    text = f"{_cap(ctx.subject)} ne fait pas partie du programme {name} ({membership.source}) : "
    return Reason(text + UNMET, False, c.key)


def _programme_members(c: InProgramme, ctx: Context, names: Fact) -> Reason:
    """An EPCI alone takes part in a programme through its members: met when one of them is
    in it (the programme's conventions are signed with the intercommunality too)."""
    name = c.programme_label
    if not names.value:
        text = (
            f"Aucune commune membre {_of(ctx.epci)} ne fait partie du programme {name} "
            f"({names.source}) : {UNMET}"
        )
        return Reason(text, False, c.key)
    many = len(names.value) > 1
    listed = ", ".join(names.value[:5]) + (" …" if len(names.value) > 5 else "")
    text = (
        f"{listed}, {'communes membres' if many else 'commune membre'} {_of(ctx.epci)}, "
        f"{'font' if many else 'fait'} partie du programme {name} ({names.source}) : {MET}"
    )
    return Reason(text, True, c.key)


def _question(c: Ask, ctx: Context) -> Reason:
    reason = c.reasons[ctx.profile.answers.get(c.question.id)]
    question = ctx.ask(c.question)
    if question is c.question:
        return reason
    return reason._replace(text=epci_wording(reason.text), question=question)


def _constant(c: FreeText | National, ctx: Context | None) -> Reason:
    return c.reason


def _any_of(c: AnyOf, ctx: Context) -> Reason:
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


# Criteria whose sentence is the same for every profile: explained with no context.
PROFILE_FREE = frozenset({"national", "text", "calendar", "verification"})
EXPLAIN = {  # criterion key → the function writing its sentence
    "any_of": _any_of,
    "beneficiary": _beneficiary,
    "calendar": _constant,
    "verification": _constant,
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
