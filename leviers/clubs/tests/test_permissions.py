import pytest

from leviers.clubs.tests.factories import (
    ClubFactory,
    ClubMeetingFactory,
    make_facilitator,
    make_member,
)
from leviers.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_facilitator_of_an_organiser_facilitates_the_club_and_not_another():
    club, other = ClubFactory(), ClubFactory()
    facilitator = make_facilitator(club)
    assert facilitator.has_perm("clubs.facilitate_club", club)
    assert facilitator.has_perm("clubs.view_member_area", club)
    assert not facilitator.has_perm("clubs.facilitate_club", other)
    assert not facilitator.has_perm("clubs.view_member_area", other)


def test_admin_of_an_organiser_facilitates_a_plain_member_does_not():
    club = ClubFactory()
    assert make_facilitator(club, role="admin").has_perm("clubs.facilitate_club", club)
    assert not make_facilitator(club, role="membre").has_perm("clubs.facilitate_club", club)


def test_inactive_facilitator_no_longer_facilitates():
    club = ClubFactory()
    membership = MembershipFactory(organisation=club.organisers.first(), role="animateur")
    membership.deactivate()
    assert not membership.user.has_perm("clubs.facilitate_club", club)


def test_member_of_a_member_organisation_sees_the_member_area_only():
    club = ClubFactory()
    member = make_member(club)
    assert member.has_perm("clubs.view_member_area", club)
    assert not member.has_perm("clubs.facilitate_club", club)
    assert not UserFactory().has_perm("clubs.view_member_area", club)


def test_unannounced_meeting_is_for_facilitators():
    meeting = ClubMeetingFactory(is_published=False)
    assert not UserFactory().has_perm("clubs.view_meeting", meeting)
    assert make_facilitator(meeting.club).has_perm("clubs.view_meeting", meeting)
    assert UserFactory(superuser=True).has_perm("clubs.facilitate_club", meeting)
