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


def test_a_typo_still_finds_the_commune(client):
    response = client.get("/territoires/recherche/", {"q": "pomerieux"})
    html = response.content.decode()
    assert "/territoires/communes/53180/" in html  # Pommerieux (53) and Pommérieux (57)
    assert "/territoires/communes/57547/" in html


def test_the_official_name_and_the_siren_of_an_intercommunality(client):
    for query in ("Communauté de communes Anjou Loir et Sarthe", "200068955"):
        response = client.get("/territoires/recherche/", {"q": query})
        assert response.status_code == 302, query
        assert response.url == "/territoires/epci/200068955/"


def test_the_count_says_how_many_match_beyond_those_shown(client):
    html = client.get("/territoires/recherche/", {"q": "saint"}).content.decode()
    assert "Les 30 premiers résultats sur " in html
    assert "30 résultats" not in html
