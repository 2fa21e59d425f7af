"""The permission matrix, complete: the API's project route has its rows (leviers/testing/
matrix.py), every URL of the project and account namespaces has a row in its app's matrix,
no namespace of project pages can be added without a matrix, every URL that pairs a project
with one of its objects is checked with an object of another project (404), and no URL takes
a guessable id.

Here, at the top of the ladder: the API may read the test support of every app below it.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern

from leviers.accounts.tests import test_permission_matrix as accounts_matrix
from leviers.clubs.tests import test_permission_matrix as clubs_matrix
from leviers.funding.tests import test_permission_matrix as funding_matrix
from leviers.meetings.tests import test_permission_matrix as meetings_matrix
from leviers.outreach.tests import test_permission_matrix as outreach_matrix
from leviers.participation.tests import test_permission_matrix as participation_matrix
from leviers.rotas.tests import test_permission_matrix as rotas_matrix
from leviers.services.tests import test_permission_matrix as services_matrix
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows
from leviers.training.tests import test_permission_matrix as training_matrix
from leviers.workspace.tests import test_permission_matrix as workspace_matrix

ALL = dict.fromkeys(("anonymous", "inhabitant", "other", "member", "facilitator", "admin"), 200)
# The JSON API never redirects to the sign-in page: a private project is a 404 but to its team.
TEAM_ONLY = {**ALL, "anonymous": 404, "inhabitant": 404, "other": 404}

API_ROWS = [Row("api:project", lambda w: [w.project.public_id], ALL)]
API_PRIVATE_ROWS = [Row("api:project", lambda w: [w.project.public_id], TEAM_ONLY)]
API_PROJECT_ROUTES = {"api:project"}


@pytest.mark.django_db
def test_api_public_project():
    assert_matrix(Client, build_world(), API_ROWS)


@pytest.mark.django_db
def test_api_private_project():
    assert_matrix(Client, build_world(is_public=False), API_PRIVATE_ROWS)


# --- Every URL has its row -------------------------------------------------------------------

# Each namespace of project or account pages → every row of its matrix (public and private).
MATRICES = {
    "accounts": lambda: accounts_matrix.ROWS,
    "workspace": lambda: workspace_matrix.rows(403) + workspace_matrix.rows(404),
    "meetings": lambda: meetings_matrix.PUBLIC + meetings_matrix.PRIVATE,
    "participation": lambda: participation_matrix.rows(True) + participation_matrix.rows(False),
    "rotas": lambda: rotas_matrix.rows(*[rotas_matrix.expect(0, 0, 0, 0)] * 8),
    "funding": lambda: funding_matrix.PUBLIC + funding_matrix.PRIVATE,
    "clubs": lambda: clubs_matrix.ROWS,
    "training": lambda: training_matrix.ROWS,
    "outreach": lambda: outreach_matrix.ROWS,
    "services": lambda: services_matrix.ROWS,
}
# The other namespaces, each reviewed: none shows a project's or a person's data.
WITHOUT_MATRIX = {
    "core": "accueil, à propos : pages publiques",
    "territories": "référentiel public",
    "catalogue": "catalogue public",
    "observatory": "observatoire public (données SIRENE ouvertes)",
    "journey": "parcours anonyme ; feuilles de route par lien secret (jeton de 22 caractères)",
    "api": "lectures publiques ; ses routes de projet ont leur matrice ici (API_PROJECT_ROUTES)",
    "admin": "l'admin : filtrée par la porte, testée dans chaque admin.py (test_admin_*)",
}
# URL names outside any namespace: django-allauth's pages, about the person signed in only.
ALLAUTH_PREFIXES = ("account_", "usersessions_")


def _patterns():
    """(full route, namespace, name, pattern) of every URL of the site."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), namespace, pattern.name, pattern

    yield from walk(get_resolver().url_patterns, "", None)


@pytest.mark.parametrize("namespace", sorted(MATRICES))
def test_every_url_of_the_project_and_account_namespaces_has_its_row(namespace):
    assert missing_rows(namespace, MATRICES[namespace]()) == set()


def test_every_project_route_of_the_api_has_its_row():
    routes = {
        f"api:{name}" for route, ns, name, _ in _patterns() if ns == "api" and "public_id" in route
    }
    assert routes == API_PROJECT_ROUTES
    covered = {row.url_name for row in API_ROWS} & {row.url_name for row in API_PRIVATE_ROWS}
    assert routes <= covered


def test_no_namespace_of_project_pages_is_forgotten():
    """A new app's pages (rotas, funding...) need their matrix, listed in MATRICES."""
    unknown = set()
    for route, namespace, name, _ in _patterns():
        if namespace is None:
            if not (name or "").startswith(ALLAUTH_PREFIXES) and not route.startswith("admin/"):
                unknown.add(f"{route} ({name})")
        elif namespace not in MATRICES and namespace not in WITHOUT_MATRIX:
            unknown.add(f"{route} ({namespace}:{name})")
        elif route.startswith("projets/<") and namespace not in MATRICES:
            unknown.add(f"{route} ({namespace}:{name}) : une page de projet sans matrice")
    assert not unknown, "Sans matrice des permissions :\n" + "\n".join(sorted(unknown))


def test_objects_of_another_project_are_checked_on_every_url_that_names_one():
    """A URL with the project's id and an object's id has a row with `foreign_args` (404)."""
    unchecked = set()
    for route, namespace, name, _ in _patterns():
        if namespace in MATRICES and route.startswith("projets/<") and route.count("<") > 1:
            rows = [row for row in MATRICES[namespace]() if row.url_name == f"{namespace}:{name}"]
            if not any(row.foreign_args for row in rows):
                unchecked.add(f"{namespace}:{name}")
    assert not unchecked


def test_no_url_takes_a_guessable_id():
    """Objects are named by a public id or a token, never by a counter (<int:...>). The
    referential's codes (INSEE, SIREN) are public on purpose."""
    guessable = set()
    for route, _namespace, _name, pattern in _patterns():
        converters = getattr(pattern.pattern, "converters", {})
        if any(isinstance(c, IntConverter) for c in converters.values()):
            guessable.add(route)
        named_ids = [
            group
            for group in pattern.pattern.regex.groupindex
            if group in ("pk", "id") or group.endswith("_id")
        ]
        regex = isinstance(pattern.pattern, RegexPattern)
        if regex and named_ids and "{12}" not in str(pattern.pattern):  # (a public id: 12)
            guessable.add(route)
    assert not guessable
