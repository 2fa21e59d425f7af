"""Searching the directory around a commune: distance from centroids, theme, France Services."""

from __future__ import annotations

import pytest

from leviers.services.search import search
from leviers.services.taxonomy import BY_SLUG

pytestmark = pytest.mark.django_db


def names(entries):
    return [e.item.name for e in entries]


def test_nearest_first_within_the_distance(directory):
    found = search(directory, None, 20)
    # In the commune first (the local entry, the CCAS), then Château-Gontier (~10 km), Craon (~14).
    assert names(found.services) == [
        "Aide aux démarches et aides facultatives",
        "Visites de convivialité",
        "Portage de repas à domicile",
        "Aide à domicile",
    ]
    distances = [e.distance for e in found.services]
    assert distances[:2] == [0.0, 0.0]
    assert 9 < distances[2] < 11 and 13 < distances[3] < 15
    assert names(found.france_services) == ["France Services de Château-Gontier"]


def test_a_smaller_distance_keeps_only_what_is_near(directory):
    found = search(directory, None, 5)
    assert sorted(names(found.services)) == [
        "Aide aux démarches et aides facultatives",
        "Visites de convivialité",
    ]
    assert found.france_services == []


def test_theme_matches_local_themes_and_mapped_thematiques(directory):
    meals = search(directory, "portage-repas", 30)
    assert names(meals.services) == ["Portage de repas à domicile"]  # by its thématique
    home = search(directory, "aide-a-domicile", 30)
    assert names(home.services) == ["Aide à domicile"]
    ccas = search(directory, "ccas", 30)
    assert names(ccas.services) == ["Aide aux démarches et aides facultatives"]  # its network
    assert ccas.france_services == []  # France Services only without theme or for its theme
    assert names(search(directory, "france-services", 30).france_services)


def test_by_theme_groups_for_the_sheet(directory):
    groups = dict(search(directory, None, 30).by_theme())
    assert names(groups[BY_SLUG["visites-isolement"]]) == ["Visites de convivialité"]
    assert names(groups[BY_SLUG["aide-a-domicile"]]) == ["Aide à domicile"]
    assert BY_SLUG["teleassistance"] in groups  # Aide à domicile's thématique is its nearest


def test_a_commune_without_outline_lists_its_own_services_only(directory):
    from leviers.territories.models import CommuneOutline

    CommuneOutline.objects.filter(commune_id="53180").delete()
    directory.refresh_from_db()
    found = search(type(directory).objects.get(pk="53180"), None, 50)
    assert not found.located
    assert sorted(names(found.services)) == [
        "Aide aux démarches et aides facultatives",
        "Visites de convivialité",
    ]
