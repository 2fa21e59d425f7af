"""A roadmap's secret links stay out of search engines, and its edit link out of every cache."""

import pytest

from leviers.journey.models import Roadmap

pytestmark = pytest.mark.django_db

SITUATION = {
    "commune": "53180",
    "besoin": ["commerce"],
    "porteur": "commune",
    "etape": "emergence",
    "levier": ["cafe-associatif"],
}


@pytest.fixture
def roadmap(client, shipped_catalogue) -> Roadmap:
    client.post("/projets/feuilles-de-route/", SITUATION)
    return Roadmap.objects.get()


def test_share_edit_and_pdf_links_are_not_indexed(client, roadmap):
    for url in (roadmap.get_absolute_url(), roadmap.get_edit_url(), roadmap.get_pdf_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Robots-Tag"] == "noindex", url


def test_the_edit_page_is_never_stored_in_a_cache(client, roadmap):
    response = client.get(roadmap.get_edit_url())
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_share_page_may_be_cached_and_other_pages_indexed(client, roadmap):
    shared = client.get(roadmap.get_absolute_url())
    assert "no-store" not in shared.get("Cache-Control", "")
    catalogue = client.get("/catalogue/")
    assert catalogue.status_code == 200
    assert "X-Robots-Tag" not in catalogue
