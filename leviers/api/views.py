"""JSON API v1: plain JsonResponse, explicit fields, French error messages."""

import re

from django.http import JsonResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from leviers.api.catalogue import INTEGER
from leviers.api.errors import error, get_only
from leviers.api.openapi import OPENAPI
from leviers.catalogue.matching import as_dict
from leviers.catalogue.profiles import (
    ProfileError,
    UnknownTerritory,
    read_situation,
)
from leviers.catalogue.service import run_match
from leviers.core.models import Dataset
from leviers.territories.models import Commune, Epci
from leviers.territories.search import search_territories

MAX_LIMIT = 50


def _source(dataset: Dataset | None) -> dict | None:
    if dataset is None:
        return None
    return {
        "label": dataset.label,
        "producer": dataset.producer,
        "vintage": dataset.vintage,
        "licence": dataset.licence,
        "url": dataset.source_url,
    }


def _refused(request, path: str) -> str | None:
    """The first query value the OpenAPI document refuses on this path (a value out of its
    list, or that does not fit its pattern: an empty one too), said in French."""
    for parameter in OPENAPI["paths"][path]["get"]["parameters"]:
        name, schema = parameter["name"], parameter["schema"]
        schema = schema.get("items", schema)  # (an array: each value)
        for value in request.GET.getlist(name) if parameter["in"] == "query" else ():
            if "enum" in schema and value not in schema["enum"]:
                return (
                    f"Valeur inconnue « {value} » pour « {name} ». Valeurs possibles : "
                    f"{', '.join(schema['enum'])}."
                )
            if "pattern" in schema and not re.search(schema["pattern"], value):
                return f"Valeur mal formée « {value} » pour « {name} » ({parameter['description']})"
    return None


@get_only
def match(request):
    try:
        situation = read_situation(request.GET)  # (its messages for a code that cannot exist)
        if situation.commune and "epci" in request.GET:  # checked too, although unused
            read_situation(MultiValueDict({"epci": request.GET.getlist("epci")}))
    except ProfileError as exc:
        return error(str(exc), 400)
    # The pages read a situation leniently (spaces, empty fields); the API as documented.
    if problem := _refused(request, "/match"):
        return error(problem, 400)
    try:
        result, territory = run_match(situation)
    except UnknownTerritory as exc:  # could exist but does not: not found, as /communes/{code}
        return error(str(exc), 404)
    except ProfileError as exc:
        return error(str(exc), 400)
    return JsonResponse(with_urls(as_dict(result, territory)))


# The pages and API records of the entries a match lists: (key in the result, URL names).
LINKED = (
    ("levers", "catalogue:lever", "api:lever"),
    ("experiences", "catalogue:experience", "api:experience"),
    ("schemes", "catalogue:scheme", "api:scheme"),
)


def with_urls(result: dict) -> dict:
    """`result` (as `as_dict` writes it) with the page (`url`) and API record (`api_url`) of
    each lever, experience and scheme. The addresses are read once per kind (a slug is
    `[-a-zA-Z0-9_]`, written as it is in a path)."""
    for key, page, record in LINKED:
        page_prefix = reverse(page, args=["x"])[:-2]
        record_prefix = reverse(record, args=["x"])[:-1]
        for entry in result[key]:
            entry["url"] = f"{page_prefix}{entry['slug']}/"
            entry["api_url"] = f"{record_prefix}{entry['slug']}"
    return result


@get_only
def openapi(request):
    return JsonResponse(OPENAPI)


@get_only
def territory_search(request):
    query = request.GET.get("q", "")
    if len(query) > 100:  # as sent, spaces included
        return error("Le paramètre « q » dépasse 100 caractères.", 400)
    query = query.strip()
    limit = request.GET.get("limit", "10")
    if not INTEGER.fullmatch(limit):  # an empty value too
        return error("Le paramètre « limit » doit être un nombre entier.", 400)
    limit = int(limit)
    if not 1 <= limit <= MAX_LIMIT:
        return error(f"Le paramètre « limit » doit être compris entre 1 et {MAX_LIMIT}.", 400)
    results = []
    for entry in search_territories(query, limit=limit):
        route = "territories:commune" if entry.kind == "commune" else "territories:epci"
        results.append(
            {
                "type": entry.kind,
                "code": entry.code,
                "name": entry.name,
                "label": entry.label,
                "department": (
                    {"code": entry.department_code, "name": entry.department_name}
                    if entry.kind == "commune"
                    else None
                ),
                "population": entry.population,
                "postal_codes": list(entry.postal_codes),
                "url": reverse(route, args=[entry.code]),
            }
        )
    return JsonResponse({"query": query, "results": results})


@get_only
def commune_detail(request, code: str):
    commune = (
        Commune.objects.select_related("department", "region", "epci").filter(code=code).first()
    )
    if commune is None:
        return error(f"Aucune commune de code INSEE « {code} ».", 404)
    datasets = Dataset.objects.in_bulk(field_name="key")
    pvd = datasets.get("petites-villes-de-demain")
    fs = datasets.get("france-services")
    return JsonResponse(
        {
            "code": commune.code,
            "name": commune.name,
            "siren": commune.siren or None,
            "postal_codes": commune.postal_codes,
            "population": commune.population,
            "department": {"code": commune.department_id, "name": commune.department.name},
            "region": {"code": commune.region_id, "name": commune.region.name},
            "epci": (
                {"siren": commune.epci_id, "name": commune.epci.name, "type": commune.epci.kind}
                if commune.epci
                else None
            ),
            "density_level": commune.density_level,
            "rural": commune.is_rural,
            "petites_villes_de_demain": (
                commune.programmes.filter(slug="petites-villes-de-demain").exists() if pvd else None
            ),
            "france_services": (
                [
                    {"id": s.identifier, "name": s.name, "address": s.address, "phone": s.phone}
                    for s in commune.france_services.all()
                ]
                if fs
                else None
            ),
            "sources": {
                key: _source(datasets.get(key))
                for key in ("decoupage-administratif", "grille-densite")
            }
            | {"petites-villes-de-demain": _source(pvd), "france-services": _source(fs)},
            "url": commune.get_absolute_url(),
        }
    )


@get_only
def epci_detail(request, siren: str):
    epci = Epci.objects.filter(siren=siren).first()
    if epci is None:
        return error(f"Aucun EPCI de SIREN « {siren} ».", 404)
    members = epci.communes.order_by("name").values_list("code", "name", "population")
    return JsonResponse(
        {
            "siren": epci.siren,
            "name": epci.name,
            "type": epci.kind,
            "population": epci.population,
            "members": [{"code": c, "name": n, "population": p} for c, n, p in members],
            "source": _source(Dataset.objects.filter(key="decoupage-administratif").first()),
            "url": epci.get_absolute_url(),
        }
    )
