"""What the person accepted is what is done: each write asks its scope of the consent
(Consent.Scope); refused with a French message, nothing written."""

from html import unescape

import pytest
from django.urls import reverse

from leviers.outreach import actions
from leviers.outreach.models import Consent, Right, Visit


def _url(name, world, *args):
    return reverse(f"outreach:{name}", args=[world.team.public_id, *args])


def _only(person, *scopes):
    person.consents.update(withdrawn_at=None)
    Consent.objects.create(person=person, scopes=list(scopes))


@pytest.mark.django_db
def test_without_the_rights_scope_no_right_is_followed(client, world):
    person = world.person
    _only(person, "journal", "orientation")
    before = person.rights.count()
    client.force_login(world.users["intervenant"])
    response = client.post(
        _url("right_add", world, person.public_id),
        {"kind": "apa", "identified_on": "2026-04-02"},
        follow=True,
    )
    page = unescape(response.content.decode())
    assert "ne couvre pas cela : « Suivre ses droits (demandes, montants) »" in page
    assert person.rights.count() == before
    right = person.rights.first()
    response = client.post(
        _url("right_status", world, person.public_id, right.public_id),
        {"status": "refuse", "on": "2026-04-02"},
    )
    right.refresh_from_db()
    assert response.status_code == 302 and right.status == "obtenu"
    assert client.get(_url("screening", world, person.public_id)).status_code == 302
    # The record offers neither button.
    page = unescape(client.get(person.get_absolute_url()).content.decode())
    assert "Suivre un droit" not in page and "Noter une visite" in page


@pytest.mark.django_db
def test_without_the_orientation_scope_no_orientation(client, world):
    person = world.person
    _only(person, "journal", "droits")
    client.force_login(world.users["intervenant"])
    before = person.orientations.count()
    response = client.post(
        _url("orientation_add", world, person.public_id),
        {"service_label": "Transport solidaire", "status": "proposee"},
    )
    assert response.status_code == 302 and person.orientations.count() == before
    orientation = person.orientations.first()
    with pytest.raises(actions.ScopeRefused):
        actions.orientation_set_status(orientation, "refusee", None, by=None)
    orientation.refresh_from_db()
    assert orientation.status == "transmise"


@pytest.mark.django_db
def test_a_relative_is_kept_only_with_the_relative_scope(client, world):
    client.force_login(world.users["intervenant"])
    data = {
        "label": "R. T.",
        "commune": "Pommerieux (53180)",
        "preferred_contact": "visite",
        "referent_name": "Son fils",
        "accord-given": "on",
        "accord-scopes": ["journal"],
    }
    response = client.post(_url("person_create", world), data)
    assert response.status_code == 400
    assert "Proche : la personne n'a pas accepté" in unescape(response.content.decode())
    assert not world.team.outreach_people.filter(label="R. T.").exists()
    response = client.post(
        _url("person_create", world), {**data, "accord-scopes": ["journal", "proche"]}
    )
    assert response.status_code == 302
    # A new consent without « proche »: the relative's details go.
    person = world.person
    actions.consent_record(person, ["journal"], by=None)
    person.refresh_from_db()
    assert person.referent_name == person.referent_phone == ""
    # And a visit is still noted (journal), not a right.
    person = type(person).objects.get(pk=person.pk)
    actions.visit_add(Visit(person=person, needs="Courses"), by=world.users["intervenant"])
    with pytest.raises(actions.ScopeRefused):
        actions.right_add(Right(person=person, kind="apa"), by=None)
