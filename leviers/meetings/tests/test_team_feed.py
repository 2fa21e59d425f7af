"""The team's private calendar feed: a secret, revocable address per person and project, kept
hashed, serving every meeting (the team's too) while its holder is of the team."""

import re

import icalendar
import pytest
from django.urls import reverse

from leviers.accounts.models import hash_token
from leviers.meetings.models import FeedToken
from leviers.testing.factories import MeetingFactory, MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    project = ProjectFactory(is_public=False)
    MeetingFactory(project=project, title="Réunion publique")
    MeetingFactory(project=project, title="Copil à huis clos", is_public=False)
    membership = MembershipFactory(organisation=project.organisation)
    return project, membership


def _new_address(client, project) -> str:
    response = client.post(
        reverse("meetings:team_feed", args=[project.public_id]), {"action": "creer"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    (url,) = re.findall(r'value="(http://testserver/[^"]+\.ics)"', response.content.decode())
    return url.removeprefix("http://testserver")


def _titles(response) -> list[str]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_the_secret_address_serves_every_meeting_of_a_private_project_without_signing_in(
    client, team
):
    project, membership = team
    client.force_login(membership.user)
    address = _new_address(client, project)
    calendar_app = type(client)()  # no session, as a calendar application
    response = calendar_app.get(address)
    assert response.status_code == 200
    assert _titles(response) == ["Copil à huis clos", "Réunion publique"]
    assert FeedToken.objects.get().last_used_at is not None
    # The public feed of a private project stays closed to it.
    public = calendar_app.get(reverse("meetings:feed", args=[project.public_id]))
    assert public.status_code == 302


def test_the_token_is_kept_hashed_never_in_clear(client, team):
    project, membership = team
    client.force_login(membership.user)
    token = _new_address(client, project).rsplit("/", 1)[1].removesuffix(".ics")
    stored = FeedToken.objects.get()
    assert stored.token_hash == hash_token(token)
    assert token not in stored.token_hash
    # The page, read again, never shows it.
    page = client.get(reverse("meetings:team_feed", args=[project.public_id]))
    assert token not in page.content.decode()


def test_a_new_address_revokes_the_former_one(client, team):
    project, membership = team
    client.force_login(membership.user)
    first = _new_address(client, project)
    second = _new_address(client, project)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_revoking_closes_the_address(client, team):
    project, membership = team
    client.force_login(membership.user)
    address = _new_address(client, project)
    response = client.post(
        reverse("meetings:team_feed", args=[project.public_id]), {"action": "revoquer"}
    )
    assert response.status_code == 302
    assert client.get(address).status_code == 404
    assert not FeedToken.objects.exists()


def test_the_address_stops_when_its_holder_leaves_the_team(client, team):
    project, membership = team
    client.force_login(membership.user)
    address = _new_address(client, project)
    membership.is_active = False
    membership.save()
    assert type(client)().get(address).status_code == 404


def test_a_token_of_another_project_or_a_made_up_one_is_a_404(client, team):
    project, membership = team
    client.force_login(membership.user)
    token = _new_address(client, project).rsplit("/", 1)[1].removesuffix(".ics")
    other = ProjectFactory(organisation=project.organisation)
    url = reverse("meetings:team_feed_ics", args=[other.public_id, token])
    assert client.get(url).status_code == 404
    made_up = reverse("meetings:team_feed_ics", args=[project.public_id, "x" * 32])
    assert client.get(made_up).status_code == 404


def test_the_feed_is_read_in_a_fixed_number_of_queries(client, team, django_assert_num_queries):
    project, membership = team
    client.force_login(membership.user)
    address = _new_address(client, project)
    calendar_app = type(client)()
    # project, token with its holder, the project's partners and the holder's roles (the
    # door), last read, meetings
    with django_assert_num_queries(6):
        calendar_app.get(address)
