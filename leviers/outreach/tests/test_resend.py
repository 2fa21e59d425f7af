"""A form sent twice (keep-form.js sending again when the answer was lost; a double tap)
makes one record: the page's token names the sending (core.http.PAGE_TOKEN)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from leviers.outreach.models import Orientation, Person, Right, Visit


def _url(name, world, *args):
    return reverse(f"outreach:{name}", args=[world.team.public_id, *args])


def _token(client, url) -> str:
    page = unescape(client.get(url).content.decode())
    found = re.search(r'name="jeton" value="([^"]+)"', page)
    assert found, "the form carries no page token"
    return found.group(1)


def _twice(client, url, data):
    data = {"jeton": _token(client, url), **data}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    return data


@pytest.mark.django_db
def test_a_visit_sent_twice_is_noted_once(client, world):
    client.force_login(world.users["intervenant"])
    person = world.person
    before = person.visits.count()
    url = _url("visit_add", world, person.public_id)
    data = _twice(client, url, {"visited_on": "2026-04-02", "needs": "Courses"})
    assert person.visits.count() == before + 1
    # Another sending of the same page (something changed) is another visit.
    client.post(url, {**data, "needs": "Courses et pharmacie"})
    assert person.visits.count() == before + 2
    assert Visit.objects.filter(person=person, needs="Courses").count() == 1


@pytest.mark.django_db
def test_an_orientation_and_a_right_sent_twice_are_noted_once(client, world):
    client.force_login(world.users["intervenant"])
    person = world.person
    orientations, rights = person.orientations.count(), person.rights.count()
    _twice(
        client,
        _url("orientation_add", world, person.public_id),
        {"service_label": "Transport solidaire", "status": "proposee"},
    )
    _twice(
        client,
        _url("right_add", world, person.public_id),
        {"kind": "apa", "identified_on": "2026-04-02"},
    )
    assert person.orientations.count() == orientations + 1
    assert person.rights.count() == rights + 1
    orientation = Orientation.objects.get(service_label="Transport solidaire")
    assert orientation.changes.count() == 1
    assert Right.objects.filter(person=person, kind="apa").count() == 1


@pytest.mark.django_db
def test_a_person_sent_twice_is_created_once_with_one_consent(client, world):
    client.force_login(world.users["intervenant"])
    _twice(
        client,
        _url("person_create", world),
        {
            "label": "R. T.",
            "commune": "Pommerieux (53180)",
            "preferred_contact": "visite",
            "accord-given": "on",
            "accord-scopes": ["journal"],
        },
    )
    person = Person.objects.get(label="R. T.")
    assert person.consents.count() == 1
