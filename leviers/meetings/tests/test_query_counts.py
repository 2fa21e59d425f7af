"""Every page of the meetings app reads a fixed number of queries, on a project with several
meetings, sittings, attendees, copil members and decisions: a query per row would show.
The same pages on a project of 200 meetings: `bench/workspace.py`."""

import datetime as dt

import pytest

from leviers.meetings.models import Attendee, Registration
from leviers.testing.factories import (
    CommitteeMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    SittingFactory,
    UserFactory,
)
from leviers.testing.pins import assert_every_url_pinned, read, url_paths
from leviers.workspace.models import Partner

pytestmark = pytest.mark.django_db

POST_ONLY = {"register"}
# url name: (the project's admin, an anonymous visitor or None when the page is the team's).
# Signed in: session, user, project, partners and roles (the door, once per request).
QUERIES = {
    "list": (6, 2),
    "create": (5, None),
    "feed": (4, 2),
    "attendance_csv": (7, None),
    "detail": (9, 4),
    "edit": (6, None),
    "sitting_create": (9, None),
    "sitting": (9, 5),
    "sitting_edit": (11, None),
    "committee": (8, None),
    "member_create": (8, None),
    "member_edit": (9, None),
    "decisions": (6, 2),
    "decision_create": (6, None),
    "decision": (7, 3),
    "decision_edit": (7, None),
    "team_feed": (6, None),
    "team_feed_ics": (6, 6),
}


@pytest.fixture
def world():
    admin = MembershipFactory(role="admin")
    organisation = admin.organisation
    meeting = MeetingFactory(project__organisation=organisation, registration=True)
    project = meeting.project
    Partner.objects.create(project=project, organisation=OrganisationFactory())
    MeetingFactory(project=project, once=True, title="Réunion publique", kind="publique")
    MeetingFactory(project=project, frequency="mensuelle", is_public=False, kind="copil")
    members = [
        CommitteeMemberFactory(project=project, college=college, organisation=organisation)
        for college in ("elus", "habitants", "agriculteurs")
    ]
    inhabitants = [UserFactory() for _ in range(3)]
    sittings = []
    for day in (dt.date(2026, 6, 6), dt.date(2026, 6, 13), dt.date(2026, 6, 20)):
        sitting = SittingFactory(meeting=meeting, held_on=day, headcount=None)
        for n, member in enumerate(members):
            Attendee.objects.create(
                sitting=sitting, name=member.name, member=member, user=inhabitants[n]
            )
        Attendee.objects.create(sitting=sitting, name="Sans compte")
        sittings.append(sitting)
        for n in range(3):
            DecisionFactory(project=project, sitting=sitting, title=f"Décision {day} {n}")
    for person in inhabitants:
        for occurrence in meeting.occurrences(count=2):
            Registration.objects.create(meeting=meeting, user=person, occurs_on=occurrence.day)
    from leviers.meetings import actions

    values = {
        "token": actions.feed_token_renew(project, admin.user),
        "public_id": project.public_id,
        "meeting_id": meeting.public_id,
        "sitting_id": sittings[-1].public_id,
        "member_id": members[0].public_id,
        "decision_id": project.decisions.filter(sitting__isnull=False).first().public_id,
    }
    return url_paths("meetings", values), admin.user


def test_every_page_of_the_meetings_app_has_its_pin():
    assert_every_url_pinned("meetings", set(QUERIES), POST_ONLY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_admin_reads_a_fixed_number_of_queries(name, world, client, django_assert_num_queries):
    paths, admin = world
    client.force_login(admin)
    with django_assert_num_queries(QUERIES[name][0]):
        assert read(client, paths[name]).status_code == 200


@pytest.mark.parametrize("name", sorted(n for n, (_, anonymous) in QUERIES.items() if anonymous))
def test_an_inhabitant_reads_a_fixed_number_of_queries(
    name, world, client, django_assert_num_queries
):
    paths, _admin = world
    with django_assert_num_queries(QUERIES[name][1]):
        assert read(client, paths[name]).status_code == 200
