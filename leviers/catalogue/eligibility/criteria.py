"""Eligibility criteria of a scheme: parsing, validation and wording of what each one asks.

A scheme's `criteria` (docs/format-catalogue.md, "Critères d'éligibilité") is a list of
one-key mappings read from YAML or from a JSON field. `parse_criteria` turns it into
immutable `Criterion` objects once, at load time; `perimeter_criterion` does the same for
the scheme's `perimeter`. Any malformed criterion raises `CriteriaError`, in French, naming
the scheme, the criterion (number and key) and what is wrong.

Everything a sentence needs that does not depend on the territory (labels, thresholds written
the French way, the reasons of `question` and `text` criteria) is computed here, so that
evaluation (`engine.py`) only looks facts up. Criteria are values: two schemes asking the same
thing hold equal criteria, which the engine explains once per profile.

Pure Python: no Django, no database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from leviers.catalogue.dates import as_date, french_date
from leviers.catalogue.eligibility.types import EPCI_TYPES, Question, Reason
from leviers.catalogue.vocabulary import BENEFICIARIES, PROGRAMME_QUESTIONS, PROGRAMMES, STAGES
from leviers.territories.density import DENSITY_LABELS

# Thousands separator: the no-break space, as Django's French locale (`intcomma`) on the pages.
NBSP = "\u00a0"

# Who carries the project, with the article: "porté par une association", "aux associations".
BENEFICIARY_FORMS = {
    "commune": ("une commune", "aux communes"),
    "epci": ("une intercommunalité", "aux intercommunalités"),
    "association": ("une association", "aux associations"),
    "groupement-employeurs": ("un groupement d'employeurs", "aux groupements d'employeurs"),
    "scic": ("une SCIC", "aux SCIC"),
    "scop": ("une SCOP", "aux SCOP"),
    "entreprise-ess": ("une entreprise de l'ESS", "aux entreprises de l'ESS"),
    "collectif-citoyens": ("un collectif d'habitants", "aux collectifs d'habitants"),
}
if set(BENEFICIARY_FORMS) != set(BENEFICIARIES):  # pragma: no cover - fails at import
    raise RuntimeError("BENEFICIARY_FORMS doit couvrir exactement vocabulary.BENEFICIARIES")

COMPARATORS = {"lt": "moins de", "lte": "au plus", "gt": "plus de", "gte": "au moins"}

PERIMETER_KEYS = ("national", "regions", "departments", "communes", "epcis", "programme")

_CODE_FORMS = {
    "region": (re.compile(r"\d{2,3}"), "un code de région a 2 chiffres (52), 3 outre-mer (975)"),
    "department": (
        re.compile(r"\d{2,3}|2[AB]"),
        "un code de département a 2 caractères (53, 2A), 3 outre-mer (971)",
    ),
    "commune": (re.compile(r"\d{5}|2[AB]\d{3}"), "un code INSEE de commune a 5 caractères"),
    "epci": (re.compile(r"\d{9}"), "un SIREN d'intercommunalité a 9 chiffres"),
}
_QUESTION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_SHOWN_CODES = 5  # longer lists are summed up as "les 2 458 communes désignées"


class CriteriaError(ValueError):
    """A malformed criterion; the message (French) names the scheme and the criterion."""


def number(value: int) -> str:
    """5000 → "5 000" (no-break space)."""
    return f"{value:,}".replace(",", NBSP)


def join(items: list[str] | tuple[str, ...], conjunction: str = "et") -> str:
    """["a", "b", "c"] → "a, b et c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# Criteria: frozen values, equal when they ask the same thing (the engine's dictionary keys).
# What is derived from the rest (reasons written in advance) takes no part in equality.


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    label: str  # what is asked, as a short noun phrase ("commune de moins de 5 000 habitants")


@dataclass(frozen=True, slots=True)
class Among(Criterion):
    """The profile's value must be one of `values` (beneficiary, stage, codes, levels, type)."""

    values: frozenset
    ordered: tuple  # values in the curator's order, for sentences
    wording: str  # the values, written out ("aux communes et aux intercommunalités")


