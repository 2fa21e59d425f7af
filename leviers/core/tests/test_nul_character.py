"""A NUL character anywhere in a request is refused with 400 before any view runs: PostgreSQL
cannot hold one, and the views that put it in a query answered 500 there."""

import pytest

pytestmark = pytest.mark.django_db

PAGES_WITH_NUL = [
    "/observatoire/communes/5318%00/",
    "/observatoire/communes/5318%00/acteurs/",
    "/observatoire/epci/2000%0000/",
    "/territoires/recherche/?q=Laval%00",
    "/catalogue/?q=%00",
    "/projets/situation/?commune=5318%00",
    "/territoires/communes/53180/?onglet=%00",
]
API_WITH_NUL = [
    "/api/v1/match?commune=5318%00",
    "/api/v1/territoires/recherche?q=la%00",
    "/api/v1/catalogue/recherche?q=%00",
    "/api/v1/match?commune%00=53180",
]


@pytest.mark.parametrize("url", PAGES_WITH_NUL)
def test_page_with_nul_character_is_a_bad_request_in_french(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("url", API_WITH_NUL)
def test_api_with_nul_character_answers_json_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "caractère nul" in response.json()["erreur"]


def test_form_field_with_nul_character_is_refused_before_the_view(client):
    response = client.post(
        "/projets/feuilles-de-route/",
        {"commune": "53180", "titre": "Feuille de route\x00", "levier": ["1"]},
    )
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_json_body_with_nul_character_is_refused(client):
    response = client.post(
        "/api/v1/match", data='{"commune": "5318\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_cookie_with_nul_character_is_refused(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400


def test_request_without_nul_character_reaches_the_view(client):
    assert client.get("/api/v1/match?commune=53180").status_code != 400
    assert client.get("/observatoire/communes/00000/").status_code == 404
