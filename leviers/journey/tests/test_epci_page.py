import pytest

from leviers.territories.models import Commune

pytestmark = pytest.mark.django_db


def test_epci_page_lists_members_with_links_to_communes(client):
    epci = Commune.objects.get(code="53180").epci
    response = client.get(epci.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{epci.name}" in html
    assert "communauté de communes" in html
    assert "/territoires/communes/53180/" in html
    members = Commune.objects.filter(epci=epci).count()
    assert f"<strong>{members}</strong>" in html
    assert members > 10


def test_unknown_epci_is_a_404(client):
    assert client.get("/territoires/epci/123456789/").status_code == 404


def test_epci_page_query_count_is_pinned(client, django_assert_num_queries):
    epci = Commune.objects.get(code="49127").epci
    with django_assert_num_queries(3):
        assert client.get(epci.get_absolute_url()).status_code == 200
