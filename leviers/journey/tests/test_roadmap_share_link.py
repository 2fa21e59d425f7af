"""The share link of a roadmap reads it, whoever opens it, and never leads to its edit page."""

import pytest

from leviers.testing.factories import RoadmapFactory, RoadmapItemFactory

pytestmark = pytest.mark.django_db


def test_share_link_lists_every_item_with_its_next_step_and_no_edit_link(client):
    roadmap = RoadmapFactory(items=[])
    lever = RoadmapItemFactory(roadmap=roadmap, next_step="Réunir les habitants en mai")
    scheme = RoadmapItemFactory(roadmap=roadmap, of_scheme=True, next_step="Appeler la DDT")

    html = client.get(roadmap.get_absolute_url()).content.decode()

    assert roadmap.title in html
    for item in (lever, scheme):
        assert item.name in html
        assert item.next_step in html
    assert roadmap.edit_token not in html


def test_a_roadmap_of_an_epci_is_shared_under_the_epci_name(client):
    roadmap = RoadmapFactory(for_epci=True)

    html = client.get(roadmap.get_absolute_url()).content.decode()

    assert roadmap.commune is None
    assert roadmap.epci.name in html
    assert roadmap.items.count() == 2
