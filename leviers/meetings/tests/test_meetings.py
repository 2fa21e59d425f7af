"""Meetings: planned through the form (one-off or recurring), listed, registered for."""

from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from leviers.meetings.models import Meeting, Registration
from leviers.testing.factories import (
    MeetingFactory,
    MembershipFactory,
    ProjectFactory,
    SittingFactory,
    UserFactory,
)

SATURDAY = {
    "title": "Réunion du samedi",
    "kind": "publique",
    "is_public": "on",
    "place": "Salle des fêtes",
    "starts_at": "2026-06-06T10:00",
    "duration_minutes": "120",
    "frequency": "hebdomadaire",
    "skipped_months": ["8"],
    "cancelled_dates": "11/07/2026",
    "agenda": "Tour de table",
}


@pytest.fixture
def team_client(client):
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    client.project = project
    return client


@pytest.mark.django_db
def test_every_saturday_except_august_is_planned_in_one_form(team_client):
    project = team_client.project
    response = team_client.post(reverse("meetings:create", args=[project.public_id]), SATURDAY)
    meeting = project.meetings.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.skipped_months == [8] and meeting.cancelled_dates == ["2026-07-11"]
    assert meeting.describe() == "tous les samedis à 10 h 00, sauf en août, à partir du 6 juin 2026"


@pytest.mark.django_db
def test_a_new_meeting_form_starts_with_no_cancelled_date(team_client):
    page = team_client.get(reverse("meetings:create", args=[team_client.project.public_id]))
    assert page.context["form"]["cancelled_dates"].value() == ""


