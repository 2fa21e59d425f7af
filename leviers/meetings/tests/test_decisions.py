"""The decision log: who decided, when, how (consensus, vote with counts, deliberation number),
optionally at a sitting."""

from datetime import date
from html import unescape

import pytest
from django.db import IntegrityError
from django.urls import reverse

from leviers.meetings.models import Decision
from leviers.testing.factories import (
    DecisionFactory,
    MembershipFactory,
    ProjectFactory,
    SittingFactory,
)


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def team_client(client, project):
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    return client


def _create(client, project, query="", **data):
    url = reverse("meetings:decision_create", args=[project.public_id]) + query
    return client.post(url, {"title": "Ouvrir le vendredi", "body": "copil"} | data)


@pytest.mark.django_db
def test_a_vote_keeps_its_counts(team_client, project):
    response = _create(
        team_client,
        project,
        method="vote",
        decided_on="2026-06-12",
        votes_for="9",
        votes_against="2",
        abstentions="1",
    )
    decision = project.decisions.get()
    assert response["Location"] == decision.get_absolute_url()
    assert decision.how() == "Vote (comité de pilotage) : 9 pour, 2 contre, 1 abstention"
    assert decision.recorded_by is not None


@pytest.mark.django_db
def test_a_council_deliberation_keeps_its_number(team_client, project):
    _create(
        team_client,
        project,
        method="deliberation",
        body="conseil-municipal",
        decided_on="2026-06-30",
        deliberation_number="2026-041",
    )
    assert project.decisions.get().how() == "Délibération n° 2026-041 (conseil municipal)"


@pytest.mark.django_db
def test_a_decision_taken_at_a_sitting_takes_its_date(team_client, project):
    sitting = SittingFactory(meeting__project=project, held_on=date(2026, 6, 20))
    _create(
        team_client, project, f"?seance={sitting.public_id}", method="consensus", sitting=sitting.pk
    )
    decision = project.decisions.get()
    assert (decision.sitting, decision.decided_on) == (sitting, date(2026, 6, 20))
    page = team_client.get(sitting.get_absolute_url()).content.decode()
    assert decision.title in page


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"method": "vote", "votes_for": "3"}, "votes_against", "Un vote indique le nombre"),
        ({"method": "consensus", "votes_for": "3"}, "votes_for", "que pour un vote"),
        ({"method": "deliberation"}, "deliberation_number", "Une délibération porte son numéro."),
        (
            {"method": "consensus", "deliberation_number": "12"},
            "deliberation_number",
            "ne vaut que pour une délibération",
        ),
        ({"method": "consensus", "decided_on": ""}, "decided_on", "Indiquez la date"),
    ],
)
@pytest.mark.django_db
def test_a_wrong_decision_says_what_and_saves_nothing(team_client, project, data, field, message):
    response = _create(team_client, project, **({"decided_on": "2026-06-12"} | data))
    assert response.status_code == 400
    assert message in unescape(" ".join(response.context["form"].errors[field]))
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_sitting_of_another_project_cannot_be_chosen(team_client, project):
    elsewhere = SittingFactory()
    response = _create(
        team_client, project, method="consensus", sitting=elsewhere.pk, decided_on="2026-06-12"
    )
    assert "sitting" in response.context["form"].errors
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_vote_without_counts():
    with pytest.raises(IntegrityError):
        DecisionFactory(method="vote")


@pytest.mark.django_db
def test_the_log_lists_newest_first_in_fixed_queries(client, project, django_assert_num_queries):
    sitting = SittingFactory(meeting__project=project)
    for day in (3, 1, 2):
        DecisionFactory(project=project, decided_on=date(2026, 6, day), sitting=sitting)
    with django_assert_num_queries(2):  # the project, the decisions with their sittings
        response = client.get(reverse("meetings:decisions", args=[project.public_id]))
    assert [d.decided_on.day for d in response.context["decisions"]] == [3, 2, 1]
    assert list(Decision.objects.of_project(project)) == response.context["decisions"]
