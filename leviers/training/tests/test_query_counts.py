"""Every training page reads a fixed number of queries, with a person halfway through the path
and a club whose member organisations have several people with progress: a query per module,
step or person would show. The same pages with 40 modules and 200 members: bench/training.py."""

import pytest
from django.test import Client

from leviers.testing.factories import MembershipFactory
from leviers.testing.pins import assert_every_url_pinned, read, url_paths
from leviers.training.actions import progress_mark_read, progress_record_check
from leviers.training.models import Module
from leviers.training.tests.conftest import make_club

pytestmark = pytest.mark.django_db

POST_ONLY = {"module_read"}
# url name: (a club facilitator halfway through the path, an anonymous visitor or None when the
# page needs an account). Signed in: session and user first.
QUERIES = {
    "index": (5, 3),
    "mine": (5, None),
    "path": (5, 2),
    "certificate": (5, None),
    "certificate_pdf": (5, None),
    "module": (8, 5),
    "self_check": (3, 1),
    "club": (10, None),
}


@pytest.fixture
def world(training):
    club, facilitator, commune, member = make_club("Loire")
    modules = list(Module.objects.order_by("slug"))
    for person in [member] + [MembershipFactory(organisation=commune).user for _ in range(6)]:
        for module in modules[:3]:
            progress_record_check(person, module, {0: 0})
        progress_mark_read(person, modules[3])
    for module in modules[:3]:
        progress_mark_read(facilitator, module)
    return club, facilitator


def test_every_page_is_pinned():
    assert_every_url_pinned("training", set(QUERIES), POST_ONLY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries(name, world, django_assert_num_queries):
    club, facilitator = world
    paths = url_paths("training", {"slug": "nouvel-elu", "public_id": club.public_id})
    paths["module"] = paths["module"].replace("nouvel-elu", "ess-loi-2014")
    paths["self_check"] = paths["self_check"].replace("nouvel-elu", "ess-loi-2014")
    signed_in, anonymous = QUERIES[name]
    client = Client()
    client.force_login(facilitator)
    expected_status = 404 if name == "certificate_pdf" else 200
    with django_assert_num_queries(signed_in):
        assert read(client, paths[name]).status_code == expected_status
    if anonymous is not None:
        with django_assert_num_queries(anonymous):
            assert read(Client(), paths[name]).status_code == 200