@dataclass(frozen=True, slots=True)
class Threshold(Criterion):
    """A population compared with a limit: commune_population / epci_population."""

    comparator: str  # lt | lte | gt | gte
    limit: int
    met_phrase: str  # "moins de 5 000"
    unmet_phrase: str  # "5 000 ou plus"


@dataclass(frozen=True, slots=True)
class Rural(Criterion):
    """A commune rural in the INSEE sense: density levels RURAL_LEVELS."""


@dataclass(frozen=True, slots=True)
class InProgramme(Criterion):
    """Membership of a programme: read from its list when imported, asked otherwise."""

    programme: str
    programme_label: str
    question: Question = field(compare=False)


@dataclass(frozen=True, slots=True)
class Ask(Criterion):
    """A question; its three reasons (no answer, yes, no) are written once, here."""

    question: Question
    reasons: Mapping = field(repr=False, compare=False)  # None | True | False → Reason


@dataclass(frozen=True, slots=True)
class FreeText(Criterion):
    reason: Reason = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class National(Criterion):
    reason: Reason = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class AnyOf(Criterion):
    branches: tuple[tuple[Criterion, ...], ...]
    branch_labels: tuple[str, ...]


# Parsing


def parse_criteria(raw: object, *, where: str) -> list[Criterion]:
    """Validate a scheme's `criteria` list; `where` names the scheme ("dispositif « x »")."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CriteriaError(
            f"{where} : « criteria » doit être une liste de critères (reçu : {type(raw).__name__})."
        )
    return [_criterion(item, f"{where}, critère n° {i}") for i, item in enumerate(raw, 1)]


def perimeter_criterion(raw: object, *, where: str) -> Criterion:
    """The scheme's `perimeter` (one key among PERIMETER_KEYS) as a criterion."""
    path = f"{where}, périmètre"
    if not isinstance(raw, Mapping) or len(raw) != 1:
        got = ", ".join(map(str, raw)) if isinstance(raw, Mapping) and raw else "rien"
        raise CriteriaError(
            f"{path} : une table à une seule clé est attendue parmi "
            f"{', '.join(PERIMETER_KEYS)} (reçu : {got})."
        )
    ((key, value),) = raw.items()
    if key == "national":
        if value is not True:
            raise CriteriaError(f"{path} (« national ») : seule la valeur true est admise.")
        return _national()
    if key == "programme":
        return _programme(value, f"{path} (« programme »)")
    kind = {"regions": "region", "departments": "department", "communes": "commune"}.get(
        key, "epci" if key == "epcis" else None
    )
    if kind is None:
        raise CriteriaError(
            f"{path} : clé inconnue « {key} ». Clés possibles : {', '.join(PERIMETER_KEYS)}."
        )
    return _codes(kind, value, f"{path} (« {key} »)")


def scheme_criteria(criteria: object, perimeter: object, *, where: str) -> tuple[Criterion, ...]:
    """Everything a scheme requires: its perimeter first, then its criteria."""
    return (perimeter_criterion(perimeter, where=where), *parse_criteria(criteria, where=where))


def _criterion(item: object, path: str) -> Criterion:
    if not isinstance(item, Mapping):
        raise CriteriaError(
            f"{path} : un critère est une table à une seule clé, par exemple « rural: true » "
            f"(reçu : {item!r})."
        )
    if len(item) != 1:
        keys = ", ".join(map(str, item)) or "aucune"
        raise CriteriaError(
            f"{path} : un critère a exactement une clé, celui-ci en a {len(item)} ({keys}) ; "
            "écrivez un critère par clé."
        )
    ((key, value),) = item.items()
    path = f"{path} (« {key} »)"
    if key not in _PARSERS:
        raise CriteriaError(f"{path} : clé inconnue. Clés possibles : {', '.join(CRITERION_KEYS)}.")
    return _PARSERS[key](value, path)


