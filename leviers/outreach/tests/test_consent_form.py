"""« Modifier son accord »: the page shows the consent in force and starts from its boxes; the
same consent noted again (a double tap, keep-form.js sending again after a lost answer) stays
one row; another choice of boxes is a new consent."""

from html import unescape

import pytest
from django.urls import reverse

from leviers.outreach import actions

ALL = ["journal", "orientation", "droits", "proche"]


def _url(world):
    return reverse("outreach:consent", args=[world.team.public_id, world.person.public_id])


def _post(client, world, scopes):
    return client.post(_url(world), {"accord-given": "on", "accord-scopes": scopes}, follow=True)


@pytest.mark.django_db
def test_the_same_consent_sent_twice_is_one_row(client, world):
    person = world.person
    client.force_login(world.users["intervenant"])
    _post(client, world, ["journal", "droits"])
    before = person.consents.count()
    response = _post(client, world, ["droits", "journal"])  # the same boxes, in another order
    assert person.consents.count() == before
    assert "Son accord était déjà noté ainsi : rien n'a changé." in unescape(
        response.content.decode()
    )
    assert sorted(person.consents.first().scopes) == ["droits", "journal"]


@pytest.mark.django_db
def test_the_consent_in_force_is_not_noted_again(world):
    person = world.person  # its consent covers the four boxes
    before = person.consents.count()
    consent, created = actions.consent_record(person, list(reversed(ALL)), by=None)
    assert not created and consent == person.consents.first()
    assert person.consents.count() == before


@pytest.mark.django_db
def test_other_boxes_make_a_new_consent(client, world):
    person = world.person
    client.force_login(world.users["intervenant"])
    before = person.consents.count()
    response = _post(client, world, ["journal", "orientation"])
    assert "Accord noté." in unescape(response.content.decode())
    assert person.consents.count() == before + 1
    assert person.consents.first().scopes == ["journal", "orientation"]


@pytest.mark.django_db
def test_after_a_withdrawal_the_same_boxes_are_a_new_consent(client, world):
    person = world.person
    client.force_login(world.users["intervenant"])
    actions.consent_withdraw(person, by=None)
    before = person.consents.count()
    _post(client, world, ALL)
    person.refresh_from_db()
    assert person.consents.count() == before + 1 and person.withdrawn_at is None


@pytest.mark.django_db
def test_the_page_shows_the_consent_in_force_and_its_boxes(client, world):
    person = world.person
    actions.consent_record(person, ["journal", "droits"], by=world.users["coordinateur"])
    client.force_login(world.users["intervenant"])
    page = unescape(client.get(_url(world)).content.decode())
    assert "Son accord actuel" in page and "Suivre ses droits (demandes, montants)" in page
    checked = {
        value
        for value in ALL
        if f'value="{value}"' in page
        and "checked" in page.split(f'value="{value}"')[1].split(">")[0]
    }
    assert checked == {"journal", "droits"}
