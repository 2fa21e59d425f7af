"""Who may open the admin: staff only, after logging in with their password."""

import pytest
from django.urls import reverse

from leviers.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_logs_in_with_its_password_and_reaches_the_admin(client):
    user = UserFactory(staff=True)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_wrong_password_does_not_log_in(client):
    user = UserFactory(superuser=True)
    assert not client.login(username=user.username, password=PASSWORD + "x")