@pytest.mark.django_db
def test_an_edited_meeting_shows_its_cancelled_dates_in_french(team_client):
    meeting = MeetingFactory(project=team_client.project, cancelled_dates=["2026-07-11"])
    page = team_client.get(
        reverse("meetings:edit", args=[meeting.project.public_id, meeting.public_id])
    )
    assert page.context["form"]["cancelled_dates"].value() == "11/07/2026"
    assert page.context["form"]["skipped_months"].value() == ["8"]


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"skipped_months": ["6"]}, "skipped_months", "La première date tombe en juin"),
        (
            {"cancelled_dates": "12/07/2026"},
            "cancelled_dates",
            "Pas de réunion prévue le 12/07/2026",
        ),
        ({"cancelled_dates": "le 14 juillet"}, "cancelled_dates", "Ligne 1 : « le 14 juillet »"),
        (
            {"frequency": "", "skipped_months": []},
            "cancelled_dates",
            "ne vaut que pour une réunion",
        ),
        ({"until": "2026-05-01"}, "until", "La date de fin précède la première date."),
        ({"skipped_months": [str(m) for m in range(1, 13)]}, "skipped_months", "au moins un mois"),
    ],
)
@pytest.mark.django_db
def test_a_wrong_meeting_form_says_what_and_where_and_saves_nothing(
    team_client, change, field, message
):
    project = team_client.project
    response = team_client.post(
        reverse("meetings:create", args=[project.public_id]), SATURDAY | change
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.filter(project=project).exists()


@pytest.mark.django_db
def test_the_list_shows_inhabitants_the_announced_meetings_only(client, django_assert_num_queries):
    project = ProjectFactory()
    for n in range(5):
        SittingFactory(meeting=MeetingFactory(project=project, title=f"Atelier {n}"))
    MeetingFactory(project=project, title="Copil à huis clos", is_public=False)
    with django_assert_num_queries(2):  # the project, its meetings with their sitting counts
        response = client.get(reverse("meetings:list", args=[project.public_id]))
    assert len(response.context["meetings"]) == 5
    assert "Copil à huis clos" not in response.content.decode()
    assert len(response.context["upcoming"]) == 10


@pytest.mark.django_db
def test_the_team_sees_every_meeting(team_client, django_assert_num_queries):
    project = team_client.project
    MeetingFactory(project=project)
    MeetingFactory(project=project, title="Copil à huis clos", is_public=False)
    # session, user, project, roles (view_workspace), partners, meetings
    with django_assert_num_queries(6):
        response = team_client.get(reverse("meetings:list", args=[project.public_id]))
    assert "Copil à huis clos" in response.content.decode()


@pytest.mark.django_db
def test_upcoming_gives_the_next_public_occurrences_soonest_first():
    project = ProjectFactory()
    saturday = MeetingFactory(project=project)
    MeetingFactory(project=project, is_public=False, title="Copil")
    now = timezone.now()
    first = Meeting.objects.next_for(project, now=now)
    assert first.meeting == saturday and first.starts_at == saturday.next_occurrence(now)
    upcoming = Meeting.objects.upcoming(project, limit=3, now=now)
    assert [o.meeting for o in upcoming] == [saturday] * 3
    assert upcoming == sorted(upcoming, key=lambda o: o.starts_at)
    assert len(Meeting.objects.upcoming(project, public_only=False, limit=4, now=now)) == 4


@pytest.mark.django_db
def test_a_past_one_off_meeting_is_not_upcoming():
    meeting = MeetingFactory(once=True)  # 6 June 2026
    assert Meeting.objects.next_for(meeting.project) is None
    assert meeting.next_occurrence() is None


def _register(client, meeting, day) -> str:
    """The page shown after the registration form, as text."""
    return unescape(_post_registration(client, meeting, day).content.decode())


def _post_registration(client, meeting, day):
    return client.post(
        reverse("meetings:register", args=[meeting.project.public_id, meeting.public_id]),
        {"date": day.isoformat()},
        follow=True,
    )


@pytest.mark.django_db
def test_an_inhabitant_registers_for_a_date_and_cancels(client):
    meeting = MeetingFactory(registration=True)
    day = meeting.next_occurrence().date()
    person = UserFactory()
    client.force_login(person)
    assert f"Vous êtes inscrit pour le {day:%d/%m/%Y}." in _register(client, meeting, day)
    assert Registration.objects.filter(meeting=meeting, user=person, occurs_on=day).exists()
    assert "Votre inscription" in _register(client, meeting, day)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_last_seat_goes_once(client):
    meeting = MeetingFactory(registration=True, capacity=1)
    day = meeting.next_occurrence().date()
    Registration.objects.create(meeting=meeting, user=UserFactory(), occurs_on=day)
    client.force_login(UserFactory())
    page = _register(client, meeting, day)
    assert "Inscription impossible : Il n'y a plus de place à cette date." in page
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "day, message",
    [
        (date(2026, 6, 6), "La réunion n'a pas lieu à cette date."),  # past
        (date(2027, 8, 7), "La réunion n'a pas lieu à cette date."),  # a Saturday of August
        (date(2027, 3, 8), "La réunion n'a pas lieu à cette date."),  # a Monday
    ],
)
@pytest.mark.django_db
def test_registration_only_for_a_coming_date_of_the_meeting(client, day, message):
    meeting = MeetingFactory(registration=True)
    client.force_login(UserFactory())
    assert message in _register(client, meeting, day)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_no_registration_button_when_the_meeting_takes_none(client):
    meeting = MeetingFactory(registration=False)
    client.force_login(UserFactory())
    assert "Inscription impossible : Cette réunion ne prend pas d'inscriptions." in (
        _register(client, meeting, meeting.next_occurrence().date())
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "M'inscrire" not in page


@pytest.mark.django_db
def test_the_meeting_page_counts_its_queries(client, django_assert_num_queries):
    meeting = MeetingFactory(registration=True)
    for day in ("2026-06-06", "2026-06-13", "2026-06-20"):
        SittingFactory(meeting=meeting, held_on=day)
    with django_assert_num_queries(4):  # project, meeting, registrations per date, sittings
        response = client.get(meeting.get_absolute_url())
    assert len(response.context["sittings"]) == 3
    assert "Se connecter pour s'inscrire" in response.content.decode()
