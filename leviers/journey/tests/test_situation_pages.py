"""The first steps of the journey: the home form (/projets/) and the situation form."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_offers_the_needs_as_toggles_with_holder_and_stage(client):
    html = client.get("/").content.decode()
    assert 'action="/projets/"' in html
    assert 'name="besoin" value="commerce"' in html
    assert "Commerce de proximité" in html
    assert 'name="porteur"' in html and 'name="etape"' in html
    assert 'name="texte"' in html


def test_home_form_without_situation_goes_to_the_commune_diagnosis(client):
    response = client.get("/projets/", {"q": "Durtal"})
    assert response.status_code == 302
    assert response["Location"] == "/territoires/communes/49127/"


def test_home_form_with_needs_goes_straight_to_recommendations(client):
    response = client.get("/projets/", {"q": "Durtal", "besoin": ["commerce", "lien-social"]})
    assert response.status_code == 302
    assert response["Location"] == (
        "/projets/recommandations/?commune=49127&besoin=commerce&besoin=lien-social"
    )


def test_homonyms_are_listed_with_the_situation_kept_in_each_link(client):
    response = client.get("/projets/", {"q": "Pommerieux", "besoin": "commerce"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pommerieux (53)" in html and "Pommérieux (57)" in html
    assert "/projets/recommandations/?commune=53180&amp;besoin=commerce" in html


def test_a_picked_suggestion_keeps_the_situation(client):
    # finder.js adds the chosen commune to the home form, homonym or not.
    response = client.get(
        "/projets/", {"q": "Pommerieux", "commune": "53180", "besoin": "commerce"}
    )
    assert response.status_code == 302
    assert response.url == "/projets/recommandations/?commune=53180&besoin=commerce"
    response = client.get("/projets/", {"q": "Pommerieux", "commune": "53180"})
    assert response.url == "/territoires/communes/53180/"


def test_commune_page_calls_to_find_levers(client):
    html = client.get("/territoires/communes/53180/").content.decode()
    assert 'href="/projets/situation/?commune=53180"' in html
    assert "Trouver des leviers pour Pommerieux" in html


def test_situation_form_is_prefilled_from_the_url(client):
    response = client.get(
        "/projets/situation/", {"commune": "53180", "besoin": "commerce", "etape": "etude"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trouver des leviers pour Pommerieux" in html
    assert 'value="commerce" checked' in html
    assert 'value="lien-social">' in html
    assert '<option value="etude" selected>' in html
    assert 'action="/projets/recommandations/"' in html


def test_situation_for_an_unknown_commune_is_a_french_400(client):
    response = client.get("/projets/situation/", {"commune": "53400"})
    assert response.status_code == 400
    assert "ce n&#x27;est pas le code postal" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"commune": "1234"}, "Code INSEE « 1234 » invalide"),
        ({"commune": "2a00"}, "Code INSEE « 2A00 » invalide"),
        ({"epci": "12345678"}, "SIREN d&#x27;intercommunalité « 12345678 » invalide"),
    ],
)
@pytest.mark.parametrize("url", ["/projets/", "/projets/situation/", "/projets/recommandations/"])
def test_a_territory_code_that_cannot_exist_is_a_french_400(client, url, params, expected):
    response = client.get(url, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert expected in html
