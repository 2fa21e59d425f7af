"""A situation (territory, needs, holder, stage, free text, answers), read the same way by the
journey's pages, the API and `leviers match`, and the eligibility `Profile` built from it: the
territory's figures, each with the citation of the dataset it comes from, and the user's
choices, validated with French errors (`ProfileError`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.datastructures import MultiValueDict

from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import Fact, Members, Profile, Territory, fact
from leviers.core.models import Dataset
from leviers.territories.density import RURAL_LEVELS
from leviers.territories.importers.common import COMMUNE_CODE, SIREN
from leviers.territories.models import Commune, Department, Epci, Programme

YES = {"oui", "o", "yes", "true", "1", "vrai"}
NO = {"non", "n", "no", "false", "0", "faux"}


class ProfileError(ValueError):
    """A choice that does not exist; the message is French and lists the valid values."""


class UnknownTerritory(ProfileError):
    """A commune or EPCI code of the right form that names no territory (the API's 404)."""


@dataclass
class ProfileRequest:
    """A situation as its parameters give it (see `read_situation`)."""

    commune: str = ""  # code INSEE
    epci: str = ""  # SIREN
    beneficiary: str = ""
    stage: str = ""
    needs: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # "question-id=oui"
    text: str = ""


# The limits of a situation, wherever it comes from (URL, API, command line).
MAX_TEXT = 500
MAX_NEEDS = 20
MAX_ANSWERS = 50
NO_TERRITORY = "Indiquez une commune (code INSEE) ou une intercommunalité (SIREN)."


def read_situation(params: MultiValueDict) -> ProfileRequest:
    """The situation of the parameters (request.GET or .POST, or a MultiValueDict): commune or
    epci, besoin (repeated), porteur, etape, texte, reponse (repeated, "id=oui").

    Values are trimmed and bounded (MAX_*), needs given twice count once. A territory code that
    cannot exist raises ProfileError; the rest is checked by `build_profile`."""
    commune = params.get("commune", "").strip().upper()
    epci = params.get("epci", "").strip()
    if commune and not COMMUNE_CODE.fullmatch(commune):
        raise ProfileError(
            f"Code INSEE « {commune[:10]} » invalide : il a 5 caractères (53180 pour Pommerieux, "
            "2A004 pour Ajaccio) ; ce n'est pas le code postal."
        )
    if epci and not commune and not SIREN.fullmatch(epci):
        raise ProfileError(
            f"SIREN d'intercommunalité « {epci[:15]} » invalide : il a 9 chiffres (200048551)."
        )
    return ProfileRequest(
        commune=commune,
        epci=epci,
        beneficiary=params.get("porteur", "").strip(),
        stage=params.get("etape", "").strip(),
        needs=tuple(dict.fromkeys(n.strip() for n in params.getlist("besoin") if n.strip()))[
            :MAX_NEEDS
        ],
        answers=tuple(a.strip() for a in params.getlist("reponse"))[:MAX_ANSWERS],
        text=params.get("texte", "").strip()[:MAX_TEXT],
    )


def unknown_commune(code: str) -> UnknownTerritory:
    return UnknownTerritory(
        f"Aucune commune de code INSEE « {code} ». Le code INSEE a 5 caractères (53180 pour "
        "Pommerieux) ; ce n'est pas le code postal."
    )


def unknown_epci(siren: str) -> UnknownTerritory:
    return UnknownTerritory(f"Aucune intercommunalité de SIREN « {siren} ».")


def territory_of(request: ProfileRequest) -> Commune | Epci:
    """The commune, or else the EPCI, of a situation, for a page (ProfileError if unknown)."""
    if request.commune:
        commune = Commune.objects.filter(code=request.commune.upper()).first()
        if commune is None:
            raise unknown_commune(request.commune)
        return commune
    if request.epci:
        epci = Epci.objects.filter(siren=request.epci).first()
        if epci is None:
            raise unknown_epci(request.epci)
        return epci
    raise ProfileError(NO_TERRITORY)


def _check(value: str, table: dict, name: str) -> str | None:
    if not value:
        return None
    if value not in table:
        raise ProfileError(f"{name} inconnu « {value} ». Valeurs possibles : {', '.join(table)}.")
    return value


def parse_answers(raw: tuple[str, ...] | list[str]) -> dict[str, bool]:
    answers = {}
    for item in raw:
        qid, _, value = item.partition("=") if "=" in item else item.partition(":")
        value = value.strip().lower()
        if not qid or value not in YES | NO:
            raise ProfileError(
                f"Réponse illisible « {item} » : écrivez identifiant=oui ou identifiant=non."
            )
        answers[qid.strip()] = value in YES
    return answers


def _citation(dataset: Dataset | None) -> str:
    return dataset.citation if dataset else ""


# A commune as profiles read it: one row, joined with its department, region and EPCI.
COMMUNE_FIELDS = (
    "code",
    "name",
    "population",
    "density_level",
    "department_id",
    "department__name",
    "region_id",
    "region__name",
    "epci_id",
    "epci__name",
    "epci__kind",
    "epci__population",
)
EPCI_FIELDS = ("siren", "name", "kind", "population")


def _epci_of(commune: dict) -> dict | None:
    if not commune["epci_id"]:
        return None
    return {
        "siren": commune["epci_id"],
        "name": commune["epci__name"],
        "kind": commune["epci__kind"],
        "population": commune["epci__population"],
    }


class _Citations:
    """What every profile cites, read once: the referential, the density grid, and the
    programmes whose list was imported (slug → citation). Two queries."""

    def __init__(self):
        datasets = Dataset.objects.in_bulk(field_name="key")
        self.referential = _citation(datasets.get("decoupage-administratif"))
        density = datasets.get("grille-densite")
        self.density = density.citation if density else None
        self.programmes = {
            programme.slug: datasets[programme.dataset_key].citation
            for programme in Programme.objects.all()
            if programme.dataset_key in datasets
        }

    def members(self, siren: str) -> Members:
        """What the member communes of an EPCI say, as facts for its verdicts: how many are
        rural, and which are in each programme whose list was imported. Two queries."""
        rows = list(
            Commune.objects.filter(epci_id=siren)
            .order_by("name")
            .values_list("code", "name", "density_level")
        )
        names = {code: name for code, name, _ in rows}
        rural = None
        if self.density is not None and all(level is not None for *_, level in rows):
            rural = Fact(sum(level in RURAL_LEVELS for *_, level in rows), self.density)
        in_programme: dict[str, list[str]] = {slug: [] for slug in self.programmes}
        memberships = Programme.communes.through.objects.filter(
            commune__epci_id=siren, programme_id__in=list(self.programmes)
        ).values_list("programme_id", "commune_id")
        for slug, code in memberships:
            in_programme[slug].append(names[code])
        return Members(
            count=len(rows),
            rural=rural,
            programmes={
                slug: Fact(tuple(sorted(found)), self.programmes[slug])
                for slug, found in in_programme.items()
            },
        )

    def territory(
        self, commune: dict | None, epci: dict | None, member_of, members: Members | None = None
    ) -> Territory:
        """`commune` is a row of COMMUNE_FIELDS, `epci` one of EPCI_FIELDS (either may be
        None); `member_of` holds the slugs of the programmes the commune belongs to; `members`
        what the member communes of an EPCI alone say."""
        referential = self.referential
        if commune is None:
            return Territory(
                epci_code=epci["siren"],
                epci_name=epci["name"],
                epci_type=fact(epci["kind"], referential),
                epci_population=fact(epci["population"], referential),
                referential=referential,
                members=members,
            )
        return Territory(
            commune_name=commune["name"],
            commune_code=commune["code"],
            population=fact(commune["population"], referential),
            density_level=(
                fact(commune["density_level"], self.density) if self.density is not None else None
            ),
            department=commune["department_id"],
            department_name=commune["department__name"],
            region=commune["region_id"],
            region_name=commune["region__name"],
            epci_code=epci["siren"] if epci else None,
            epci_name=epci["name"] if epci else "",
            epci_type=fact(epci["kind"], referential) if epci else None,
            epci_population=fact(epci["population"], referential) if epci else None,
            programmes={
                slug: Fact(slug in member_of, cited) for slug, cited in self.programmes.items()
            },
            referential=referential,
        )


def build_profile(request: ProfileRequest) -> tuple[Profile, frozenset[str], dict]:
    """(profile, needs, territory summary for JSON) — or ProfileError."""
    beneficiary = _check(request.beneficiary, vocabulary.BENEFICIARIES, "Porteur")
    stage = _check(request.stage, vocabulary.STAGES, "Étape")
    needs = frozenset(_check(n, vocabulary.NEEDS, "Besoin") for n in request.needs if n)
    answers = parse_answers(request.answers)
    if not request.commune and not request.epci:
        raise ProfileError(NO_TERRITORY)
    commune, member_of, members = None, set(), None
    if request.commune:
        code = request.commune.strip().upper()
        commune = Commune.objects.filter(code=code).values(*COMMUNE_FIELDS).first()
        if commune is None:
            raise unknown_commune(request.commune)
        epci = _epci_of(commune)
        member_of = set(
            Programme.communes.through.objects.filter(commune_id=code).values_list(
                "programme_id", flat=True
            )
        )
    else:
        epci = Epci.objects.filter(siren=request.epci.strip()).values(*EPCI_FIELDS).first()
        if epci is None:
            raise unknown_epci(request.epci)
    citations = _Citations()
    if commune is None:
        members = citations.members(epci["siren"])
    territory = citations.territory(commune, epci, member_of, members)
    profile = Profile(territory, beneficiary, stage, answers)
    summary = {
        "commune": (
            {"code": commune["code"], "name": commune["name"], "population": commune["population"]}
            if commune
            else None
        ),
        "epci": (
            {
                "siren": epci["siren"],
                "name": epci["name"],
                "type": epci["kind"],
                "population": epci["population"],
            }
            if epci
            else None
        ),
        "beneficiary": beneficiary,
        "stage": stage,
        "needs": sorted(needs),
        "answers": answers,
    }
    return profile, needs, summary


def profiles_for_all_communes(
    beneficiary: str = "",
    stage: str = "",
    answers: tuple[str, ...] | list[str] = (),
    departments: tuple[str, ...] | list[str] = (),
    epci: str = "",
) -> Iterator[Profile]:
    """The profile of every commune of the referential (or of `departments`, or the members
    of the EPCI of SIREN `epci`), by code INSEE, for one project holder, stage and answers
    (ProfileError, in French, on a bad value).

    The same territories as `build_profile` gives commune by commune, in four queries whatever
    the number of communes: the datasets, the programmes, the programme memberships, and the
    communes joined with their department, region and EPCI (read in chunks); one more to
    check `departments`.
    """
    holder = _check(beneficiary, vocabulary.BENEFICIARIES, "Porteur")
    stage_slug = _check(stage, vocabulary.STAGES, "Étape")
    parsed = parse_answers(answers)
    citations = _Citations()
    memberships: dict[str, set[str]] = {}
    links = Programme.communes.through.objects.all()
    if epci:
        links = links.filter(commune__epci_id=epci)
    for code, slug in links.values_list("commune_id", "programme_id"):
        memberships.setdefault(code, set()).add(slug)
    nothing: frozenset[str] = frozenset()
    communes = Commune.objects.order_by("code")
    if departments:
        known = set(Department.objects.filter(code__in=departments).values_list("code", flat=True))
        unknown = [code for code in departments if code not in known]
        if unknown:
            raise ProfileError(f"Département inconnu « {unknown[0]} » (code INSEE : 53, 2A, 971).")
        communes = communes.filter(department__in=departments)
    if epci:
        communes = communes.filter(epci_id=epci)
    rows = communes.values_list(*COMMUNE_FIELDS)
    for row in rows.iterator(chunk_size=5_000):
        commune = dict(zip(COMMUNE_FIELDS, row, strict=True))
        member_of = memberships.get(commune["code"], nothing)
        territory = citations.territory(commune, _epci_of(commune), member_of)
        yield Profile(territory, holder, stage_slug, parsed)
