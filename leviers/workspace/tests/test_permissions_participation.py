"""The participation block of the permission door: who may contribute online and support."""

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
