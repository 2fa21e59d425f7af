"""Every page of the workspace app reads a fixed number of queries, on a project with several
partners, team members, roles, stage changes and activities: a query per row would show.
The same pages on a busy project: `bench/workspace.py`."""

import pytest

from leviers.testing.factories import MembershipFactory, OrganisationFactory, ProjectFactory
from leviers.testing.pins import assert_every_url_pinned, read, url_paths
from leviers.workspace import activity
from leviers.workspace.models import NotificationPreference, Partner, StageChange, TeamRole

pytestmark = pytest.mark.django_db

POST_ONLY = {"partner-remove"}
# Signed in as the project's admin: session and user, then the project and the door.
QUERIES = {
    "mine": 4,
    "new": 5,
    "notifications": 3,
    "settings": 8,
    "stage": 6,
    "partners": 6,
    "team": 8,
    "activity": 6,
}


@pytest.fixture
def world():
    admin = MembershipFactory(role="admin")
    project = ProjectFactory(organisation=admin.organisation)
    ProjectFactory(organisation=admin.organisation)
    for n in range(3):
        partner = Partner.objects.create(project=project, organisation=OrganisationFactory())
        member = MembershipFactory(organisation=partner.organisation)
        TeamRole.objects.create(project=project, user=member.user, function=f"Rôle {n}")
        StageChange.objects.create(
            project=project, from_stage="idee", to_stage="etude", changed_by=member.user
        )
        activity.record(project, "meeting", f"Réunion {n}", "/projets/x/", actor=member.user)
    NotificationPreference.objects.create(user=admin.user)  # the first visit creates it
    values = {"public_id": project.public_id, "organisation_id": partner.organisation.public_id}
    return url_paths("workspace", values), admin.user


def test_every_page_of_the_workspace_app_has_its_pin():
    assert_every_url_pinned("workspace", set(QUERIES), POST_ONLY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_admin_reads_a_fixed_number_of_queries(name, world, client, django_assert_num_queries):
    paths, admin = world
    client.force_login(admin)
    with django_assert_num_queries(QUERIES[name]):
        assert read(client, paths[name]).status_code == 200
