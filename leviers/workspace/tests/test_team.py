"""Who is in a project's team: the leading organisation and its co-leads, not plain partners."""

import pytest

from leviers.testing.factories import MembershipFactory, ProjectFactory
from leviers.workspace.models import Partner, Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "sees_workspace"), [("copilote", True), ("partenaire", False)])
def test_a_co_lead_is_in_the_team_a_plain_partner_is_not(role, sees_workspace):
    project = ProjectFactory(is_public=False)
    membership = MembershipFactory()
    Partner.objects.create(project=project, organisation=membership.organisation, role=role)
    assert membership.user.has_perm("workspace.view_workspace", project) is sees_workspace
    listed = Project.objects.with_workspace_for(membership.user)
    assert list(listed) == ([project] if sees_workspace else [])
