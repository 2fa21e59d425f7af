"""The public page (what, where, next meeting, how to take part) and the workspace dashboard:
what they show, in a pinned number of queries."""

import datetime as dt
import html
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from leviers.testing.factories import (
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectFactory,
    ProposalFactory,
    make_series,
)

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _busy_project():
    project = ProjectFactory(anonymous_contributions=True)
    for _ in range(7):
        ContributionFactory(project=project)
    ContributionFactory(project=project, collected=True)
    ContributionFactory(project=project, status="a-moderer", text="En attente de relecture.")
    for _ in range(3):
        ProposalFactory(project=project)
    return project


def test_public_page_says_what_where_next_meeting_and_how_to_take_part(
    client, django_assert_num_queries
):
    project = _busy_project()
    next_saturday = timezone.now().astimezone(PARIS) + dt.timedelta(days=3)
    MeetingFactory(project=project, once=True, starts_at=next_saturday, title="Réunion du samedi")
    # project with organisation and territory, partners, latest contributions, their tags,
    # published count, proposals with their supports, the next meeting, the rotas' series
    make_series(project=project, title="Guinguette du vendredi")
    make_series(project=project, title="Préparation", is_public=False)
    with django_assert_num_queries(8):
        response = client.get(project.get_absolute_url())
    page = html.unescape(response.content.decode())
    assert "Guinguette du vendredi" in page and "Préparation" not in page
    assert project.title in page and "Pommerieux" in page
    assert "Réunion du samedi" in page and "Salle des fêtes" in page
    assert reverse("participation:contribute", args=[project.public_id]) in page
    assert "avec ou sans compte" in page
    assert "(8)" in page  # published contributions, the one waiting for moderation apart
    assert "En attente de relecture." not in page


def test_public_page_without_meeting_says_so(client):
    project = ProjectFactory()
    page = html.unescape(client.get(project.get_absolute_url()).content.decode())
    assert "Aucune réunion n'est annoncée" in page


def test_dashboard_counts_what_came_in_and_what_waits(client, django_assert_num_queries):
    project = _busy_project()
    DecisionFactory(project=project, title="Ouvrir le vendredi")
    client.force_login(MembershipFactory(organisation=project.organisation, role="admin").user)
    url = reverse("participation:dashboard", args=[project.public_id])
    # session, user, project, memberships, partners (door); figures, by provenance, pending,
    # their tags, proposals, upcoming meetings, decisions, funding deadlines, (moderate: roles
    # cached)
    with django_assert_num_queries(13):
        response = client.get(url)
    figures = response.context["figures"]
    assert (figures["total"], figures["pending"], figures["door"]) == (9, 1, 1)
    page = response.content.decode()
    assert "En attente de relecture." in page
    assert "Ouvrir le vendredi" in page


def test_answer_names_its_decision_on_the_proposal_and_in_the_mail(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    contribution = ContributionFactory(
        project=project, collected=True, wants_contact=True, contact="voisine@example.org"
    )
    proposal = ProposalFactory(project=project, contributions=[contribution])
    decision = DecisionFactory(
        project=project, method="vote", votes_for=9, votes_against=2, title="Bancs votés"
    )
    foreign_decision = DecisionFactory()
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:proposal-answer", args=[project.public_id, proposal.public_id])
    refused = client.post(
        url, {"status": "retenue", "answer": "Oui.", "decision": foreign_decision.pk}
    )
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "retenue", "answer": "Oui.", "decision": decision.pk})
    proposal.refresh_from_db()
    assert proposal.decision == decision
    assert "Bancs votés" in client.get(proposal.get_absolute_url()).content.decode()
    assert "9 pour, 2 contre" in mail.outbox[0].body
