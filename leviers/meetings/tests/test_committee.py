"""The copil: members by college, with or without accounts; its balance; its meetings and
decisions."""

from html import unescape

import pytest
from django.urls import reverse

from leviers.meetings.models import CommitteeMember
from leviers.testing.factories import (
    CommitteeMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def team_client(client, project):
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    return client


@pytest.mark.django_db
def test_a_member_without_an_account_needs_a_name_and_a_college(team_client, project):
    url = reverse("meetings:member_create", args=[project.public_id])
    response = team_client.post(url, {"college": "agriculteurs", "name": "Gérard, GAEC du Pré"})
    assert response["Location"] == reverse("meetings:committee", args=[project.public_id])
    member = project.committee.get()
    assert (member.college, member.user, member.is_active) == ("agriculteurs", None, True)
    assert team_client.post(url, {"college": "", "name": ""}).status_code == 400
    assert project.committee.count() == 1


@pytest.mark.django_db
def test_an_account_is_chosen_among_the_people_the_project_knows(team_client, project):
    stranger = UserFactory()
    url = reverse("meetings:member_create", args=[project.public_id])
    form = team_client.get(url).context["form"]
    assert stranger not in form.fields["user"].queryset
    response = team_client.post(url, {"college": "habitants", "name": "X", "user": stranger.pk})
    assert response.status_code == 400
    assert not CommitteeMember.objects.exists()


@pytest.mark.django_db
def test_the_copil_page_shows_its_balance_meetings_and_decisions(
    team_client, project, django_assert_num_queries
):
    for college, count in (("elus", 5), ("associations", 2), ("habitants", 1)):
        CommitteeMemberFactory.create_batch(count, project=project, college=college)
    CommitteeMemberFactory(project=project, college="elus", is_active=False, name="Ancien maire")
    MeetingFactory(project=project, kind="copil", title="Copil trimestriel")
    DecisionFactory(project=project, body="copil", title="Choisir le lieu")
    DecisionFactory(
        project=project,
        body="conseil-municipal",
        method="deliberation",
        deliberation_number="12",
        title="Voter le budget",
    )
    # session, user, project, roles, partners, members, meetings, decisions
    with django_assert_num_queries(8):
        response = team_client.get(reverse("meetings:committee", args=[project.public_id]))
    page = unescape(response.content.decode())
    assert "Déséquilibré : le collège « Élus » détient 5 sièges sur 8 (62 %)." in page
    assert "Sans représentant : Artisans et commerçants, Agriculteurs, Partenaires." in page
    assert "Ancien maire" in page and "Copil trimestriel" in page
    assert "Choisir le lieu" in page and "Voter le budget" not in page


@pytest.mark.django_db
def test_a_member_who_leaves_no_longer_counts(team_client, project):
    member = CommitteeMemberFactory(project=project, college="elus")
    url = reverse("meetings:member_edit", args=[project.public_id, member.public_id])
    team_client.post(url, {"college": "elus", "name": member.name})  # is_active unticked
    response = team_client.get(reverse("meetings:committee", args=[project.public_id]))
    assert response.context["balance"].total == 0
