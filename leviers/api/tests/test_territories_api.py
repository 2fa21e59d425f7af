import pytest

pytestmark = pytest.mark.django_db


def test_search_returns_json_with_department_and_url(client):
    data = client.get("/api/v1/territoires/recherche", {"q": "pommerieux"}).json()
    # Pommérieux (57) is a homonym; the spelling typed comes first.
    assert [r["code"] for r in data["results"]] == ["53180", "57547"]
    assert data["results"][0] == {
        "type": "commune",
        "code": "53180",
        "name": "Pommerieux",
        "label": "Pommerieux (53)",
        "department": {"code": "53", "name": "Mayenne"},
        "population": 667,
        "postal_codes": ["53400"],
        "url": "/territoires/communes/53180/",
    }


def test_search_by_insee_and_postal_code(client):
    assert (
        client.get("/api/v1/territoires/recherche", {"q": "53180"}).json()["results"][0]["name"]
        == "Pommerieux"
    )
    assert (
        client.get("/api/v1/territoires/recherche", {"q": "49430"}).json()["results"][0]["name"]
        == "Durtal"
    )


def test_search_uses_one_query_once_the_index_is_built(client, django_assert_num_queries):
    client.get("/api/v1/territoires/recherche", {"q": "durtal"})
    with django_assert_num_queries(1):
        client.get("/api/v1/territoires/recherche", {"q": "saint malo"})


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x" * 101}, "dépasse 100 caractères"),
        ({"q": "durtal", "limit": "abc"}, "nombre entier"),
        ({"q": "durtal", "limit": "0"}, "entre 1 et 50"),
        ({"q": "durtal", "limit": ""}, "nombre entier"),
        ({"q": "durtal", "limit": " 5"}, "nombre entier"),
        ({"q": " " + "x" * 100}, "dépasse 100 caractères"),  # as sent, spaces included
    ],
)
def test_bad_parameters_get_a_french_400(client, params, message):
    response = client.get("/api/v1/territoires/recherche", params)
    assert response.status_code == 400
    assert message in response.json()["erreur"]


def test_commune_detail_has_sources_and_unknown_programme_is_null(client):
    data = client.get("/api/v1/communes/53180").json()
    assert data["population"] == 667
    assert data["department"] == {"code": "53", "name": "Mayenne"}
    assert data["sources"]["decoupage-administratif"]["vintage"] == "COG 2026"
    assert data["petites_villes_de_demain"] is None
    assert data["rural"] is None


def test_unknown_commune_is_a_json_404(client):
    response = client.get("/api/v1/communes/99999")
    assert response.status_code == 404
    assert "99999" in response.json()["erreur"]


def test_epci_detail_lists_members(client):
    commune = client.get("/api/v1/communes/49127").json()
    data = client.get(f"/api/v1/epci/{commune['epci']['siren']}").json()
    assert {"code": "49127", "name": "Durtal", "population": 3386} in data["members"]


def test_openapi_document_describes_the_search(client):
    data = client.get("/api/v1/openapi.json").json()
    assert data["openapi"].startswith("3.")
    assert "/territoires/recherche" in data["paths"]


@pytest.mark.parametrize(
    "params, named",
    [
        ({"commune": "00000"}, "« 00000 »"),
        ({"commune": "2b999"}, "« 2B999 »"),
        ({"epci": "000000000"}, "« 000000000 »"),
    ],
)
def test_match_on_a_territory_that_does_not_exist_is_a_json_404(catalogue, client, params, named):
    response = client.get("/api/v1/match", params)
    assert response.status_code == 404
    assert named in response.json()["erreur"]


def test_match_checks_the_epci_even_beside_a_commune(catalogue, client):
    response = client.get("/api/v1/match", {"commune": "53180", "epci": "abc"})
    assert response.status_code == 400
    assert "« abc » invalide" in response.json()["erreur"]


@pytest.mark.parametrize(
    "query, refused",
    [
        ("reponse=plus-de-commerce:oui", "« plus-de-commerce:oui » pour « reponse »"),
        ("reponse=plus-de-commerce=Oui", "« plus-de-commerce=Oui » pour « reponse »"),
        ("porteur=", "«  » pour « porteur »"),
        ("porteur=%20commune", "«  commune » pour « porteur »"),
        ("besoin=commerce&besoin=", "«  » pour « besoin »"),
        ("etape=", "«  » pour « etape »"),
        ("epci=200048551&commune=", "«  » pour « commune »"),
    ],
)
def test_match_reads_its_parameters_as_documented_not_as_leniently_as_the_pages(
    catalogue, client, query, refused
):
    if "commune=" not in query:
        query += "&commune=53180"
    response = client.get(f"/api/v1/match?{query}")
    assert response.status_code == 400
    assert refused in response.json()["erreur"]


def test_match_accepts_a_code_in_lower_case_or_between_spaces_as_documented(catalogue, client):
    response = client.get("/api/v1/match", {"commune": " 2a004 "})
    assert response.status_code == 200
    assert response.json()["territory"]["commune"]["code"] == "2A004"
