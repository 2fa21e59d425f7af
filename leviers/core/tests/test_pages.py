import pytest

pytestmark = pytest.mark.django_db


def test_home_has_the_search_box(client):
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert 'role="search"' in html
    assert "Votre commune ou votre intercommunalité" in html


def test_security_headers_forbid_third_parties(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_load_nothing_from_another_site(client):
    for url in ["/", "/territoires/communes/53180/", "/a-propos/", "/a-propos/donnees/"]:
        html = client.get(url).content.decode()
        for attribute in ('src="http', 'href="//', 'src="//'):
            assert attribute not in html, url
        assert 'rel="stylesheet" href="/static/' in html


def test_about_page_links_to_the_data_page(client):
    html = client.get("/a-propos/").content.decode()
    assert 'href="/a-propos/donnees/"' in html


def test_data_page_lists_loaded_datasets_with_vintage(client):
    html = client.get("/a-propos/donnees/").content.decode()
    assert "COG 2026" in html
    assert "Licence Ouverte 2.0" in html
