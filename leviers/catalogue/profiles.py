"""Build an eligibility `Profile` from the database: the territory's figures, each with the
citation of the dataset it comes from, and the user's choices, validated with French errors."""

from __future__ import annotations

from dataclasses import dataclass

from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import Fact, Profile, Territory, fact
from leviers.core.models import Dataset
from leviers.territories.models import Commune, Epci, Programme

YES = {"oui", "o", "yes", "true", "1", "vrai"}
NO = {"non", "n", "no", "false", "0", "faux"}


class ProfileError(ValueError):
    """A choice that does not exist; the message is French and lists the valid values."""


@dataclass
class ProfileRequest:
    commune: str = ""
    epci: str = ""
    beneficiary: str = ""
    stage: str = ""
    needs: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # "question-id=oui"
    text: str = ""


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


def build_profile(request: ProfileRequest) -> tuple[Profile, frozenset[str], dict]:
    """(profile, needs, territory summary for JSON) — or ProfileError."""
    beneficiary = _check(request.beneficiary, vocabulary.BENEFICIARIES, "Porteur")
    stage = _check(request.stage, vocabulary.STAGES, "Étape")
    needs = frozenset(_check(n, vocabulary.NEEDS, "Besoin") for n in request.needs if n)
    answers = parse_answers(request.answers)
    if not request.commune and not request.epci:
        raise ProfileError("Indiquez une commune (code INSEE) ou une intercommunalité (SIREN).")
    datasets = Dataset.objects.in_bulk(field_name="key")
    referential = _citation(datasets.get("decoupage-administratif"))
    commune = None
    if request.commune:
        commune = (
            Commune.objects.select_related("department", "region", "epci")
            .filter(code=request.commune.strip().upper())
            .first()
        )
        if commune is None:
            raise ProfileError(
                f"Aucune commune de code INSEE « {request.commune} ». Le code INSEE a 5 "
                "caractères (53180 pour Pommerieux) ; ce n'est pas le code postal."
            )
        epci = commune.epci
    else:
        epci = Epci.objects.filter(siren=request.epci.strip()).first()
        if epci is None:
            raise ProfileError(f"Aucune intercommunalité de SIREN « {request.epci} ».")
    programmes: dict[str, Fact] = {}
    if commune is not None:
        member_of = set(commune.programmes.values_list("slug", flat=True))
        for programme in Programme.objects.all():
            dataset = datasets.get(programme.dataset_key)
            if dataset:
                programmes[programme.slug] = Fact(programme.slug in member_of, dataset.citation)
    density = datasets.get("grille-densite")
    territory = Territory(
        commune_name=commune.name if commune else "",
        commune_code=commune.code if commune else None,
        population=fact(commune.population, referential) if commune else None,
        density_level=(
            fact(commune.density_level, _citation(density)) if commune and density else None
        ),
        department=commune.department_id if commune else None,
        department_name=commune.department.name if commune else "",
        region=commune.region_id if commune else None,
        region_name=commune.region.name if commune else "",
        epci_code=epci.siren if epci else None,
        epci_name=epci.name if epci else "",
        epci_type=fact(epci.kind, referential) if epci else None,
        epci_population=fact(epci.population, referential) if epci else None,
        programmes=programmes,
        referential=referential,
    )
    profile = Profile(territory, beneficiary, stage, answers)
    summary = {
        "commune": (
            {"code": commune.code, "name": commune.name, "population": commune.population}
            if commune
            else None
        ),
        "epci": (
            {
                "siren": epci.siren,
                "name": epci.name,
                "type": epci.kind,
                "population": epci.population,
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
