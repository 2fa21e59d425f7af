"""The participation pages. permission matrix (leviers/testing/matrix.py): every URL, every role."""

import pytest
from django.test import Client

from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

EVERYONE = dict.fromkeys(
    ("anonymous", "inhabitant", "other", "member", "facilitator", "admin"), 200
)
TEAM_ONLY = {
    "anonymous": "login",
    "inhabitant": 404,
    "other": 404,
    "member": 200,
    "facilitator": 200,
    "admin": 200,
}

PUBLIC_PROJECT_ROWS = [
    Row("participation:project", lambda w: [w.project.public_id], EVERYONE),
]
PRIVATE_PROJECT_ROWS = [
    Row("participation:project", lambda w: [w.project.public_id], TEAM_ONLY),
]


def test_every_participation_url_has_its_row():
    assert missing_rows("participation", PUBLIC_PROJECT_ROWS) == set()


@pytest.mark.django_db
def test_public_project():
    assert_matrix(Client, build_world(), PUBLIC_PROJECT_ROWS)


@pytest.mark.django_db
def test_private_project():
    assert_matrix(Client, build_world(is_public=False), PRIVATE_PROJECT_ROWS)
