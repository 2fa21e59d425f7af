import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from leviers.observatory.models import ActorProfile, EssEstablishment
from leviers.territories.models import CommuneOutline

from .fixtures import POMMERIEUX

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def outline(pommerieux):
    """A square outline around Pommerieux; one establishment inside, one far away."""
    CommuneOutline.objects.create(
        commune=pommerieux,
        path="M-8500 478000l400 0 0 400-400 0z",
        points=4,
        centroid_longitude=-0.83,
        centroid_latitude=47.82,
        min_longitude=-0.85,
        max_longitude=-0.81,
        min_latitude=47.8,
        max_latitude=47.84,
    )
    EssEstablishment.objects.filter(siret="10000000200011").update(longitude=-0.84, latitude=47.81)
    EssEstablishment.objects.filter(siret="10000000300011").update(longitude=5.0, latitude=45.0)
    return pommerieux


def _map(client, **params):
    response = client.get(reverse("observatory:actors_map", args=[POMMERIEUX]), params)
    assert response["Content-Type"].startswith("image/svg+xml")
    return ET.fromstring(response.content)


def _markers(root):
    return root.findall(f".//{SVG}g[@class='acteur']")


def test_map_has_one_marker_per_actor_and_places_the_unlocated_at_the_centre(client, outline):
    ActorProfile.objects.create(rna="W532000001", name="Les jardins du bourg", commune=outline)
    root = _map(client)
    markers = _markers(root)
    names = [m.find(f"{SVG}title").text for m in markers]
    assert sorted(names) == sorted(
        [
            "foyer rural de Pommerieux",
            "Coopérative agricole du Craonnais",
            "Amicale des anciens",
            "Les jardins du bourg",
        ]
    )
    hollow = [m for m in markers if m[1].get("fill") == "#fff"]
    # The foyer has no position, the Amicale's is far outside, the volunteers have none.
    assert len(hollow) == 3
    legend = " ".join(t.text for t in root.iter(f"{SVG}text"))
    assert "placé au centre de la commune (3)" in legend
    assert "Coopérative (1)" in legend and "Association (3)" in legend


def test_families_differ_by_shape_not_only_by_colour(client, outline):
    markers = {m.find(f"{SVG}title").text: m[1] for m in _markers(_map(client))}
    association = markers["foyer rural de Pommerieux"]
    cooperative = markers["Coopérative agricole du Craonnais"]
    assert association.tag != cooperative.tag


def test_map_follows_the_directory_filters(client, outline):
    markers = _markers(_map(client, famille="cooperative"))
    assert [m.find(f"{SVG}title").text for m in markers] == ["Coopérative agricole du Craonnais"]


def test_directory_shows_the_map_as_an_image_with_the_list_as_its_alternative(client, outline):
    html = client.get(reverse("observatory:actors", args=[POMMERIEUX])).content.decode()
    src = reverse("observatory:actors_map", args=[POMMERIEUX])
    assert f'<img src="{src}"' in html
    assert "alt=\"Carte des 3 acteurs de l'ESS de Pommerieux décrits dans la liste" in html


def test_without_an_outline_there_is_no_map(client, pommerieux):
    html = client.get(reverse("observatory:actors", args=[POMMERIEUX])).content.decode()
    assert "Carte : non affichée (le contour de la commune n&#x27;est pas renseigné)" in html
    response = client.get(reverse("observatory:actors_map", args=[POMMERIEUX]))
    assert response.status_code == 404


def test_map_query_count(client, outline, django_assert_num_queries):
    # Commune with its outline, establishments, volunteer associations.
    with django_assert_num_queries(3):
        client.get(reverse("observatory:actors_map", args=[POMMERIEUX]))
