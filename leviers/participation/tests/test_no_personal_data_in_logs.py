"""No personal data in logs or URLs: an inhabitant's name, e-mail and phone, given with a
contribution (online, or typed by a facilitator), and a person's address at sign-in, appear in
no log record (any logger, any level) and in no redirection."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.views.debug import ExceptionReporter

from leviers.participation import actions
from leviers.participation.tests.test_contributions import answer, contribute_url
from leviers.testing.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Josiane Bretonnière"
EMAIL = "josiane.bretonniere@exemple-village.fr"
PHONE = "06 71 42 93 58"
SIGN_IN_EMAIL = "camille.perrochon@mairie-exemple.fr"
SECRETS = (NAME, EMAIL, PHONE, "0671429358", SIGN_IN_EMAIL, "Bretonni", "perrochon")


class Recorder:
    """A client that keeps every redirection it receives."""

    def __init__(self, client):
        self.client, self.locations = client, []

    def post(self, url, data):
        response = self.client.post(url, data)
        if "Location" in response:
            self.locations.append(response["Location"])
        return response

    def get(self, url):
        response = self.client.get(url)
        if "Location" in response:
            self.locations.append(response["Location"])
        return response


def _leaks(texts) -> list[str]:
    return [f"{secret!r} in {text!r}" for text in texts for secret in SECRETS if secret in text]


def _log_texts(caplog) -> list[str]:
    """Each record as handlers would write it: its message, its traceback, and the error
    report sent to ADMINS by e-mail for a server error (Django's AdminEmailHandler: the
    request's data and each frame's variables, through the reporter's filter)."""
    texts = []
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
        request = getattr(record, "request", None)
        if request is not None:
            texts.append(request.get_full_path())
        if request is not None and record.levelno >= logging.ERROR:  # (AdminEmailHandler's)
            reporter = ExceptionReporter(request, *record.exc_info, is_email=True)
            texts.append(reporter.get_traceback_text())
    return texts


def test_contributions_and_sign_in_leave_no_personal_data_in_logs_or_urls(caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    project = ProjectFactory(anonymous_contributions=True)
    facilitator = MembershipFactory(organisation=project.organisation, role="animateur").user

    # Online, without an account: name and e-mail; then a second one sent with an error.
    inhabitant = Recorder(Client())
    response = inhabitant.post(
        contribute_url(project),
        answer(author_name=NAME, wants_contact="on", contact=EMAIL),
    )
    assert response.status_code == 302
    response = inhabitant.post(
        contribute_url(project), answer(author_name=NAME, contact=PHONE, text="")
    )
    assert response.status_code == 400  # (a contact without consent: refused, logged as 400)

    # Typed by a facilitator, collected at the door: name and phone.
    team = Recorder(Client())
    team.client.force_login(facilitator)
    response = team.post(
        reverse("participation:record", args=[project.public_id]),
        {
            "channel": "porte-a-porte",
            "collector": "Moi",
            "place": "Hameau de la Cour",
            "collected_on": "2026-03-03",
            "kind": "idee",
            "text": "Un marché le samedi matin.",
            "author_name": NAME,
            "wants_contact": "on",
            "contact": PHONE,
        },
    )
    assert response.status_code == 302
    # The team reads the contacts (a logged access) and exports them.
    assert (
        team.get(reverse("participation:moderation", args=[project.public_id])).status_code == 200
    )
    assert team.get(reverse("participation:csv", args=[project.public_id])).status_code == 200

    # Signing in by code, a wrong code first; an unknown address too.
    UserFactory(email=SIGN_IN_EMAIL)
    person = Recorder(Client())
    assert (
        person.post(reverse("account_request_login_code"), {"email": SIGN_IN_EMAIL}).status_code
        == 302
    )
    person.post(reverse("account_confirm_login_code"), {"code": "ZZZZZZ"})
    (message,) = [m for m in mail.outbox if SIGN_IN_EMAIL in m.to]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body, re.M)[1]
    assert person.post(reverse("account_confirm_login_code"), {"code": code}).status_code == 302
    Recorder(Client()).post(reverse("account_request_login_code"), {"email": "x" + SIGN_IN_EMAIL})

    # A page that needs signing in, reached anonymously: the redirection carries the path only.
    anonymous = Recorder(Client())
    anonymous.get(reverse("participation:moderation", args=[project.public_id]))

    # A server error while contributing: the report for ADMINS hides what was typed.
    def broken(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(actions, "contribution_submit", broken)
    failing = Client(raise_request_exception=False)
    response = failing.post(
        contribute_url(project), answer(author_name=NAME, wants_contact="on", contact=EMAIL)
    )
    assert response.status_code == 500
    failing.force_login(facilitator)
    monkeypatch.setattr(actions, "contribution_record", broken)
    response = failing.post(
        reverse("participation:record", args=[project.public_id]),
        {
            "channel": "telephone",
            "collector": "Moi",
            "collected_on": "2026-03-03",
            "kind": "idee",
            "text": "Un marché le samedi matin.",
            "author_name": NAME,
            "wants_contact": "on",
            "contact": PHONE,
        },
    )
    assert response.status_code == 500

    locations = inhabitant.locations + team.locations + person.locations + anonymous.locations
    assert locations, "some redirections were made"
    assert not _leaks(locations)
    assert caplog.records, "the requests above do log (400s, accesses to contacts)"
    assert not _leaks(_log_texts(caplog))


def test_an_error_report_masks_a_sign_in_address_and_code(rf):
    """django-allauth masks only passwords: the site's reporter filter masks the rest."""
    request = rf.post(reverse("account_request_login_code"), {"email": SIGN_IN_EMAIL})
    request.user = None
    try:
        raise RuntimeError("panne")
    except RuntimeError as error:
        report = ExceptionReporter(request, type(error), error, error.__traceback__, is_email=True)
    text = report.get_traceback_text()
    assert "email" in text and SIGN_IN_EMAIL not in text
