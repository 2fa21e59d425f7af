"""The admin login page stops answering a client, or a username, after repeated failures."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "un mot de passe solide"
User = get_user_model()


@pytest.fixture
def staff(db):
    return User.objects.create_user("gerante", password=PASSWORD, is_staff=True)


def attempt(address: str, password: str, username: str = "gerante"):
    client = Client(REMOTE_ADDR=address)
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_the_right_password_logs_in(staff):
    response = attempt("203.0.113.7", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@override_settings(ADMIN_LOGIN_FAILURES=3, ADMIN_LOGIN_USERNAME_FAILURES=100)
def test_after_failures_the_right_password_is_refused_from_that_address(staff):
    for _ in range(3):
        assert attempt("203.0.113.7", "devine").status_code == 200
    response = attempt("203.0.113.7", PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert int(response["Retry-After"]) > 0


@override_settings(ADMIN_LOGIN_FAILURES=3, ADMIN_LOGIN_USERNAME_FAILURES=100)
def test_another_address_is_not_throttled(staff):
    for _ in range(4):
        attempt("203.0.113.7", "devine")
    assert attempt("198.51.100.9", PASSWORD).status_code == 302


@override_settings(ADMIN_LOGIN_FAILURES=100, ADMIN_LOGIN_USERNAME_FAILURES=3)
def test_failures_naming_one_username_from_many_addresses_throttle_that_username(staff):
    for n in range(3):
        attempt(f"203.0.113.{n}", "devine", username="Gerante")
    assert attempt("198.51.100.9", PASSWORD).status_code == 429
    User.objects.create_user("autre", password=PASSWORD, is_staff=True)
    assert attempt("198.51.100.9", PASSWORD, username="autre").status_code == 302


@override_settings(ADMIN_LOGIN_FAILURES=2)
def test_successful_logins_do_not_count(staff):
    for _ in range(3):
        assert attempt("203.0.113.7", PASSWORD).status_code == 302


@override_settings(ADMIN_LOGIN_FAILURES=2)
def test_a_throttled_client_still_sees_the_login_page(staff):
    for _ in range(2):
        attempt("203.0.113.7", "devine")
    assert Client(REMOTE_ADDR="203.0.113.7").get(LOGIN).status_code == 200
