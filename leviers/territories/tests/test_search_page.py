import pytest

pytestmark = pytest.mark.django_db


def test_a_single_match_redirects_to_the_commune(client):
    response = client.get("/territoires/recherche/", {"q": "aubigne racan"})
    assert response.status_code == 302
    assert response.url == "/territoires/communes/72013/"


def test_postal_code_search_lists_durtal_first(client):
    html = client.get("/territoires/recherche/", {"q": "49430"}).content.decode()
    assert html.index("/territoires/communes/49127/") < html.index("Huillé-Lézigné")


def test_homonyms_with_and_without_accent_are_both_listed_as_typed_first(client):
    html = client.get("/territoires/recherche/", {"q": "pommerieux"}).content.decode()
    assert html.index("Mayenne (53)") < html.index("Moselle (57)")


def test_homonyms_are_listed_with_their_department(client):
    html = client.get("/territoires/recherche/", {"q": "saint denis"}).content.decode()
    assert "Seine-Saint-Denis (93)" in html
    assert "La Réunion (974)" in html


def test_no_result_says_so_in_french(client):
    html = client.get("/territoires/recherche/", {"q": "zzzzqqq"}).content.decode()
    assert "Aucun résultat pour « zzzzqqq »" in html
