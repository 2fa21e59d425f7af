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
