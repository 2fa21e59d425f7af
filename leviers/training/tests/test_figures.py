"""The facilitators' figures: counts of people per path and module, never below the minimum
cell (« moins de 5 »), never a name; the pure core, then the page."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from leviers.testing.factories import MembershipFactory, UserFactory
from leviers.training.actions import progress_mark_read, progress_record_check
from leviers.training.figures import Cell, club_figures
from leviers.training.models import Module
from leviers.training.tests.conftest import make_club

PATHS = [(7, "Parcours", 2)]
MODULES = [(1, "Un"), (2, "Deux")]


def test_a_count_below_the_minimum_is_shown_as_less_than():
    assert str(Cell(4, 5)) == "moins de 5"
    assert str(Cell(0, 5)) == "moins de 5"
    assert str(Cell(5, 5)) == "5"


def test_module_counts_are_shown_and_hidden_below_the_minimum():
    _paths, [one, two] = club_figures({1: (6, 4)}, [], PATHS, MODULES, 5)
    assert (str(one.started), str(one.completed)) == ("6", "moins de 5")
    assert (str(two.started), str(two.completed)) == ("moins de 5", "moins de 5")


def test_a_path_is_completed_only_when_every_module_is_passed():
    rows = [(p, 7, 2) for p in range(5)] + [(p, 7, 1) for p in range(5, 8)] + [(9, 7, 0)]
    [path], _ = club_figures({}, rows, PATHS, MODULES, 5)
    assert (path.started.count, path.completed.count) == (9, 5)


def test_a_path_nobody_finished_shows_less_than_the_minimum():
    [path], _ = club_figures({}, [(p, 7, 1) for p in range(8)], PATHS, MODULES, 5)
    assert path.started.count == 8 and str(path.completed) == "moins de 5"


@pytest.mark.django_db
def test_the_club_page_counts_its_member_organisations_people_only(training):
    club, facilitator, commune, _member = make_club("Loire")
    _other_club, _f, other_commune, _m = make_club("Bretagne", region="53")
    module = Module.objects.get(slug="ess-loi-2014")
    right = {
        i: next(n for n, a in enumerate(q["answers"]) if a["correct"])
        for i, q in enumerate(module.questions)
    }
    people = [MembershipFactory(organisation=commune).user for _ in range(6)]
    for person in people:
        progress_record_check(person, module, right)
    outsider = MembershipFactory(organisation=other_commune).user
    progress_mark_read(outsider, module)
    progress_mark_read(UserFactory(), module)  # no organisation: never counted
    client = Client()
    client.force_login(facilitator)
    response = client.get(reverse("training:club", args=[club.public_id]))
    lines = {line.title: line for line in response.context["module_lines"]}
    assert (lines[module.title].started.count, lines[module.title].completed.count) == (6, 6)
    page = response.content.decode()
    assert '<td class="num">6</td>' in page and "moins de 5" in page
    for person in people:
        assert person.email not in page


@pytest.mark.django_db
@override_settings(TRAINING_MIN_CELL=10)
def test_the_minimum_cell_is_a_setting(training):
    club, facilitator, commune, _member = make_club("Loire")
    module = Module.objects.get(slug="ess-loi-2014")
    for _ in range(6):
        progress_mark_read(MembershipFactory(organisation=commune).user, module)
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("training:club", args=[club.public_id])).content.decode()
    assert "moins de 10" in page and '<td class="num">6</td>' not in page