def _list(value: object, path: str, example: str) -> list:
    if not isinstance(value, list):
        raise CriteriaError(f"{path} : une liste est attendue, par exemple {example}.")
    if not value:
        raise CriteriaError(f"{path} : la liste est vide.")
    return list(dict.fromkeys(value))  # duplicates dropped, order kept


def _slugs(value: object, path: str, vocabulary: Mapping, example: str) -> list[str]:
    items = _list(value, path, example)
    for item in items:
        if item not in vocabulary:
            raise CriteriaError(
                f"{path} : valeur inconnue « {item} ». Valeurs possibles : {', '.join(vocabulary)}."
            )
    return items


def _beneficiary(value, path):
    items = _slugs(value, path, BENEFICIARIES, "[commune, epci]")
    wording = join([BENEFICIARY_FORMS[b][1] for b in items])
    label = "projet porté par " + join([BENEFICIARY_FORMS[b][0] for b in items], "ou")
    return Among("beneficiary", label, frozenset(items), tuple(items), wording)


def _stage(value, path):
    items = _slugs(value, path, STAGES, "[emergence, etude]")
    names = [f"« {STAGES[s]} »" for s in items]
    wording = ("à l'étape " if len(items) == 1 else "aux étapes ") + join(names)
    label = "projet à l'étape " + join(names, "ou")
    return Among("stage", label, frozenset(items), tuple(items), wording)


def _epci_type(value, path):
    items = _slugs(value, path, EPCI_TYPES, "[CC, CA]")
    label = join([EPCI_TYPES[t][0] for t in items], "ou")
    wording = join([EPCI_TYPES[t][1] for t in items], "ou")
    return Among("epci_type", label, frozenset(items), tuple(items), wording)


def _density_level(value, path):
    items = _list(value, path, "[5, 6, 7]")
    for level in items:
        if isinstance(level, bool) or level not in DENSITY_LABELS:
            raise CriteriaError(
                f"{path} : niveau de densité inconnu « {level} ». Niveaux possibles : 1 à 7."
            )
    items.sort()
    written = join([str(level) for level in items], "ou")
    wording = ("le niveau " if len(items) == 1 else "les niveaux ") + written
    label = f"commune de niveau {written} de la grille de densité"
    return Among("density_level", label, frozenset(items), tuple(items), wording)


_CODE_NOUNS = {
    "region": ("la région", "les régions", "régions désignées"),
    "department": ("le département", "les départements", "départements désignés"),
    "commune": ("la commune", "les communes", "communes désignées"),
    "epci": ("l'intercommunalité", "les intercommunalités", "intercommunalités désignées"),
}


def _codes(kind: str, value: object, path: str) -> Criterion:
    pattern, form = _CODE_FORMS[kind]
    items = _list(value, path, '["53", "72"]')
    for code in items:
        if isinstance(code, int) and not isinstance(code, bool):
            raise CriteriaError(
                f'{path} : le code {code} est écrit sans guillemets ; écrivez "{code}" '
                "(sans guillemets, un zéro initial serait perdu)."
            )
        if not isinstance(code, str) or not pattern.fullmatch(code):
            raise CriteriaError(f"{path} : code « {code} » invalide ({form}).")
    one, many, designated = _CODE_NOUNS[kind]
    if len(items) == 1:
        wording = f"{one} {items[0]}"
    elif len(items) <= _SHOWN_CODES:
        wording = f"{many} {join(items)}"
    else:
        wording = f"les {number(len(items))} {designated}"
    label = f"territoire de {wording}" if kind in ("region", "department") else wording
    return Among(kind, label, frozenset(items), tuple(items), wording)


def _region(value, path):
    return _codes("region", value, path)


def _department(value, path):
    return _codes("department", value, path)


def _commune(value, path):
    return _codes("commune", value, path)


def _epci(value, path):
    return _codes("epci", value, path)


