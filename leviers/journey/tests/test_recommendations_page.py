"""/projets/recommandations/: levers, experiences and schemes by verdict, with their reasons."""

import re

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

URL = "/projets/recommandations/"
POMMERIEUX_COMMERCE = {
    "commune": "53180",
    "besoin": ["commerce", "lien-social"],
    "porteur": "commune",
    "etape": "emergence",
}


# The detail view: every scheme's card (the default view is « Par où commencer »).
DETAIL = {"vue": "detail"}


def card(html: str, slug: str) -> str:
    start = html.index(f'id="dispositif-{slug}"')
    return html[start : html.index("</article>", start)]


def test_levers_experiences_and_schemes_for_pommerieux(client, shipped_catalogue):
    response = client.get(URL, POMMERIEUX_COMMERCE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Des leviers pour Pommerieux</h1>" in html
    assert "Café ou bar associatif multiservice" in html
    assert 'name="levier" value="cafe-associatif"' in html
    assert "Des communes qui l'ont fait" in html
    # Groups in order; the not eligible one is collapsed.
    positions = [html.index(f'id="groupe-{s}"') for s in ("eligible", "to_check", "not_eligible")]
    assert positions == sorted(positions)
    assert '<details class="verdict-group verdict-group-not_eligible"' in html


def test_each_criterion_has_a_marker_that_is_not_only_a_colour(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL}).content.decode()
    rural_consult = card(html, "rural-consult")
    assert "Éligible" in rural_consult
    met = re.search(
        r'reason-met"><span class="mark" aria-hidden="true">✓</span> ([^<]+)', rural_consult
    )
    assert met and "Pommerieux compte 667 habitants (INSEE, COG 2026)" in rural_consult
    assert "condition remplie" in met.group(1)
    assert "Source" in rural_consult and "banquedesterritoires" in rural_consult


def test_an_open_question_is_asked_inline_under_its_scheme(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL}).content.decode()
    cafes = card(html, "1000-cafes")
    assert "À vérifier" in cafes
    assert 'name="question-cafe-absent-ou-menace" value="oui"' in cafes
    assert 'name="ancre" value="dispositif-1000-cafes"' in cafes


def test_answering_folds_the_radios_into_the_url_and_comes_back_to_the_scheme(client):
    response = client.get(
        URL,
        {
            **POMMERIEUX_COMMERCE,
            "reponse": "local-vacant-identifie=oui",
            "question-cafe-absent-ou-menace": "oui",
            "ancre": "dispositif-1000-cafes",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == (
        "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social"
        "&porteur=commune&etape=emergence&reponse=local-vacant-identifie%3Doui"
        "&reponse=cafe-absent-ou-menace%3Doui#dispositif-1000-cafes"
    )


def test_answers_settle_the_verdict(client, shipped_catalogue):
    before = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL}).content.decode()
    answers = [
        "deux-agents-24h=oui",
        "implantation-validee-prefet=oui",
        "cafe-absent-ou-menace=non",
    ]
    after = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL, "reponse": answers}).content.decode()
    assert "verdict-to_check" in card(before, "france-services")
    assert "verdict-eligible" in card(after, "france-services")
    assert "verdict-to_check" in card(before, "1000-cafes")
    assert "verdict-not_eligible" in card(after, "1000-cafes")
    assert "(d'après votre réponse)" in card(after, "1000-cafes")
    # The answers can be changed or withdrawn.
    assert 'id="vos-reponses"' in after
    assert 'value="oui" id="r-deux-agents-24h-oui" checked' in after


def test_removing_an_answer_drops_it_from_the_url(client):
    response = client.get(
        URL,
        {"commune": "53180", "reponse": "territoire-gal=non", "question-territoire-gal": ""},
    )
    assert response["Location"] == "/projets/recommandations/?commune=53180"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"commune": "53180", "besoin": "boulangerie"}, "Besoin inconnu « boulangerie »"),
        ({"commune": "53180", "porteur": "mairie"}, "Porteur inconnu « mairie »"),
        ({"commune": "53180", "etape": "fin"}, "Étape inconnu « fin »"),
        ({"besoin": "commerce"}, "Indiquez une commune"),
        ({"commune": "53180", "reponse": "peut-etre"}, "Réponse illisible"),
    ],
)
def test_bad_parameters_give_a_french_error_with_status_400(client, params, expected):
    response = client.get(URL, params)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    assert expected.replace("'", "&#x27;") in html


def test_unknown_need_lists_the_valid_values(client):
    html = client.get(URL, {"commune": "53180", "besoin": "x"}).content.decode()
    assert "Valeurs possibles : commerce, lien-social" in html


