"""Contributing online (with an account, or without one where the project allows it, with the
anti-spam measures), typing a collected contribution, moderation."""

import html
import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from leviers.participation.forms import STAMP_SALT
from leviers.participation.models import Contribution
from leviers.testing.factories import (
    ContributionFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def stamp(seconds_ago: float = 60) -> str:
    """The hidden stamp of a form shown `seconds_ago` seconds ago."""
    return signing.TimestampSigner(salt=STAMP_SALT).sign(str(int(time.time() - seconds_ago)))


def text(response) -> str:
    return html.unescape(response.content.decode())


def answer(**fields):
    return {
        "kind": "besoin",
        "text": "Un abri pour attendre le car scolaire.",
        "shown_at": stamp(),
    } | fields


def contribute_url(project):
    return reverse("participation:contribute", args=[project.public_id])


def test_signed_in_inhabitant_contribution_is_published_at_once(client):
    project = ProjectFactory()
    inhabitant = UserFactory()
    client.force_login(inhabitant)
    response = client.post(contribute_url(project), answer())
    assert response.status_code == 302
    contribution = Contribution.objects.get(project=project)
    assert contribution.author == inhabitant
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.channel == "en-ligne"
    page = client.get(project.get_absolute_url())
    assert "Un abri pour attendre le car scolaire." in page.content.decode()
    assert "Un habitant, en ligne" in page.content.decode()


def test_anonymous_contribution_waits_for_moderation_where_the_project_allows_it(client):
    project = ProjectFactory(anonymous_contributions=True)
    response = client.post(contribute_url(project), answer())
    assert response.status_code == 302
    contribution = Contribution.objects.get(project=project)
    assert contribution.author is None
    assert contribution.status == Contribution.Status.PENDING
    assert "Un abri" not in text(client.get(project.get_absolute_url()))


def test_anonymous_person_is_sent_to_sign_in_where_the_project_wants_an_account(client):
    project = ProjectFactory(anonymous_contributions=False)
    response = client.post(contribute_url(project), answer())
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert not Contribution.objects.exists()


def test_filled_trap_is_answered_as_a_success_and_records_nothing(client):
    project = ProjectFactory(anonymous_contributions=True)
    response = client.post(contribute_url(project), answer(website_confirmation="http://spam"))
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_form_sent_back_faster_than_a_person_writes_records_nothing(client):
    project = ProjectFactory(anonymous_contributions=True)
    response = client.post(contribute_url(project), answer(shown_at=stamp(seconds_ago=0)))
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_form_without_a_valid_stamp_is_shown_again_with_a_french_message(client):
    project = ProjectFactory(anonymous_contributions=True)
    response = client.post(contribute_url(project), answer(shown_at="falsifié"))
    assert response.status_code == 400
    assert "Le formulaire a expiré" in text(response)
    assert not Contribution.objects.exists()


def test_contact_is_kept_only_with_consent(client):
    project = ProjectFactory(anonymous_contributions=True)
    response = client.post(contribute_url(project), answer(contact="jean@example.org"))
    assert response.status_code == 400
    assert "Cochez « accepte d'être recontacté »" in text(response)
    assert not Contribution.objects.exists()


def test_a_flood_of_contributions_gets_a_429(client):
    project = ProjectFactory(anonymous_contributions=True)
    statuses = [client.post(contribute_url(project), answer()).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Contribution.objects.count() == 5


def test_contribution_typed_by_the_team_names_its_collector_and_place(client):
    project = ProjectFactory()
    volunteer = MembershipFactory(organisation=project.organisation).user
    client.force_login(volunteer)
    response = client.post(
        reverse("participation:record", args=[project.public_id]),
        {
            "channel": "porte-a-porte",
            "collector": "Jeanne Martin",
            "place": "Hameau de la Cour",
            "collected_on": "2025-03-03",
            "kind": "idee",
            "text": "Un marché le samedi matin.",
            "author_name": "Mme Leroy",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.recorded_by == volunteer and contribution.author is None
    page = text(client.get(project.get_absolute_url()))
    assert (
        "Mme Leroy, recueilli par Jeanne Martin au porte-à-porte, Hameau de la Cour, le 3 mars 2025"
        in page
    )


TYPED = {
    "channel": "papier",
    "collector": "Jeanne Martin",
    "collected_on": "2025-03-03",
    "kind": "idee",
    "text": "Oui au marché du samedi.",
}


def test_the_same_entry_page_sent_twice_records_one_contribution(client):
    """nginx may pass a sending it had already given to a server that died to another one: the
    page's token makes the second sending find the first contribution instead of a copy."""
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:record", args=[project.public_id])
    token = re.search(r'name="jeton" value="([\w-]+)"', text(client.get(url)))[1]
    statuses = [client.post(url, {**TYPED, "jeton": token}).status_code for _ in range(2)]
    assert statuses == [302, 302]
    assert Contribution.objects.count() == 1
    # Another page (another token), the same words: two paper forms may say the same thing.
    assert client.post(url, {**TYPED, "jeton": "une-autre-page"}).status_code == 302
    assert client.post(url, TYPED).status_code == 302  # no token: each sending records
    assert Contribution.objects.count() == 3


def test_door_to_door_without_its_street_or_hamlet_changes_nothing(client):
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    response = client.post(
        reverse("participation:record", args=[project.public_id]),
        {
            "channel": "porte-a-porte",
            "collector": "Jeanne Martin",
            "collected_on": "2025-03-03",
            "kind": "idee",
            "text": "Un marché le samedi matin.",
        },
    )
    assert response.status_code == 400
    assert "Au porte-à-porte, indiquez la rue ou le hameau." in text(response)
    assert not Contribution.objects.exists()


def test_moderator_hides_tags_and_groups_a_contribution(client):
    contribution = ContributionFactory()
    project = contribution.project
    client.force_login(MembershipFactory(organisation=project.organisation, role="animateur").user)
    response = client.post(
        reverse("participation:moderate", args=[project.public_id, contribution.public_id]),
        {
            "status": "masquee",
            "tags": "Jeunesse,  mobilité, jeunesse",
            "new_group": "Transports",
            "version": 1,
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HIDDEN
    assert sorted(contribution.tags.values_list("name", flat=True)) == ["jeunesse", "mobilité"]
    assert contribution.group.title == "Transports"
    assert contribution.text not in text(client.get(project.get_absolute_url()))


def test_moderation_choosing_two_groups_changes_nothing(client):
    contribution = ContributionFactory()
    project = contribution.project
    group = project.contribution_groups.create(title="Horaires")
    client.force_login(MembershipFactory(organisation=project.organisation, role="admin").user)
    response = client.post(
        reverse("participation:moderate", args=[project.public_id, contribution.public_id]),
        {"status": "masquee", "group": group.pk, "new_group": "Autre", "version": 1},
    )
    assert response.status_code == 400
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED and contribution.group is None
