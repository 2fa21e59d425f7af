"""The « Financement » rules of the permission door (accounts/permissions.py), asked directly:
the team reads the plan, the admins and members of a leading organisation change it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from leviers.testing.factories import (
    ApplicationFactory,
    DeadlineFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from leviers.workspace.models import Partner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [("admin", True, True), ("membre", True, True), ("animateur", True, False)],
)
def test_the_team_reads_and_its_admins_and_members_edit(role, view, edit):
    application = ApplicationFactory()
    user = MembershipFactory(organisation=application.project.organisation, role=role).user
    deadline = DeadlineFactory(application=application)
    for obj in (application.project, application, deadline):
        assert user.has_perm("funding.view_plan", obj) is view
        assert user.has_perm("funding.edit_plan", obj) is edit


def test_a_co_leading_organisation_edits_too():
    application = ApplicationFactory()
    partner = OrganisationFactory()
    Partner.objects.create(project=application.project, organisation=partner, role="copilote")
    user = MembershipFactory(organisation=partner, role="membre").user
    assert user.has_perm("funding.edit_plan", application)


def test_nobody_outside_the_team_reads_even_a_public_projects_plan():
    application = ApplicationFactory(project__is_public=True)
    deactivated = MembershipFactory(organisation=application.project.organisation, is_active=False)
    for user in (AnonymousUser(), UserFactory(), deactivated.user):
        assert not user.has_perm("funding.view_plan", application)
        assert not user.has_perm("funding.edit_plan", application)
