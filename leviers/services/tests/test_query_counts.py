"""Every page of the directory reads a fixed number of queries, whatever the number of
services around (a query per service would show): the commune with its outline, the communes
around, the services, the France Services sites (and the town hall for the sheet)."""

import pytest

from leviers.services.models import Service
from leviers.testing.factories import MembershipFactory, OrganisationFactory
from leviers.testing.pins import assert_every_url_pinned, read, url_paths

pytestmark = pytest.mark.django_db

POST_ONLY: set[str] = set()
# url name: (a member of the commune signed in, an anonymous visitor or None).
# Signed in: session and user, then the door (membership of the commune, network facilitator).
QUERIES = {
    "directory": (7, 4),
    "sheet": (7, 5),
    "sheet_pdf": (5, 5),
    "detail": (4, 1),
    "create": (4, None),
    "edit": (4, None),
}


@pytest.fixture
def world(directory):
    local = Service.objects.get(public_id="visites000001")
    for n in range(20):
        Service.objects.create(
            structure=local.structure,
            name=f"Service {n}",
            commune=directory,
            local_themes=["aide-a-domicile"],
            phone="0600000000",
        )
    values = {"code": directory.code, "public_id": local.public_id}
    paths = url_paths("services", values)
    paths["directory"] += "?commune=53180&distance=30"
    member = MembershipFactory(organisation=OrganisationFactory(commune_of=True)).user
    return paths, member


def test_every_page_of_the_directory_has_its_pin():
    assert_every_url_pinned("services", set(QUERIES), POST_ONLY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_member_reads_a_fixed_number_of_queries(name, world, client, django_assert_num_queries):
    paths, member = world
    client.force_login(member)
    with django_assert_num_queries(QUERIES[name][0]):
        assert read(client, paths[name]).status_code == 200


@pytest.mark.parametrize("name", sorted(n for n, (_, anonymous) in QUERIES.items() if anonymous))
def test_a_visitor_reads_a_fixed_number_of_queries(name, world, client, django_assert_num_queries):
    paths, _member = world
    with django_assert_num_queries(QUERIES[name][1]):
        assert read(client, paths[name]).status_code == 200
