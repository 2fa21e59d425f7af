"""The « Rotas » rules of the permission door (accounts/permissions.py), asked directly with
plain objects shaped like the rotas' series, slots and swaps (what the door reads of them:
`.project`, `.series`, `.is_public`, `.invited_ids()`, `.organisation_id`, the two sides of a
swap)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from leviers.testing.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _series(project, *, is_public=True, invited=()):
    series = SimpleNamespace(project=project, is_public=is_public)
    series.invited_ids = lambda: list(invited)
    series.series = series
    return series


def _slot(series, organisation=None):
    return SimpleNamespace(
        project=series.project,
        series=series,
        organisation_id=organisation.pk if organisation else None,
    )


def _swap(series, *, from_organisation=None, to_organisation=None, from_user=None, to_user=None):
    def volunteer(user):
        return SimpleNamespace(user_id=user.pk) if user else None

    return SimpleNamespace(
        project=series.project,
        series=series,
        from_organisation_id=from_organisation.pk if from_organisation else None,
        to_organisation_id=to_organisation.pk if to_organisation else None,
        from_volunteer=volunteer(from_user),
        to_volunteer=volunteer(to_user),
    )


def _team(project, role="membre"):
    return MembershipFactory(organisation=project.organisation, role=role).user


@pytest.mark.parametrize(
    ("project_public", "series_public", "inhabitant_sees"),
    [(True, True, True), (True, False, False), (False, True, False)],
)
def test_a_series_is_seen_by_all_only_when_both_it_and_its_project_are_public(
    project_public, series_public, inhabitant_sees
):
    project = ProjectFactory(is_public=project_public)
    series = _series(project, is_public=series_public)
    assert UserFactory().has_perm("rotas.view_series", series) is inhabitant_sees
    assert AnonymousUser().has_perm("rotas.view_series", series) is inhabitant_sees
    assert _team(project).has_perm("rotas.view_series", series)


@pytest.mark.parametrize("role", ["membre", "animateur", "admin"])
def test_every_team_role_manages_the_rotas_and_nobody_else(role):
    project = ProjectFactory()
    series = _series(project)
    assert _team(project, role).has_perm("rotas.manage", series)
    assert not UserFactory().has_perm("rotas.manage", series)
    assert not MembershipFactory().user.has_perm("rotas.manage", series)


def test_an_invited_association_takes_a_slot_of_an_announced_series_only():
    project = ProjectFactory()
    invited = MembershipFactory()
    outsider = MembershipFactory()
    announced = _series(project, invited=[invited.organisation_id])
    hidden = _series(project, is_public=False, invited=[invited.organisation_id])
    assert invited.user.has_perm("rotas.take_slot", _slot(announced))
    assert not invited.user.has_perm("rotas.take_slot", _slot(hidden))
    assert not outsider.user.has_perm("rotas.take_slot", _slot(announced))
    assert _team(project).has_perm("rotas.take_slot", _slot(hidden))


def test_an_invited_association_of_a_private_project_takes_nothing():
    project = ProjectFactory(is_public=False)
    invited = MembershipFactory()
    series = _series(project, invited=[invited.organisation_id])
    assert not invited.user.has_perm("rotas.take_slot", _slot(series))


def test_a_deactivated_membership_no_longer_takes_nor_holds():
    project = ProjectFactory()
    membership = MembershipFactory()
    series = _series(project, invited=[membership.organisation_id])
    held = _slot(series, membership.organisation)
    membership.is_active = False
    membership.save()
    user = type(membership.user).objects.get(pk=membership.user_id)  # no cached answers
    assert not user.has_perm("rotas.take_slot", _slot(series))
    assert not user.has_perm("rotas.hold_slot", held)


def test_the_holding_association_and_the_team_hold_a_slot():
    project = ProjectFactory()
    holder, other = MembershipFactory(), MembershipFactory()
    slot = _slot(_series(project), holder.organisation)
    assert holder.user.has_perm("rotas.hold_slot", slot)
    assert not other.user.has_perm("rotas.hold_slot", slot)
    assert _team(project).has_perm("rotas.hold_slot", slot)
    assert not holder.user.has_perm("rotas.hold_slot", _slot(_series(project)))  # a free slot


def test_signing_up_needs_an_account_and_an_announced_series_or_the_team():
    project = ProjectFactory()
    announced, hidden = _series(project), _series(project, is_public=False)
    assert UserFactory().has_perm("rotas.sign_up", _slot(announced))
    assert not AnonymousUser().has_perm("rotas.sign_up", _slot(announced))
    assert not UserFactory().has_perm("rotas.sign_up", _slot(hidden))
    assert _team(project).has_perm("rotas.sign_up", _slot(hidden))


def test_only_the_association_asked_answers_a_swap_and_only_the_proposer_withdraws_it():
    series = _series(ProjectFactory())
    proposer, asked = MembershipFactory(), MembershipFactory()
    swap = _swap(
        series, from_organisation=proposer.organisation, to_organisation=asked.organisation
    )
    assert asked.user.has_perm("rotas.answer_swap", swap)
    assert not proposer.user.has_perm("rotas.answer_swap", swap)
    assert proposer.user.has_perm("rotas.withdraw_swap", swap)
    assert not asked.user.has_perm("rotas.withdraw_swap", swap)
    team = _team(series.project, "admin")
    assert not team.has_perm("rotas.answer_swap", swap)
    assert not team.has_perm("rotas.withdraw_swap", swap)


def test_between_volunteers_the_accounts_of_the_two_people_decide():
    series = _series(ProjectFactory())
    anne, paul = UserFactory(), UserFactory()
    swap = _swap(series, from_user=anne, to_user=paul)
    assert paul.has_perm("rotas.answer_swap", swap)
    assert not anne.has_perm("rotas.answer_swap", swap)
    assert anne.has_perm("rotas.withdraw_swap", swap)
    assert not paul.has_perm("rotas.withdraw_swap", swap)
    assert not AnonymousUser().has_perm("rotas.answer_swap", swap)
    assert not AnonymousUser().has_perm("rotas.withdraw_swap", swap)


def test_a_volunteer_without_an_account_is_answered_by_nobody():
    series = _series(ProjectFactory())
    swap = _swap(series, from_user=UserFactory())
    swap.to_volunteer = SimpleNamespace(user_id=None)
    assert not UserFactory().has_perm("rotas.answer_swap", swap)
    assert not AnonymousUser().has_perm("rotas.answer_swap", swap)


def test_an_association_calendar_is_followed_by_its_active_members():
    membership = MembershipFactory()
    assert membership.user.has_perm("rotas.follow_organisation", membership.organisation)
    assert not UserFactory().has_perm("rotas.follow_organisation", membership.organisation)
