"""The workspace's permission matrix (leviers/testing/matrix.py): every URL, every role, for
a public and a private project, and objects of another project (404)."""

import pytest
from django.test import Client

from leviers.testing.factories import OrganisationFactory
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows
from leviers.workspace.models import Partner

SIGNED_IN = {
    "anonymous": "login",
    "inhabitant": 200,
    "other": 200,
    "member": 200,
    "facilitator": 200,
    "admin": 200,
}


def _team(ok, outsiders):
    return {
        "anonymous": "login",
        "inhabitant": outsiders,
        "other": outsiders,
        "member": ok,
        "facilitator": ok,
        "admin": ok,
    }


def _admin(ok, outsiders):
    return {
        "anonymous": "login",
        "inhabitant": outsiders,
        "other": outsiders,
        "member": 403,
        "facilitator": 403,
        "admin": ok,
    }


def _project(w):
    return [w.project.public_id]


def _partner(w):
    return [w.project.public_id, w.partner.organisation.public_id]


def _foreign_partner(w):
    return [w.project.public_id, w.foreign_partner.organisation.public_id]


def rows(outsiders):
    """`outsiders`: what a signed-in person outside the team gets (403 when the project is
    public, 404 when it is private: they must not learn it exists)."""
    return [
        Row("workspace:mine", lambda w: [], SIGNED_IN),
        Row("workspace:new", lambda w: [], SIGNED_IN),
        Row(
            "workspace:new",
            lambda w: [],
            # Only the leading organisation's admins and members may lead in its name.
            {**_team(302, 400), "facilitator": 400},
            method="post",
            data=lambda w: {"title": "Un projet", "organisation": w.project.organisation.public_id},
        ),
        Row("workspace:notifications", lambda w: [], SIGNED_IN),
        Row(
            "workspace:notifications",
            lambda w: [],
            dict.fromkeys(SIGNED_IN, 302) | {"anonymous": "login"},
            method="post",
            data=lambda w: {"frequency": "hebdomadaire", "kinds": ["meeting"]},
        ),
        Row("workspace:settings", _project, _admin(200, outsiders)),
        Row(
            "workspace:settings",
            _project,
            _admin(302, outsiders),
            method="post",
            # The admin's save keeps the project as public or private as it was.
            data=lambda w: (
                {"title": "Nouveau titre", "version": 1}
                | ({"is_public": "on"} if w.project.is_public else {})
            ),
        ),
        Row("workspace:stage", _project, _team(200, outsiders)),
        Row(
            "workspace:stage",
            _project,
            _admin(302, outsiders),
            method="post",
            data=lambda w: {"stage": "etude"},
        ),
        Row("workspace:partners", _project, _team(200, outsiders)),
        Row(
            "workspace:partners",
            _project,
            _admin(302, outsiders),
            method="post",
            data=lambda w: {"organisation": w.newcomer.public_id, "role": "partenaire"},
        ),
        Row(
            "workspace:partner-remove",
            _partner,
            _admin(302, outsiders),
            method="post",
            foreign_args=_foreign_partner,
        ),
        Row("workspace:team", _project, _team(200, outsiders)),
        Row(
            "workspace:team",
            _project,
            _admin(302, outsiders),
            method="post",
            data=lambda w: {"person": w.users["member"].pk, "function": "Référente habitants"},
        ),
        Row("workspace:activity", _project, _team(200, outsiders)),
    ]


def _world(**options):
    # The commune of Pommerieux leads: a project started from scratch is on its territory.
    world = build_world(organisation=OrganisationFactory(commune_of=True), **options)
    world.extra["partner"] = Partner.objects.create(
        project=world.project, organisation=OrganisationFactory(), role="partenaire"
    )
    world.extra["foreign_partner"] = Partner.objects.create(
        project=world.other_project, organisation=OrganisationFactory()
    )
    world.extra["newcomer"] = OrganisationFactory()
    return world


def test_every_workspace_url_has_its_row():
    assert missing_rows("workspace", rows(403)) == set()


@pytest.mark.django_db
def test_public_project():
    assert_matrix(Client, _world(), rows(outsiders=403))


@pytest.mark.django_db
def test_private_project():
    assert_matrix(Client, _world(is_public=False), rows(outsiders=404))
