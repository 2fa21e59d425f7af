"""The project rules of the permission door (accounts/permissions.py), asked directly."""

import pytest
from django.contrib.auth.models import AnonymousUser

from leviers.testing.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("is_public", "anonymous_contributions", "expected"),
    [(True, True, True), (True, False, False), (False, True, False)],
)
def test_anonymous_contributes_only_on_a_public_project_that_accepts_it(
    is_public, anonymous_contributions, expected
):
    project = ProjectFactory(is_public=is_public, anonymous_contributions=anonymous_contributions)
    assert AnonymousUser().has_perm("participation.contribute", project) is expected


def test_signed_in_inhabitant_contributes_to_a_public_project_not_a_private_one():
    inhabitant = UserFactory()
    assert inhabitant.has_perm("participation.contribute", ProjectFactory())
    assert not inhabitant.has_perm("participation.contribute", ProjectFactory(is_public=False))


def test_team_member_contributes_and_supports_on_a_private_project():
    project = ProjectFactory(is_public=False)
    member = MembershipFactory(organisation=project.organisation).user
    assert member.has_perm("participation.contribute", project)
    assert member.has_perm("participation.support", project)


def test_nobody_supports_without_an_account():
    assert not AnonymousUser().has_perm("participation.support", ProjectFactory())


@pytest.mark.parametrize(
    ("role", "view_workspace", "moderate", "manage"),
    [
        ("membre", True, False, False),
        ("animateur", True, True, False),
        ("admin", True, True, True),
    ],
)
def test_roles_in_the_leading_organisation(role, view_workspace, moderate, manage):
    project = ProjectFactory()
    user = MembershipFactory(organisation=project.organisation, role=role).user
    assert user.has_perm("workspace.view_workspace", project) is view_workspace
    assert user.has_perm("workspace.moderate", project) is moderate
    assert user.has_perm("workspace.manage_project", project) is manage


def test_a_private_project_is_seen_by_its_team_only():
    project = ProjectFactory(is_public=False)
    outsider = MembershipFactory().user  # a member of another organisation
    member = MembershipFactory(organisation=project.organisation).user
    assert not AnonymousUser().has_perm("workspace.view_project", project)
    assert not outsider.has_perm("workspace.view_project", project)
    assert member.has_perm("workspace.view_project", project)


def test_a_deactivated_membership_opens_nothing():
    project = ProjectFactory()
    membership = MembershipFactory(organisation=project.organisation, role="admin")
    membership.is_active = False
    membership.save()
    assert not membership.user.has_perm("workspace.view_workspace", project)


def test_an_object_of_the_workspace_is_judged_by_its_project():
    from types import SimpleNamespace

    project = ProjectFactory(is_public=False)
    member = MembershipFactory(organisation=project.organisation).user
    thing = SimpleNamespace(project=project)  # a contribution, a meeting...
    assert member.has_perm("workspace.edit_workspace", thing)
    assert not UserFactory().has_perm("workspace.view_project", thing)
