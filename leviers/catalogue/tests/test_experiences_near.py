"""Experience.objects.near: the experiences a commune's diagnosis lists around it."""

import pytest
from django.core.management import call_command

from leviers.catalogue.models import Experience
from leviers.territories.geometry import haversine_km
from leviers.territories.models import Commune, CommuneOutline

# These tests place their own experiences: the shipped ones would be near Pommerieux too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_catalogue")]

POMMERIEUX, CRAON, LAVAL, ARRAS = "53180", "53084", "53130", "62041"


def experience(slug: str, commune: str | None = None, department: str | None = None):
    return Experience.objects.create(
        slug=slug, name=f"Expérience {slug}", commune_id=commune, department_id=department
    )


def pommerieux() -> Commune:
    return Commune.objects.select_related("outline").get(code=POMMERIEUX)


def km(a: str, b: str) -> float:
    centroids = {o.commune_id: o.centroid for o in CommuneOutline.objects.filter(pk__in=[a, b])}
    return haversine_km(centroids[a], centroids[b])


def test_without_outlines_only_the_communes_own_experiences_are_near():
    experience("ici", POMMERIEUX)
    experience("craon", CRAON)
    around = Experience.objects.near(pommerieux(), 50)
    assert [(n.item.slug, n.distance, n.in_commune) for n in around.nearby] == [("ici", None, True)]


def test_experiences_within_the_radius_come_nearest_first_with_their_distance(
    contours_subset,  # noqa: F811 (the fixture imported above)
):
    call_command("import-contours", source=str(contours_subset), stdout=None)
    assert km(POMMERIEUX, CRAON) < km(POMMERIEUX, LAVAL)
    radius = (km(POMMERIEUX, CRAON) + km(POMMERIEUX, LAVAL)) / 2
    for slug, code in (("laval", LAVAL), ("craon", CRAON), ("ici", POMMERIEUX), ("arras", ARRAS)):
        experience(slug, code)
    around = Experience.objects.near(pommerieux(), radius)
    assert [n.item.slug for n in around.nearby] == ["ici", "craon"]
    assert around.nearby[0].in_commune and not around.nearby[1].in_commune
    assert around.nearby[1].distance == pytest.approx(km(POMMERIEUX, CRAON))


def test_experiences_placed_only_in_the_communes_department_are_listed_apart():
    experience("mayenne", department="53")
    experience("anjou", department="49")
    around = Experience.objects.near(pommerieux(), 50)
    assert around.nearby == []
    assert [e.slug for e in around.in_department] == ["mayenne"]
