"""The permission matrix of the workspace: for each URL, each role, the expected status.

An app's matrix test lists one `Row` per URL name of its namespace; `assert_matrix` requests
each row as each role and compares the statuses, and `missing_rows` names the URLs of the
namespace that have no row (a new URL without its row fails the test).

    ROWS = [
        Row("workspace:public", lambda w: [w.project.public_id],
            {"anonymous": 200, "inhabitant": 200, "other": 200, "member": 200,
             "facilitator": 200, "admin": 200}),
        Row("workspace:contribution", lambda w: [w.project.public_id, w.foreign.public_id],
            ..., foreign=404),
    ]

Roles: `anonymous`; `inhabitant` (an account, no organisation); `other` (member of another
organisation); `member`, `facilitator`, `admin` of the organisation leading the project.
`foreign` is the status expected when the URL pairs the project with an object of another
project (checked as the project's admin): always 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("anonymous", "inhabitant", "other", "member", "facilitator", "admin")


@dataclass
class World:
    """A project, its team in every role, and a second project of another organisation."""

    project: Any
    other_project: Any
    users: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.extra[name]
        except KeyError:
            raise AttributeError(name) from None


def build_world(**project_options) -> World:
    from leviers.testing.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProjectFactory,
        UserFactory,
    )

    project = ProjectFactory(**project_options)
    other_organisation = OrganisationFactory()
    other_project = ProjectFactory(organisation=other_organisation)
    users = {"anonymous": None, "inhabitant": UserFactory()}
    users["other"] = MembershipFactory(organisation=other_organisation).user
    for role, membership_role in (
        ("member", "membre"),
        ("facilitator", "animateur"),
        ("admin", "admin"),
    ):
        users[role] = MembershipFactory(
            organisation=project.organisation, role=membership_role
        ).user
    return World(project=project, other_project=other_project, users=users)


@dataclass
class Row:
    url_name: str
    args: Callable[[World], list]
    expected: dict[str, int | str]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    # args pointing at an object of another project, requested as the admin: expect 404.
    foreign_args: Callable[[World], list] | None = None


def _status(response) -> int | str:
    if response.streaming:  # a download holds its file open until read to its end
        b"".join(response.streaming_content)
    if response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL):
        return "login"
    return response.status_code


class RoleClients:
    """One test client per role, signed in on its first request and reused for the role's
    next ones: a sign-in writes a session and the user's last login (some 5 ms), once per
    role instead of once per request. Each answer must have been served to that role's user,
    so a request that signs someone out, or in as someone else, fails the matrix instead of
    passing the next rows under another identity."""

    def __init__(self, client_class, users: dict[str, Any]):
        self.client_class = client_class
        self.users = users
        self.clients: dict[str, Any] = {}

    def request(self, role: str, method: str, url: str, data=None):
        client, user = self.clients.get(role), self.users[role]
        if client is None:
            client = self.clients[role] = self.client_class()
            if user is not None:
                client.force_login(user)
        response = getattr(client, method)(url, data)
        served = response.wsgi_request.user
        assert served.pk == (user.pk if user else None), (
            f"{url} was served to {served}, not to {role}"
        )
        return response


def assert_matrix(client_class, world: World, rows: list[Row], roles=ROLES) -> None:
    """Every row as every role (`roles`: ROLES, or more when the world has more users).
    'login' stands for a redirection to the sign-in page."""
    clients = RoleClients(client_class, world.users)
    wrong = []
    for row in rows:
        assert set(row.expected) == set(roles), f"{row.url_name}: un rôle manque"
        for role in roles:
            url = reverse(row.url_name, args=row.args(world))
            data = row.data(world) if row.data else None
            got = _status(clients.request(role, row.method, url, data))
            if got != row.expected[role]:
                wrong.append(
                    f"{row.method.upper()} {url} as {role}: {got}, expected {row.expected[role]}"
                )
        if row.foreign_args:
            url = reverse(row.url_name, args=row.foreign_args(world))
            data = row.data(world) if row.data else None
            got = _status(clients.request("admin", row.method, url, data))
            if got != 404:
                wrong.append(
                    f"{row.method.upper()} {url} (other project) as admin: {got}, expected 404"
                )
    assert not wrong, "\n".join(wrong)


def url_names(namespace: str) -> set[str]:
    """Every URL name of `namespace` ("workspace", "meetings"...)."""
    names: set[str] = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{prefix}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return {name for name in names if name.startswith(f"{namespace}:")}


def missing_rows(namespace: str, rows: list[Row]) -> set[str]:
    return url_names(namespace) - {row.url_name for row in rows}
