"""Every page of the participation app reads a fixed number of queries, on a project with
several contributions (of every provenance, tagged, grouped, some waiting), proposals with
supports, meetings and decisions: a query per row would show. The same pages on a project of
5,000 contributions: `bench/workspace.py`."""

import datetime as dt

import pytest

from leviers.meetings.recurrence import PARIS
from leviers.participation.models import ContributionGroup, Tag
from leviers.testing.factories import (
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    ProposalFactory,
    UserFactory,
)
from leviers.testing.pins import assert_every_url_pinned, read, url_paths
from leviers.workspace.models import Partner

pytestmark = pytest.mark.django_db

POST_ONLY = {"support", "paper-supports"}
# url name: (the project's admin, an anonymous visitor or None when the page is the team's).
# Signed in: session, user, project, partners and roles (the door, once per request).
QUERIES = {
    "project": (12, 8),
    "contributions": (6, 4),
    "contribute": (3, 1),
    "thanks": (3, 1),
    "proposals": (5, 3),
    "proposal": (9, 4),
    "dashboard": (13, None),
    "record": (5, None),
    "moderation": (8, None),
    "moderate": (8, None),
    "csv": (7, None),
    "campaign": (6, None),
    "proposal-new": (5, None),
    "proposal-answer": (8, None),
    "report": (13, None),
    "report-pdf": (13, None),
}


@pytest.fixture
def world():
    admin = MembershipFactory(role="admin")
    project = ProjectFactory(organisation=admin.organisation, anonymous_contributions=True)
    Partner.objects.create(project=project, organisation=OrganisationFactory())
    tags = [Tag.objects.create(project=project, name=name) for name in ("marché", "jeunes")]
    group = ContributionGroup.objects.create(project=project, title="Horaires")
    today = dt.date.today()
    contributions = []
    for n in range(8):
        contribution = ContributionFactory(
            project=project,
            collected=n % 2 == 0,
            place=f"Rue {n % 3}",
            author=UserFactory() if n % 2 else None,
            status="a-moderer" if n == 7 else "publiee",
            group=group if n % 3 == 0 else None,
            wants_contact=n == 1,
            contact="a@b.fr" if n == 1 else "",
            collected_on=today - dt.timedelta(days=40 * n),
        )
        contribution.tags.set(tags)
        contributions.append(contribution)
    decisions = [DecisionFactory(project=project, title=f"Décision {n}") for n in range(3)]
    proposals = []
    for n in range(3):
        proposal = ProposalFactory(
            project=project,
            contributions=contributions[n : n + 3],
            decision=decisions[n],
            status="retenue",
            answer="Le conseil l'a retenue.",
            answered_at=dt.datetime.now(PARIS),
        )
        for _ in range(2):
            proposal.supports.create(user=UserFactory())
        proposals.append(proposal)
    soon = dt.datetime.now(PARIS) + dt.timedelta(days=3)
    MeetingFactory(project=project, once=True, starts_at=soon)
    MeetingFactory(project=project, starts_at=soon - dt.timedelta(days=60))
    values = {
        "public_id": project.public_id,
        "contribution_id": contributions[0].public_id,
        "proposal_id": proposals[0].public_id,
    }
    return url_paths("participation", values), admin.user


def test_every_page_of_the_participation_app_has_its_pin():
    assert_every_url_pinned("participation", set(QUERIES), POST_ONLY)


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
