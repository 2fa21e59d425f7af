"""The account and organisation pages' permission matrix (leviers/testing/matrix.py).

The organisation is the one leading the world's project: `member`, `facilitator` and `admin`
belong to it, `other` to another organisation, `inhabitant` to none.
"""

import pytest
from django.test import Client

from leviers.testing.factories import InvitationFactory
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

SIGNED_IN = {
    "anonymous": "login",
    "inhabitant": 200,
    "other": 200,
    "member": 200,
    "facilitator": 200,
    "admin": 200,
}
MEMBERS = {**SIGNED_IN, "inhabitant": 404, "other": 404}
ADMINS = {**MEMBERS, "member": 403, "facilitator": 403}


def _organisation(w):
    return [w.project.organisation.public_id]


def _membership(w):
    return [w.project.organisation.public_id, w.users["member"].memberships.get().public_id]


def _foreign_membership(w):
    return [w.project.organisation.public_id, w.users["other"].memberships.get().public_id]


ROWS = [
    Row("accounts:home", lambda w: [], SIGNED_IN),
    Row("accounts:data", lambda w: [], SIGNED_IN),
    Row("accounts:data-export", lambda w: [], SIGNED_IN),
    Row("accounts:data-delete", lambda w: [], SIGNED_IN),
    # Deleting: a signed-in person first proves again who they are (allauth's
    # reauthentication page, a redirection); nothing is deleted here.
    Row(
        "accounts:data-delete",
        lambda w: [],
        {**dict.fromkeys(SIGNED_IN, 302), "anonymous": "login"},
        method="post",
        data=lambda w: {"confirm": "on"},
    ),
    Row("accounts:organisations", lambda w: [], SIGNED_IN),
    Row("accounts:organisation-new", lambda w: [], SIGNED_IN),
    Row("accounts:organisation", _organisation, MEMBERS),
    Row("accounts:organisation-edit", _organisation, ADMINS),
    Row(
        "accounts:organisation-invite",
        _organisation,
        {**ADMINS, "admin": 302},
        method="post",
        data=lambda w: {"email": "nouvelle@example.org", "role": "membre"},
    ),
    Row(
        "accounts:membership",
        _membership,
        {**ADMINS, "admin": 302},
        method="post",
        data=lambda w: {"role": "membre", "is_active": "1"},
        foreign_args=_foreign_membership,
    ),
    Row("accounts:invitation", lambda w: ["jeton-de-la-matrice"], SIGNED_IN),
]


def test_every_accounts_url_has_its_row():
    assert missing_rows("accounts", ROWS) == set()


@pytest.mark.django_db
def test_accounts_matrix():
    world = build_world()
    InvitationFactory(organisation=world.project.organisation, token="jeton-de-la-matrice")
    assert_matrix(Client, world, ROWS)
