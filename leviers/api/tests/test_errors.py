"""Every answer under /api/v1/ is JSON, errors included: an unknown path, a path value that fits
no route, a method the API does not serve, a query Django refuses to read."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _json_error(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"erreur"}
    return data["erreur"]


@pytest.mark.parametrize(
    "path, named",
    [
        ("/api/v1/", "/api/v1/"),
        ("/api/v1/inconnu", "/api/v1/inconnu"),
        ("/api/v1/catalogue/dispositifs/un/deux", "/api/v1/catalogue/dispositifs/un/deux"),
        ("/api/v1/communes", "/api/v1/communes"),
    ],
)
def test_unknown_path_is_a_french_json_404_naming_it(client, path, named):
    message = _json_error(client.get(path), 404)
    assert named in message
    assert "/api/v1/openapi.json" in message  # where the paths are listed


@pytest.mark.parametrize("path", ["/api/v1/epci/1%0A2", "/api/v1/%0A", "/api/v1/communes%0D%0A"])
def test_a_path_with_a_line_break_is_a_json_404_too(client, path):
    _json_error(client.get(path), 404)


def test_lowercase_corsican_code_is_a_json_404_that_shows_the_right_spelling(client):
    message = _json_error(client.get("/api/v1/communes/2a004"), 404)
    assert "« 2a004 »" in message
    assert "code INSEE" in message
    assert "2A004" in message  # what was probably meant


@pytest.mark.parametrize(
    "path, words",
    [
        ("/api/v1/communes/5318", ("« 5318 »", "code INSEE")),
        ("/api/v1/epci/20004855", ("« 20004855 »", "SIREN", "neuf chiffres")),
        ("/api/v1/epci/abc", ("« abc »", "SIREN")),
    ],
)
def test_malformed_code_is_a_json_404_saying_what_a_code_looks_like(client, path, words):
    message = _json_error(client.get(path), 404)
    for word in words:
        assert word in message


def test_trailing_slash_is_a_json_404_giving_the_address_without_it(client):
    message = _json_error(client.get("/api/v1/match/"), 404)
    assert "/api/v1/match »" in message or "« /api/v1/match" in message


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/match",
        "/api/v1/openapi.json",
        "/api/v1/communes/53180",
        "/api/v1/catalogue/leviers",
        "/api/v1/catalogue/leviers/cafe-associatif",
        "/api/v1/catalogue/recherche",
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "QUERY"])
def test_other_methods_than_get_are_a_french_json_405(catalogue, path, method):
    client = Client(enforce_csrf_checks=True)  # as a real client: no CSRF token
    response = client.generic(method, path)
    message = _json_error(response, 405)
    assert method in message
    assert response["Allow"] == "GET"


def test_other_methods_on_an_unknown_path_are_a_json_404():
    response = Client(enforce_csrf_checks=True).post("/api/v1/inconnu")
    assert "/api/v1/inconnu" in _json_error(response, 404)


def test_a_query_django_refuses_to_read_is_a_french_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    query = "&".join(f"besoin=commerce&x{i}=1" for i in range(5))
    message = _json_error(client.get(f"/api/v1/match?commune=53180&{query}"), 400)
    assert "paramètres" in message


def test_pages_outside_the_api_keep_their_html_404(client):
    response = client.get("/page-inconnue/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_is_a_french_json_500_and_is_still_reported(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("leviers.api.views.search_territories", broken)
    client = Client(raise_request_exception=False)
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get("/api/v1/territoires/recherche?q=durtal")
    message = _json_error(response, 500)
    assert message.startswith("Erreur interne du serveur")
    assert "panne simulée" not in message  # nothing of the inside
    assert any("panne simulée" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