def test_recommendations_query_count_is_pinned(
    client, shipped_catalogue, django_assert_num_queries
):
    params = {**POMMERIEUX_COMMERCE, "texte": "bar associatif"}
    client.get(URL, params)  # builds the per-process caches: text index, catalogue snapshot
    cache.clear()
    # The catalogue's data version, then the profile: commune, its programmes, datasets,
    # programmes; then the commune's centroid (distances of the experiences).
    with django_assert_num_queries(6):
        response = client.get(URL, params)
    assert response.status_code == 200
    # The same situation again: only the data version is read, the results come from the cache.
    with django_assert_num_queries(1):
        again = client.get(URL, params)
    assert again.content.count(b"dispositif-") == response.content.count(b"dispositif-")


def test_cached_results_follow_a_catalogue_edit(client, shipped_catalogue):
    from leviers.catalogue.models import Scheme

    first = client.get(URL, POMMERIEUX_COMMERCE).content.decode()
    assert "Rural Consult" in first
    scheme = Scheme.objects.get(slug="rural-consult")
    scheme.name = "Rural Consult (nom modifié par une curatrice)"
    scheme.save()
    second = client.get(URL, POMMERIEUX_COMMERCE).content.decode()
    assert "nom modifié par une curatrice" in second


def test_two_visitors_share_the_results_but_each_gets_its_own_csrf_token(shipped_catalogue):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [visitor.get(URL, POMMERIEUX_COMMERCE).content.decode() for visitor in (first, second)]
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html) for html in pages]
    assert [len(found) for found in tokens] == [1, 1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The results were computed once and are the same for both; only the page around differs.
    results = [html[html.index('id="leviers"') : html.index('id="creer"')] for html in pages]
    assert "csrfmiddlewaretoken" not in results[0]
    assert results[0] == results[1]
    # Each token is accepted with its own visitor's cookie (the roadmap is created: a redirect).
    form = {**POMMERIEUX_COMMERCE, "levier": "cafe-associatif", "csrfmiddlewaretoken": tokens[1][0]}
    assert second.post("/projets/feuilles-de-route/", form).status_code == 302
    assert first.post("/projets/feuilles-de-route/", form).status_code == 403


def test_a_closed_scheme_is_clos_after_the_open_ones_with_its_calendar(client, shipped_catalogue):
    html = client.get(
        URL, {**POMMERIEUX_COMMERCE, **DETAIL, "besoin": ["numerique"]}
    ).content.decode()
    closed = card(html, "conseillers-numeriques")
    assert "verdict-closed" in closed and "Clos" in closed
    assert "Éligible" not in closed
    assert "<dt>Calendrier</dt><dd>Clos : " in closed
    assert "<dt>Vérification</dt><dd>Partiellement vérifié : " in closed
    assert html.index('id="groupe-not_eligible"') < html.index('id="groupe-closed"')
    assert html.index('id="groupe-closed"') < html.index("dispositif-conseillers-numeriques")


def test_resources_are_listed_apart_without_a_verdict(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL}).content.decode()
    rtes = card(html, "rtes-adhesion")
    assert "Ressource" in rtes and "Éligible" not in rtes
    assert html.index('id="groupe-resource"') < html.index("dispositif-rtes-adhesion")
    eligible = html[html.index('id="groupe-eligible"') : html.index('id="groupe-to_check"')]
    assert "dispositif-rtes-adhesion" not in eligible


def test_no_source_claims_a_reading_date_nobody_recorded(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX_COMMERCE, **DETAIL}).content.decode()
    assert "vérifiée le" not in html
    assert "(non vérifiée)" in card(html, "rural-consult")


def test_schemes_of_other_territories_are_hidden_until_asked(client, shipped_catalogue):
    # Guéret (Creuse) sees no Pays de la Loire scheme by default, and a link to show them.
    guéret = {**POMMERIEUX_COMMERCE, "commune": "23096", "besoin": ["commerce", "emploi-insertion"]}
    html = client.get(URL, {**guéret, **DETAIL}).content.decode()
    assert 'id="dispositif-region-pdl-ptce"' not in html
    assert "réservés à d'autres territoires ne sont pas affichés" in html
    shown = client.get(URL, {**guéret, **DETAIL, "ailleurs": "1"}).content.decode()
    assert "Non éligible" in card(shown, "region-pdl-ptce")


def test_an_answered_question_stays_on_its_card_and_can_be_changed(client, shipped_catalogue):
    answered = {**POMMERIEUX_COMMERCE, "reponse": ["cafe-absent-ou-menace=oui"]}
    cafes = card(client.get(URL, {**answered, **DETAIL}).content.decode(), "1000-cafes")
    assert "(votre réponse&nbsp;: oui)" in cafes
    assert (
        'name="question-cafe-absent-ou-menace" value="oui" id="q-cafe-absent-ou-menace-oui" checked'
        in cafes
    )
    assert (
        'name="question-cafe-absent-ou-menace" value="non" id="q-cafe-absent-ou-menace-non">'
        in cafes
    )
