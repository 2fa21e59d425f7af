"""Signing up and in by e-mail with a one-time code (django-allauth), in French, rate-limited."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from leviers.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _code(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body, re.M)
    assert match, message.body
    return match.group(1)


def test_the_sign_in_page_is_in_french_at_its_french_address(client):
    response = client.get("/compte/connexion/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Connexion" in page
    assert "Adresse e-mail" in page or "Adresse électronique" in page
    assert reverse("account_request_login_code") in page


def test_a_person_signs_in_with_a_code_sent_by_email(client):
    user = UserFactory(email="camille@mairie.example")
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    response = client.post(reverse("account_confirm_login_code"), {"code": _code(mail.outbox[0])})
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).context["user"] == user


def test_a_wrong_code_does_not_sign_in(client):
    user = UserFactory(email="camille@mairie.example")
    client.post(reverse("account_request_login_code"), {"email": user.email})
    response = client.post(reverse("account_confirm_login_code"), {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_a_password_still_signs_in_when_the_person_chose_one(client):
    user = UserFactory(email="camille@mairie.example")
    response = client.post(
        reverse("account_login"), {"login": "camille@mairie.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).context["user"] == user


def test_sign_up_needs_only_an_email_and_verifies_it_by_code(client):
    response = client.post(reverse("account_signup"), {"email": "dominique@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    # Not signed in before the address is verified.
    assert client.get(reverse("accounts:home")).status_code == 302
    response = client.post(
        reverse("account_email_verification_sent"), {"code": _code(mail.outbox[0])}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_after_five_wrong_passwords_the_right_one_is_refused_for_a_while(client):
    UserFactory(email="camille@mairie.example")
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": "camille@mairie.example", "password": "devine"}
        )
        assert response.status_code == 200
    response = client.post(
        reverse("account_login"), {"login": "camille@mairie.example", "password": PASSWORD}
    )
    assert not response.wsgi_request.user.is_authenticated
    assert "Trop de tentatives" in response.content.decode()


def test_codes_are_rate_limited_per_address():
    UserFactory(email="camille@mairie.example")
    for _ in range(5):  # five browsers asking for one address within a minute
        Client().post(reverse("account_request_login_code"), {"email": "camille@mairie.example"})
    assert len(mail.outbox) == 3


def test_the_header_offers_sign_in_then_the_persons_menu(client):
    page = client.get("/").content.decode()
    assert 'href="/compte/connexion/"' in page
    client.force_login(UserFactory())
    page = client.get("/").content.decode()
    assert 'href="/compte/"' in page and "Se déconnecter" in page
    assert 'href="/compte/connexion/"' not in page


def test_signing_out_is_a_post(client):
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_the_link_of_the_mail_fills_the_code_in_the_same_browser(client):
    UserFactory(email="camille@mairie.example")
    client.post(reverse("account_request_login_code"), {"email": "camille@mairie.example"})
    body = mail.outbox[0].body
    link = re.search(r"https?://testserver(\S+)", body).group(1)
    page = client.get(link).content.decode()
    assert f'value="{_code(mail.outbox[0])}"' in page


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "usersessions_list", "accounts:home"]
)
def test_the_account_pages_render_in_the_sites_layout(client, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
