"""A password changed is told to the account's owner by mail: from « Mon compte » (allauth,
ACCOUNT_EMAIL_NOTIFICATIONS), and from the Django admin, where a superuser could otherwise set
a coordinator's password and sign in as them unnoticed."""

import pytest
from django.core import mail
from django.urls import reverse

from leviers.testing.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-autre-mot-de-passe-bien-long"


@pytest.fixture
def coordinator():
    return MembershipFactory(role="coordinateur").user


def test_a_password_changed_from_my_account_is_told_by_mail(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "mot de passe" in mail.outbox[0].subject.lower()


def test_a_password_set_by_a_superuser_in_the_admin_is_told_by_mail(client, coordinator):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:auth_user_password_change", args=[coordinator.pk])
    response = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW_PASSWORD)
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "[Leviers] Votre mot de passe a été changé par un administrateur"
    assert "depuis l'administration de la plateforme" in message.body
    assert "journal des accès" in message.body


def test_a_refused_password_in_the_admin_sends_nothing(client, coordinator):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:auth_user_password_change", args=[coordinator.pk])
    response = client.post(url, {"password1": "court", "password2": "autre"})
    assert response.status_code == 200 and not mail.outbox


def _address_form(address, **changes):
    data = {
        "user": address.user_id,
        "email": address.email,
        "verified": "on" if address.verified else "",
        "primary": "on" if address.primary else "",
        **changes,
    }
    return {name: value for name, value in data.items() if value != ""}


def test_an_address_changed_by_a_superuser_is_told_to_the_one_it_replaced(client, coordinator):
    """Changing the address of an account in allauth's list lets a superuser sign in by a code
    sent to an address they read: the replaced address is told."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.get(user=coordinator)
    old = address.email
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    response = client.post(url, _address_form(address, email="intrus@exemple.fr"))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [old]
    assert message.subject == (
        "[Leviers] Une adresse de votre compte a été changée par un administrateur"
    )
    assert "intrus@exemple.fr" in message.body and "à votre place" in message.body


def test_an_address_added_or_moved_to_an_account_is_told_to_its_addresses(client, coordinator):
    from allauth.account.models import EmailAddress

    superuser = UserFactory(superuser=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": coordinator.pk, "email": "ajout@exemple.fr", "verified": "on"},
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    # The superuser's own address, given to the coordinator's account.
    own = EmailAddress.objects.get(user=superuser)
    url = reverse("admin:account_emailaddress_change", args=[own.pk])
    client.post(url, _address_form(own, user=coordinator.pk, primary=""))
    assert EmailAddress.objects.get(pk=own.pk).user == coordinator
    told = sorted(message.to[0] for message in mail.outbox[1:])
    assert told == sorted([coordinator.email, "ajout@exemple.fr"])


def test_an_address_saved_unchanged_sends_nothing(client, coordinator):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.get(user=coordinator)
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    assert client.post(url, _address_form(address)).status_code == 302
    assert not mail.outbox


def _user_form(client, user, **changes):
    form = client.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"]
    data = {
        name: value
        for name, value in form.form.initial.items()
        if value is not None and name not in ("groups", "user_permissions", "password")
    }
    return {**data, "date_joined_0": "2026-01-01", "date_joined_1": "10:00", **changes}


def test_an_address_changed_on_the_admin_user_page_becomes_primary_and_is_told(client, coordinator):
    """The user page's « adresse électronique » used to add a second primary address to
    allauth's list (IntegrityError); it now takes the primary's place, and the replaced address
    is told, as in the list of addresses."""
    from allauth.account.models import EmailAddress

    old = coordinator.email
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    response = client.post(url, _user_form(client, coordinator, email="Intrus@Exemple.fr"))
    assert response.status_code == 302
    addresses = dict(EmailAddress.objects.filter(user=coordinator).values_list("email", "primary"))
    assert addresses == {old: False, "intrus@exemple.fr": True}
    [message] = mail.outbox
    assert message.to == [old]
    assert message.subject == (
        "[Leviers] Une adresse de votre compte a été changée par un administrateur"
    )
    assert "intrus@exemple.fr" in message.body.lower()


def test_the_admin_user_page_saved_with_the_same_address_sends_nothing(client, coordinator):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    response = client.post(url, _user_form(client, coordinator, first_name="Autre"))
    assert response.status_code == 302
    assert not mail.outbox
