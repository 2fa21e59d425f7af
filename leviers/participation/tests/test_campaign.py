"""The door-to-door campaign's coverage: the pure layout, then the page."""

import datetime as dt

import pytest
from django.urls import reverse

from leviers.participation.campaign import UNNAMED_PLACE, coverage
from leviers.testing.factories import ContributionFactory, MembershipFactory, ProjectFactory

D = dt.date


def test_coverage_shows_every_month_between_the_first_and_the_last_visit():
    table = coverage(
        [
            ("Rue des Lilas", D(2025, 1, 1), 3, D(2025, 1, 20)),
            ("Rue des Lilas", D(2025, 4, 1), 1, D(2025, 4, 2)),
        ]
    )
    assert table.month_labels() == ["janv. 2025", "févr. 2025", "mars 2025", "avr. 2025"]
    assert table.rows[0].counts == (3, 0, 0, 1)
    assert table.rows[0].total == 4


def test_coverage_crosses_the_new_year():
    table = coverage(
        [
            ("Le Bourg", D(2024, 11, 1), 1, D(2024, 11, 5)),
            ("Le Bourg", D(2025, 2, 1), 1, D(2025, 2, 5)),
        ]
    )
    assert [m.isoformat() for m in table.months] == [
        "2024-11-01",
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
    ]


def test_places_written_differently_are_one_place_and_least_recent_comes_first():
    table = coverage(
        [
            ("rue des lilas ", D(2025, 1, 1), 2, D(2025, 1, 9)),
            ("Rue  des Lilas", D(2025, 3, 1), 1, D(2025, 3, 9)),
            ("La Cour", D(2025, 2, 1), 5, D(2025, 2, 1)),
            ("", D(2025, 2, 1), 1, D(2025, 2, 3)),
        ]
    )
    assert [row.place for row in table.rows] == ["La Cour", UNNAMED_PLACE, "rue des lilas"]
    assert table.rows[-1].counts == (2, 0, 1)
    assert table.month_totals() == [2, 6, 1]


def test_levels_shade_each_cell_relative_to_the_busiest():
    table = coverage(
        [("A", D(2025, 1, 1), 8, D(2025, 1, 1)), ("B", D(2025, 1, 1), 1, D(2025, 1, 1))]
    )
    assert dict((row.place, cells) for row, cells in table.lines()) == {
        "A": [(8, 4)],
        "B": [(1, 1)],
    }


def test_no_visit_no_month():
    assert coverage([]).months == ()


@pytest.mark.django_db
def test_campaign_page_counts_door_to_door_by_place_and_month(client, django_assert_num_queries):
    project = ProjectFactory()
    for day, place in (
        (D(2025, 1, 10), "Hameau de la Cour"),
        (D(2025, 1, 12), "Hameau de la Cour"),
        (D(2025, 3, 2), "Rue des Lilas"),
    ):
        ContributionFactory(project=project, collected=True, collected_on=day, place=place)
    ContributionFactory(project=project, collected_on=D(2025, 2, 1))  # online: not counted
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:campaign", args=[project.public_id])
    # session, user, project, memberships (door: team), partners of the project, grouped counts
    with django_assert_num_queries(6):
        response = client.get(url)
    table = response.context["coverage"]
    assert table.month_labels() == ["janv. 2025", "févr. 2025", "mars 2025"]
    assert [(row.place, row.counts) for row in table.rows] == [
        ("Hameau de la Cour", (2, 0, 0)),
        ("Rue des Lilas", (0, 0, 1)),
    ]
    every = client.get(url, {"provenance": "toutes"}).context["coverage"]
    assert every.total == 4
