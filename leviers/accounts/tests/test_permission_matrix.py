"""The account and organisation pages' permission matrix (leviers/testing/matrix.py).

The organisation is the one leading the world's project: `member`, `facilitator` and `admin`
belong to it, `other` to another organisation, `inhabitant` to none; so do `intervenant` and
`coordinateur`, the outreach roles (docs/aller-vers.md): a coordinator gives and takes those
roles only, an intervenant changes nothing.
"""

import pytest
from django.test import Client

from leviers.testing.factories import InvitationFactory, MembershipFactory
from leviers.testing.matrix import ROLES as PROJECT_ROLES
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

ROLES = (*PROJECT_ROLES, "intervenant", "coordinateur")
SIGNED_IN = dict.fromkeys(ROLES, 200) | {"anonymous": "login"}
MEMBERS = {**SIGNED_IN, "inhabitant": 404, "other": 404}
ADMINS = {**MEMBERS, "member": 403, "facilitator": 403, "intervenant": 403, "coordinateur": 403}
# Inviting or setting a role: the page's roles (admins), the outreach roles (coordinators).
ROLE_GIVERS = {**ADMINS, "admin": 302, "coordinateur": 302}


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
    # A role that is not theirs to give: the form refuses it (400) to an admin or a
    # coordinator, the others have no form (403).
    Row(
        "accounts:organisation-invite",
        _organisation,
        {**ADMINS, "admin": 302, "coordinateur": 400},
        method="post",
        data=lambda w: {"email": "nouvelle@example.org", "role": "membre"},
    ),
    Row(
        "accounts:organisation-invite",
        _organisation,
        {**ROLE_GIVERS, "admin": 400},
        method="post",
        data=lambda w: {"email": "nouvelle@example.org", "role": "intervenant"},
    ),
    # Saving a member's row unchanged: whoever may change some role there.
    Row(
        "accounts:membership",
        _membership,
        ROLE_GIVERS,
        method="post",
        data=lambda w: {"role": "membre", "is_active": "1"},
        foreign_args=_foreign_membership,
    ),
    Row("accounts:invitation", lambda w: ["jeton-de-la-matrice"], SIGNED_IN),
    # Last (it changes the member): making them an intervenant is the coordinator's alone.
    Row(
        "accounts:membership",
        _membership,
        {**ROLE_GIVERS, "admin": 403},
        method="post",
        data=lambda w: {"role": "intervenant", "is_active": "1"},
    ),
]


def test_every_accounts_url_has_its_row():
    assert missing_rows("accounts", ROWS) == set()


@pytest.mark.django_db
def test_accounts_matrix():
    world = build_world()
    for role in ("intervenant", "coordinateur"):
        world.users[role] = MembershipFactory(
            organisation=world.project.organisation, role=role
        ).user
    InvitationFactory(organisation=world.project.organisation, token="jeton-de-la-matrice")
    assert_matrix(Client, world, ROWS, roles=ROLES)
    member = world.users["member"].memberships.get()
    assert member.role == "intervenant"  # the last row did change it
