"""Error answers of the whole site (leviers/urls.py's handlers): a French HTML page, or French
JSON ({"erreur": ...}) for every path under /api/, whichever error Django meets: a server error
(500), a request it refuses (400, a Host header this site does not serve for one), a refusal
(403, a form that fails the CSRF check for one) or a page that does not exist (404)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

pytestmark = pytest.mark.django_db

UNSERVED_HOST = "evil.example"


@pytest.fixture
def visitor():
    """A client that gets the error page, as a visitor would, instead of the exception."""
    return Client(raise_request_exception=False)


def _html_page(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    return html


def _json_error(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"erreur"}
    return data["erreur"]


class _Broken:
    """Stands for a model whose every query fails: a bug, or a database gone."""

    class objects:  # noqa: N801 (the manager's name)
        @staticmethod
        def all():
            raise RuntimeError("panne simulée")


def test_a_server_error_on_a_page_is_a_french_html_page(visitor, monkeypatch):
    monkeypatch.setattr("leviers.core.views.Dataset", _Broken)
    html = _html_page(visitor.get("/a-propos/donnees/"), 500)
    assert "Erreur du serveur" in html
    assert "panne simulée" not in html  # nothing of the error itself is shown


def test_the_server_error_page_still_answers_when_the_layout_cannot_be_drawn(visitor, monkeypatch):
    monkeypatch.setattr("leviers.core.views.Dataset", _Broken)

    def no_layout(request):
        raise RuntimeError("gabarit impossible")

    monkeypatch.setattr("leviers.core.context_processors._reversed", no_layout)
    html = _html_page(visitor.get("/a-propos/donnees/"), 500)
    assert "Erreur du serveur" in html


def test_an_unserved_host_gets_a_french_html_400_on_pages(visitor):
    html = _html_page(visitor.get("/", HTTP_HOST=UNSERVED_HOST), 400)
    assert "Requête refusée" in html
    assert "ne désigne pas ce site" in html
    assert UNSERVED_HOST not in html


@pytest.mark.parametrize(
    "path", ["/api/v1/match?commune=53180", "/api/v1/openapi.json", "/api/v1/inconnu", "/api/"]
)
def test_an_unserved_host_gets_a_french_json_400_under_the_api(visitor, path):
    message = _json_error(visitor.get(path, HTTP_HOST=UNSERVED_HOST), 400)
    assert "ne désigne pas ce site" in message


def test_a_refusal_on_a_page_is_a_french_html_403(visitor, monkeypatch):
    def refuse():
        raise PermissionDenied

    monkeypatch.setattr("leviers.core.views.Dataset.objects.all", refuse)
    html = _html_page(visitor.get("/a-propos/donnees/"), 403)
    assert "Accès refusé" in html


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v2/", "/api/v2/match"])
def test_a_path_under_api_outside_its_version_is_a_french_json_404(visitor, path):
    message = _json_error(visitor.get(path), 404)
    assert f"« {path} »" in message
    assert "/api/v1/openapi.json" in message


def test_pages_outside_the_api_keep_their_french_html_404(visitor):
    html = _html_page(visitor.get("/apiculture/"), 404)
    assert "Page introuvable" in html


def test_a_form_refused_by_the_csrf_check_is_a_french_html_403():
    response = Client(enforce_csrf_checks=True).post("/a-propos/", {"champ": "valeur"})
    html = _html_page(response, 403)
    assert "Formulaire refusé" in html
    assert "Rechargez la page" in html
