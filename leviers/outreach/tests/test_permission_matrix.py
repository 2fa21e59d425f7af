"""The journal's permission matrix: every URL of the namespace, every role. Only the team's
intervenants and coordinators see its people; its admins, the facilitators of its network,
superusers and another team's intervenants get a 404 (nobody learns whom the team follows);
a coordinator's page asked by an intervenant is a 403. A person of another team named under
this team's URL: 404. The roles differ from a project's, hence this file's own loop over
`leviers.testing.matrix.Row`."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from leviers.outreach.tests.conftest import ROLES
from leviers.testing.matrix import RoleClients, Row, missing_rows


def expect(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


NOBODY_ELSE = ("login", 404, 404, 404, 404, 404)
READ = expect(*NOBODY_ELSE, 200, 200, 404)
WRITE = expect(*NOBODY_ELSE, 302, 302, 404)
COORDINATE = expect(*NOBODY_ELSE, 403, 200, 404)
COORDINATE_WRITE = expect(*NOBODY_ELSE, 403, 302, 404)
HOME = expect("login", 404, 404, 404, 404, 404, 302, 302, 302)

t = lambda w: [w.team.public_id]  # noqa: E731
p = lambda w: [w.team.public_id, w.person.public_id]  # noqa: E731
foreign_p = lambda w: [w.team.public_id, w.foreign.public_id]  # noqa: E731


def o(w):
    return [*p(w), w.person.orientations.earliest("id").public_id]


def foreign_o(w):
    return [*p(w), w.foreign.orientations.earliest("id").public_id]


def r(w):
    return [*p(w), w.person.rights.earliest("id").public_id]


def foreign_r(w):
    return [*p(w), w.foreign.rights.earliest("id").public_id]


def person_data(w):
    return {
        "label": "A. B.",
        "commune": "Pommerieux (53180)",
        "birth_year": "1940",
        "preferred_contact": "visite",
        "accord-given": "on",
        "accord-scopes": ["journal"],
    }


ROWS = [
    Row("outreach:home", lambda w: [], HOME),
    Row("outreach:journal", t, READ),
    Row("outreach:follow_ups", t, READ),
    Row("outreach:access_log", t, COORDINATE),
    Row("outreach:statistics", t, COORDINATE),
    Row("outreach:statistics_csv", t, COORDINATE),
    Row("outreach:person_create", t, READ),
    Row("outreach:person_create", t, WRITE, method="post", data=person_data),
    Row("outreach:person", p, READ, foreign_args=foreign_p),
    Row("outreach:person_edit", p, READ, foreign_args=foreign_p),
    Row("outreach:person_edit", p, WRITE, method="post", data=person_data),
    Row("outreach:visit_add", p, READ, foreign_args=foreign_p),
    Row(
        "outreach:visit_add",
        p,
        WRITE,
        method="post",
        data=lambda w: {
            "visited_on": "2026-04-02",
            "themes": ["visites-isolement"],
            "needs": "Courses",
        },
    ),
    Row("outreach:consent", p, READ, foreign_args=foreign_p),
    Row(
        "outreach:consent",
        p,
        WRITE,
        method="post",
        data=lambda w: {
            "accord-given": "on",
            "accord-scopes": ["journal", "orientation", "droits", "proche"],
        },
    ),
    Row("outreach:orientation_add", p, READ, foreign_args=foreign_p),
    Row(
        "outreach:orientation_add",
        p,
        WRITE,
        method="post",
        data=lambda w: {"service_label": "Transport solidaire", "status": "proposee"},
    ),
    Row(
        "outreach:orientation_status",
        o,
        WRITE,
        method="post",
        data=lambda w: {"status": "prise-en-charge"},
        foreign_args=foreign_o,
    ),
    Row("outreach:right_add", p, READ, foreign_args=foreign_p),
    Row(
        "outreach:right_add",
        p,
        WRITE,
        method="post",
        data=lambda w: {"kind": "aspa", "monthly_amount": "120", "identified_on": "2026-04-02"},
    ),
    Row(
        "outreach:right_status",
        r,
        WRITE,
        method="post",
        data=lambda w: {"status": "demande", "on": "2026-04-03"},
        foreign_args=foreign_r,
    ),
    Row("outreach:screening", p, READ, foreign_args=foreign_p),
    # An empty answer: the form's errors (400) for the team, without running OpenFisca.
    Row("outreach:screening", p, expect(*NOBODY_ELSE, 400, 400, 404), method="post"),
    Row("outreach:person_export", p, COORDINATE, foreign_args=foreign_p),
    Row("outreach:person_delete", p, COORDINATE, foreign_args=foreign_p),
    # Last: the withdrawal closes the record, the deletion removes it.
    Row("outreach:consent_withdraw", p, WRITE, method="post", foreign_args=foreign_p),
    Row("outreach:person_delete", p, COORDINATE_WRITE, method="post", foreign_args=foreign_p),
]


def _status(response):
    if response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL):
        return "login"
    return response.status_code


def assert_matrix(world, rows):
    clients = RoleClients(Client, world.users)
    wrong = []
    for row in rows:
        assert set(row.expected) == set(ROLES), f"{row.url_name}: un rôle manque"
        cases = [(role, row.args, row.expected[role]) for role in ROLES]
        if row.foreign_args:
            cases.insert(0, ("coordinateur", row.foreign_args, 404))
        for role, args, expected in cases:
            url = reverse(row.url_name, args=args(world))
            data = row.data(world) if row.data else None
            got = _status(clients.request(role, row.method, url, data))
            if got != expected:
                wrong.append(f"{row.method.upper()} {url} as {role}: {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_every_outreach_url_has_its_row():
    assert missing_rows("outreach", ROWS) == set()


@pytest.mark.django_db
def test_only_the_team_workers_reach_its_people(world):
    assert_matrix(world, ROWS)


@pytest.mark.django_db
def test_every_page_is_a_404_when_the_module_is_off(world, settings):
    settings.OUTREACH_ENABLED = False
    client = Client()
    client.force_login(world.users["coordinateur"])
    for row in ROWS:
        url = reverse(row.url_name, args=row.args(world))
        data = row.data(world) if row.data else None
        assert getattr(client, row.method)(url, data).status_code == 404, url
