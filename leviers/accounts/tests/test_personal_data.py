"""« Mes données »: the export gathers every app's answer; deletion forgets the person."""

import json

import pytest
from django.dispatch import receiver
from django.urls import reverse

from leviers.accounts.models import Membership, User
from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.testing.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in_again(client, user):
    """Deleting an account asks the person to prove it is them again (allauth)."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_the_export_holds_the_account_its_memberships_and_each_apps_answer(client):
    membership = MembershipFactory(role="animateur")
    user = membership.user

    @receiver(collect_personal_data)
    def answer(sender, user, **kwargs):
        return {"contributions": [f"idée de {user.email}"]}

    try:
        client.force_login(user)
        response = client.get(reverse("accounts:data-export"))
    finally:
        collect_personal_data.disconnect(answer)
    assert response["Content-Disposition"].startswith("attachment")
    document = json.loads(response.content)
    assert document["comptes"]["compte"]["adresse_electronique"] == user.email
    assert document["comptes"]["organisations"][0]["role"] == "Animateur"
    # The receiver lives in this test module, of the accounts app: filed under its label.
    assert document["accounts"]["contributions"] == [f"idée de {user.email}"]


def test_deleting_the_account_asks_every_app_to_forget_then_removes_it(client):
    membership = MembershipFactory()
    MembershipFactory(organisation=membership.organisation, role="admin")
    user = membership.user
    forgotten = []

    @receiver(forget_user)
    def forget(sender, user, **kwargs):
        forgotten.append(user.pk)

    try:
        _sign_in_again(client, user)
        response = client.post(reverse("accounts:data-delete"), {"confirm": "on"})
    finally:
        forget_user.disconnect(forget)
    assert response.status_code == 302
    assert forgotten == [user.pk]
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert client.get(reverse("accounts:home")).status_code == 302  # signed out


def test_a_receiver_that_fails_leaves_the_account_whole(client):
    user = UserFactory()

    @receiver(forget_user)
    def refuse(sender, user, **kwargs):
        raise RuntimeError("base indisponible")

    try:
        _sign_in_again(client, user)
        client.raise_request_exception = False
        response = client.post(reverse("accounts:data-delete"), {"confirm": "on"})
    finally:
        forget_user.disconnect(refuse)
    assert response.status_code == 500
    assert User.objects.filter(pk=user.pk).exists()


def test_deletion_first_asks_to_sign_in_again(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:data-delete"), {"confirm": "on"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(pk=user.pk).exists()


def test_deletion_needs_the_confirmation_box(client):
    user = UserFactory()
    _sign_in_again(client, user)
    response = client.post(reverse("accounts:data-delete"), {})
    assert response.status_code == 200
    assert "Cochez la case" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_sessions_page_lists_the_persons_sessions(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert "Mon compte" in response.content.decode()
