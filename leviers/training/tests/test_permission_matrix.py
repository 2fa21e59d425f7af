"""The training pages' permission matrix: every URL of the namespace, as each role.

Roles: `anonymous`; `inhabitant` (an account, no organisation); `member` (of a member commune of
the club); `facilitator` (« animateur » of the network running the club); `other_facilitator`
(« animateur » of another club's network). Modules, paths and self-checks are public;
progress and the certificate need an account; a club's figures are its facilitators' only.
'login' stands for a redirection to the sign-in page.
"""

import pytest
from django.test import Client
from django.urls import reverse

from leviers.testing.factories import UserFactory
from leviers.testing.matrix import Row, missing_rows
from leviers.training.tests.conftest import make_club

ROLES = ("anonymous", "inhabitant", "member", "facilitator", "other_facilitator")
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**PUBLIC, "anonymous": "login"}
FACILITATORS = {**SIGNED_IN, "inhabitant": 403, "member": 403, "other_facilitator": 403}
MODULE = "ess-loi-2014"
PATH = "nouvel-elu"

ROWS = [
    Row("training:index", lambda w: [], PUBLIC),
    Row("training:path", lambda w: [PATH], PUBLIC),
    Row("training:module", lambda w: [MODULE], PUBLIC),
    Row("training:self_check", lambda w: [MODULE], PUBLIC),
    # Answering: anyone sees the result; only a signed-in person's is kept.
    Row(
        "training:self_check",
        lambda w: [MODULE],
        PUBLIC,
        method="post",
        data=lambda w: {"q0": "0", "q1": "1", "q2": "0", "q3": "0"},
    ),
    Row(
        "training:module_read",
        lambda w: [MODULE],
        {**dict.fromkeys(ROLES, 302), "anonymous": "login"},
        method="post",
    ),
    Row("training:mine", lambda w: [], SIGNED_IN),
    Row("training:certificate", lambda w: [PATH], SIGNED_IN),
    # The PDF of a path not completed does not exist (the page says what is left).
    Row(
        "training:certificate_pdf",
        lambda w: [PATH],
        {**dict.fromkeys(ROLES, 404), "anonymous": "login"},
    ),
    Row("training:club", lambda w: [w["club"].public_id], FACILITATORS),
]


def _status(response):
    if response.status_code == 302 and response["Location"].startswith("/compte/connexion/"):
        return "login"
    return response.status_code


def test_every_url_has_its_row():
    assert missing_rows("training", ROWS) == set()


@pytest.mark.django_db
def test_matrix(training):
    club, facilitator, _commune, member = make_club("Loire")
    _other, other_facilitator, _c, _m = make_club("Bretagne", region="53")
    world = {"club": club}
    users = {
        "anonymous": None,
        "inhabitant": UserFactory(),
        "member": member,
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
    }
    wrong = []
    for row in ROWS:
        assert set(row.expected) == set(ROLES), row.url_name
        for role in ROLES:
            client = Client()
            if users[role] is not None:
                client.force_login(users[role])
            url = reverse(row.url_name, args=row.args(world))
            data = row.data(world) if row.data else None
            got = _status(getattr(client, row.method)(url, data))
            if got != row.expected[role]:
                wrong.append(
                    f"{row.method.upper()} {url} as {role}: {got}, expected {row.expected[role]}"
                )
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_an_unknown_club_module_or_path_is_a_404(training):
    _club, facilitator, _commune, _member = make_club("Loire")
    client = Client()
    client.force_login(facilitator)
    for url in (
        reverse("training:club", args=["inconnu12345"]),
        reverse("training:module", args=["inconnu"]),
        reverse("training:path", args=["inconnu"]),
        reverse("training:certificate", args=["inconnu"]),
    ):
        assert client.get(url).status_code == 404, url