_PHRASES = {  # comparator → (met, unmet), "{}" being the limit
    "lt": ("moins de {}", "{} ou plus"),
    "lte": ("{} ou moins", "plus de {}"),
    "gt": ("plus de {}", "{} ou moins"),
    "gte": ("{} ou plus", "moins de {}"),
}


def _threshold(key: str, noun: str):
    def parse(value, path):
        if not isinstance(value, Mapping) or not value:
            raise CriteriaError(f"{path} : une table est attendue, par exemple {{lt: 5000}}.")
        if len(value) != 1:
            raise CriteriaError(
                f"{path} : un seul comparateur par critère (reçu : {', '.join(map(str, value))}) "
                "; écrivez deux critères pour une fourchette."
            )
        ((comparator, limit),) = value.items()
        if comparator not in COMPARATORS:
            possible = ", ".join(f"{c} ({w})" for c, w in COMPARATORS.items())
            raise CriteriaError(
                f"{path} : comparateur inconnu « {comparator} ». Comparateurs possibles : "
                f"{possible}."
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise CriteriaError(
                f"{path} : le seuil « {limit} » doit être un nombre entier positif "
                "d'habitants, écrit sans espace (5000)."
            )
        met, unmet = (p.format(number(limit)) for p in _PHRASES[comparator])
        label = f"{noun} de {met} habitants"
        return Threshold(key, label, comparator, limit, met, unmet)

    return parse


def _rural(value, path):
    if value is not True:
        raise CriteriaError(f"{path} : seule la valeur true est admise (reçu : {value!r}).")
    return Rural("rural", "commune rurale (niveaux 5 à 7)")


def _programme(value, path):
    if value not in PROGRAMMES:
        raise CriteriaError(
            f"{path} : programme inconnu « {value} ». Programmes possibles : "
            f"{', '.join(PROGRAMMES)}."
        )
    name = PROGRAMMES[value]
    question = Question(f"programme-{value}", PROGRAMME_QUESTIONS[value])
    return InProgramme("programme", f"territoire du programme {name}", value, name, question)


_QUESTION_KEYS = ("id", "text", "expected")


def _question(value, path):
    if not isinstance(value, Mapping):
        raise CriteriaError(
            f"{path} : une table est attendue, par exemple "
            '{id: plus-de-commerce, text: "La commune n\'a plus de commerce ?", expected: true}.'
        )
    unknown = [k for k in value if k not in _QUESTION_KEYS]
    if unknown:
        raise CriteriaError(
            f"{path} : clé inconnue « {unknown[0]} ». Clés possibles : {', '.join(_QUESTION_KEYS)}."
        )
    qid, text, expected = value.get("id"), value.get("text"), value.get("expected", True)
    if not isinstance(qid, str) or not _QUESTION_ID.fullmatch(qid):
        raise CriteriaError(
            f"{path} : « id » manquant ou invalide ({qid!r}) ; minuscules, chiffres et tirets, "
            "par exemple plus-de-commerce."
        )
    if not isinstance(text, str) or not text.strip():
        raise CriteriaError(f"{path} : « text » (la question posée) manquant ou vide.")
    if not isinstance(expected, bool):
        raise CriteriaError(
            f"{path} : « expected » doit valoir true ou false (reçu : {expected!r})."
        )
    question = Question(qid, text.strip(), expected)
    return _ask(question)


def _ask(question: Question) -> Ask:
    quoted = f"« {question.text} »"
    yes = "oui" if question.expected else "non"
    reasons = {
        None: Reason(f"{quoted} : pas encore de réponse, à vérifier.", None, "question", question),
    }
    for answer in (True, False):
        said = "oui" if answer else "non"
        outcome = answer == question.expected
        ending = "condition remplie." if outcome else "condition non remplie."
        reasons[answer] = Reason(
            f"{quoted} : vous avez répondu {said}, {ending}", outcome, "question", question
        )
    return Ask("question", f"réponse « {yes} » à {quoted}", question, reasons)


def _text(value, path):
    if not isinstance(value, str) or not value.strip():
        raise CriteriaError(f"{path} : un texte non vide est attendu.")
    text = value.strip()
    reason = Reason(f"« {text} » : condition à vérifier.", None, "text")
    return FreeText("text", text, reason)


def status_criteria(
    calendar: Mapping,
    verification: str,
    note: str,
    today: datetime.date,
    replaced_by: str = "",
) -> tuple[tuple[Criterion, ...], bool]:
    """What a scheme's calendar and verification say about any verdict: the criteria they add
    (a closed calendar, an unknown one, unverified facts) and whether the scheme is closed.

    A closed scheme is never « Éligible » (the engine shows it « Clos »); an unknown calendar
    or unverified facts leave it « à vérifier » at best, saying why. `replaced_by` names the
    scheme that replaced a closed one, when known. (The label is the sentence itself: criteria
    are equal, and share their sentence, only when they say the same thing.)
    """
    kind = calendar.get("kind", "permanent")
    detail = str(calendar.get("text") or "").strip().rstrip(".")
    extra = f" ({detail})" if detail else ""
    found: list[Criterion] = []
    deadline = as_date(calendar.get("deadline"))
    closed = kind == "closed" or (kind == "deadline" and deadline is not None and deadline < today)
    if closed:
        if kind == "deadline":
            text = f"La date limite du {french_date(deadline)} est passée : dispositif clos"
        else:
            text = f"Ce dispositif est clos{extra}"
        if replaced_by:
            text += f" ; il est remplacé par « {replaced_by} »"
        found.append(FreeText("calendar", text, Reason(text + ".", False, "calendar")))
    elif kind == "unknown":
        text = f"Le calendrier de ce dispositif n'est pas vérifié{extra} : {_CHECK}"
        found.append(FreeText("calendar", text, Reason(text, None, "calendar")))
    if verification == "non-verifie":
        why = f" ({note.strip().rstrip('.')})" if note.strip() else ""
        text = (
            "Les informations de ce dispositif n'ont pas été vérifiées par l'équipe "
            f"Leviers{why} : à vérifier auprès de l'opérateur."
        )
        found.append(FreeText("verification", text, Reason(text, None, "verification")))
    return tuple(found), closed


_CHECK = "à vérifier."


def _national():
    reason = Reason(
        "Ce dispositif est ouvert sur tout le territoire national : condition remplie.",
        True,
        "national",
    )
    return National("national", "tout le territoire national", reason)


def _any_of(value, path):
    if not isinstance(value, list) or not value:
        raise CriteriaError(
            f"{path} : une liste non vide de branches est attendue, chaque branche étant une "
            "liste de critères."
        )
    branches = []
    for b, branch in enumerate(value, 1):
        where = f"{path}, branche n° {b}"
        if isinstance(branch, Mapping):  # a branch of a single criterion
            branch = [branch]
        if not isinstance(branch, list) or not branch:
            raise CriteriaError(f"{where} : une liste non vide de critères est attendue.")
        branches.append(
            tuple(_criterion(item, f"{where}, critère n° {i}") for i, item in enumerate(branch, 1))
        )
    branches = tuple(branches)
    labels = tuple(", ".join(c.label for c in branch) for branch in branches)
    label = " ou ".join(f"({branch})" for branch in labels)
    return AnyOf("any_of", label, branches, labels)


_PARSERS = {
    "any_of": _any_of,
    "beneficiary": _beneficiary,
    "commune": _commune,
    "commune_population": _threshold("commune_population", "commune"),
    "density_level": _density_level,
    "department": _department,
    "epci": _epci,
    "epci_population": _threshold("epci_population", "intercommunalité"),
    "epci_type": _epci_type,
    "programme": _programme,
    "question": _question,
    "region": _region,
    "rural": _rural,
    "stage": _stage,
    "text": _text,
}
CRITERION_KEYS = tuple(sorted(_PARSERS))
