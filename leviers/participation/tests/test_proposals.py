"""Proposals drawn from contributions, supports, and the answer published to the
contributors concerned."""

import pytest
from django.core import mail
from django.urls import reverse

from leviers.participation.models import Proposal
from leviers.testing.factories import (
    ContributionFactory,
    MembershipFactory,
    ProjectFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_team_draws_a_proposal_from_checked_contributions(client):
    project = ProjectFactory()
    first, second = ContributionFactory(project=project), ContributionFactory(project=project)
    ContributionFactory(project=project)  # not checked
    foreign = ContributionFactory()  # of another project: ignored
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-new", args=[project.public_id])
    checked = [first.public_id, second.public_id, foreign.public_id]
    form_page = client.get(url, {"c": checked})
    assert len(form_page.context["form"].fields["c"].choices) == 2
    refused = client.post(url, {"c": checked, "title": "Des bancs", "text": "Au bord de l'eau."})
    assert refused.status_code == 400  # a contribution of another project is no choice
    assert not Proposal.objects.exists()
    response = client.post(url, {"c": checked[:2], "title": "Des bancs", "text": "Au bord."})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert set(proposal.contributions.all()) == {first, second}


def test_proposal_without_any_contribution_changes_nothing(client):
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-new", args=[project.public_id])
    response = client.post(url, {"title": "Des bancs", "text": "Au bord de l'eau."})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_a_group_becomes_a_proposal(client):
    project = ProjectFactory()
    group = project.contribution_groups.create(title="Horaires")
    grouped = [ContributionFactory(project=project, group=group) for _ in range(2)]
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-new", args=[project.public_id])
    response = client.post(
        url,
        {
            "groupe": group.public_id,
            "c": [c.public_id for c in grouped],
            "title": "Horaires",
            "text": "Ouvrir plus tard.",
        },
    )
    assert response.status_code == 302
    assert Proposal.objects.get().contributions.count() == 2


def test_inhabitant_supports_once_then_withdraws(client):
    proposal = ProposalFactory()
    client.force_login(UserFactory())
    url = reverse("participation:support", args=[proposal.project.public_id, proposal.public_id])
    client.post(url)
    client.post(url)
    assert proposal.supports.count() == 1
    client.post(url, {"retirer": "1"})
    assert proposal.supports.count() == 0


def test_answered_proposal_takes_no_more_support(client):
    proposal = ProposalFactory(status=Proposal.Status.ADOPTED)
    client.force_login(UserFactory())
    client.post(
        reverse("participation:support", args=[proposal.project.public_id, proposal.public_id])
    )
    assert proposal.supports.count() == 0


def test_answer_is_published_and_sent_once_to_each_contributor_who_may_be_written_to(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    inhabitant = UserFactory(email="habitant@example.org")
    contributions = [
        ContributionFactory(project=project, author=inhabitant),
        ContributionFactory(project=project, author=inhabitant),  # the same person: one mail
        ContributionFactory(
            project=project, collected=True, wants_contact=True, contact="voisine@example.org"
        ),
        ContributionFactory(project=project, collected=True, wants_contact=True, contact="02 43"),
        ContributionFactory(project=project, collected=True),  # no consent: no mail
    ]
    proposal = ProposalFactory(project=project, contributions=contributions)
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-answer", args=[project.public_id, proposal.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "retenue", "answer": "Le conseil a voté les bancs."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ADOPTED and proposal.answered_at
    assert sorted(to for m in mail.outbox for to in m.to) == [
        "habitant@example.org",
        "voisine@example.org",
    ]
    assert "Le conseil a voté les bancs." in mail.outbox[0].body
    assert proposal.get_absolute_url() in mail.outbox[0].body
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Le conseil a voté les bancs." in page


def test_answer_cannot_be_empty(client):
    proposal = ProposalFactory()
    project = proposal.project
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-answer", args=[project.public_id, proposal.public_id])
    assert client.post(url, {"status": "retenue", "answer": ""}).status_code == 400
    proposal.refresh_from_db()
    assert proposal.answered_at is None and proposal.status == Proposal.Status.OPEN


def test_paper_supports_add_to_the_online_ones(client):
    proposal = ProposalFactory()
    project = proposal.project
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    client.post(
        reverse("participation:paper-supports", args=[project.public_id, proposal.public_id]),
        {"soutiens": "12"},
    )
    client.post(reverse("participation:support", args=[project.public_id, proposal.public_id]))
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "13 soutien(s)" in page


def test_paper_supports_refuse_a_negative_count(client):
    proposal = ProposalFactory(paper_supports=4)
    project = proposal.project
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    client.post(
        reverse("participation:paper-supports", args=[project.public_id, proposal.public_id]),
        {"soutiens": "-3"},
    )
    proposal.refresh_from_db()
    assert proposal.paper_supports == 4
