"""Real answers of the API, validated against the schema its OpenAPI document gives for their
operation and status: what a generated client would check. Representative situations, those
where a value is null included (an EPCI alone has no commune; no holder, no stage given)."""

import jsonschema_rs
import pytest
from django.utils import timezone

from leviers.api.openapi import OPENAPI
from leviers.core.models import Dataset
from leviers.territories.models import Programme

pytestmark = pytest.mark.django_db

JSON = "application/json"


def schema_of(path: str, status: int) -> dict:
    """The JSON schema of the answer `status` of the GET operation `path` (as documented),
    with the document's components, for its references."""
    responses = OPENAPI["paths"][path]["get"]["responses"]
    schema = responses[str(status)]["content"][JSON]["schema"]
    return {**schema, "components": OPENAPI["components"]}


def errors_of(path: str, status: int, body) -> list[str]:
    validator = jsonschema_rs.Draft202012Validator(schema_of(path, status))
    return [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(body)]


# (operation in the document, address called, status expected)
ANSWERS = [
    ("/match", "/api/v1/match?epci=200068955", 200),
    ("/match", "/api/v1/match?epci=200068955&porteur=epci&besoin=tiers-lieu", 200),
    ("/match", "/api/v1/match?commune=53180&porteur=commune&etape=emergence&besoin=commerce", 200),
    ("/match", "/api/v1/match?commune=49127&reponse=territoire-gal=oui", 200),
    ("/match", "/api/v1/match?commune=53180&porteur=personne", 400),
    ("/match", "/api/v1/match?commune=99999", 404),
    ("/territoires/recherche", "/api/v1/territoires/recherche?q=durtal", 200),
    ("/territoires/recherche", "/api/v1/territoires/recherche?q=anjou%20loir", 200),
    ("/communes/{code}", "/api/v1/communes/53180", 200),
    ("/communes/{code}", "/api/v1/communes/49127", 200),
    ("/communes/{code}", "/api/v1/communes/99999", 404),
    ("/epci/{siren}", "/api/v1/epci/200068955", 200),
    ("/epci/{siren}", "/api/v1/epci/123456789", 404),
    ("/catalogue/recherche", "/api/v1/catalogue/recherche?q=caf%C3%A9", 200),
    ("/catalogue/dispositifs", "/api/v1/catalogue/dispositifs", 200),
    ("/catalogue/dispositifs/{slug}", "/api/v1/catalogue/dispositifs/1000-cafes", 200),
    ("/catalogue/dispositifs/{slug}", "/api/v1/catalogue/dispositifs/inconnu", 404),
    ("/catalogue/leviers", "/api/v1/catalogue/leviers", 200),
    ("/catalogue/dispositifs", "/api/v1/catalogue/dispositifs?page=2", 200),
    ("/catalogue/leviers/{slug}", "/api/v1/catalogue/leviers/tiers-lieu-rural", 200),
    ("/catalogue/experiences", "/api/v1/catalogue/experiences", 200),
    ("/catalogue/ressources", "/api/v1/catalogue/ressources", 200),
    ("/openapi.json", "/api/v1/openapi.json", 200),
]


@pytest.mark.parametrize("operation, address, status", ANSWERS)
def test_real_answer_fits_its_documented_schema(client, operation, address, status):
    response = client.get(address)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == JSON
    assert errors_of(operation, status, response.json()) == []


def test_detail_answers_of_every_kind_fit_their_schema(client):
    for segment in ("dispositifs", "leviers", "experiences", "ressources"):
        listing = client.get(f"/api/v1/catalogue/{segment}").json()
        first = listing["results"][0]
        response = client.get(first["api_url"])
        assert response.status_code == 200, first
        assert errors_of(f"/catalogue/{segment}/{{slug}}", 200, response.json()) == []


def test_a_commune_with_every_dataset_fits_its_schema(client):
    """With a programme list loaded, booleans and sources take the place of the nulls."""
    programme = Programme.objects.create(
        slug="petites-villes-de-demain",
        name="Petites villes de demain",
        operator="ANCT",
        dataset_key="petites-villes-de-demain",
    )
    programme.communes.add("49127")
    Dataset.objects.create(
        key="petites-villes-de-demain",
        label="Liste PVD",
        producer="ANCT",
        vintage="test",
        licence="Licence Ouverte 2.0",
        source_url="https://agence-cohesion-territoires.gouv.fr",
        imported_from="test",
        imported_at=timezone.now(),
    )
    body = client.get("/api/v1/communes/49127").json()
    assert body["petites_villes_de_demain"] is True
    assert errors_of("/communes/{code}", 200, body) == []


def test_the_validation_rejects_what_the_document_does_not_allow(client):
    """The check can fail: a null where the document allows none, a missing field."""
    body = client.get("/api/v1/match?epci=200068955").json()
    assert body["territory"]["beneficiary"] is None  # documented as nullable
    body["territory"]["needs"] = None
    del body["schemes"][0]["url"]
    found = errors_of("/match", 200, body)
    assert any("'needs'" in e and "array" in e for e in found), found
    assert any("'schemes', 0" in e and '"url"' in e for e in found), found


def test_match_results_carry_their_page_and_api_addresses(client):
    body = client.get("/api/v1/match?commune=49127&porteur=commune&besoin=tiers-lieu").json()
    for key, segment in (
        ("levers", "leviers"),
        ("experiences", "experiences"),
        ("schemes", "dispositifs"),
    ):
        assert body[key], key
        for entry in body[key]:
            assert entry["url"] == f"/catalogue/{segment}/{entry['slug']}/"
            assert entry["api_url"] == f"/api/v1/catalogue/{segment}/{entry['slug']}"
    first = body["schemes"][0]
    assert client.get(first["url"]).status_code == 200
    assert client.get(first["api_url"]).status_code == 200
    lever = body["levers"][0]
    assert client.get(lever["url"]).status_code == 200
