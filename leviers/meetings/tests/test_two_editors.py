"""Two people editing one meeting, sitting or decision at once lose nothing: the second to save
is told, sees what the first saved, keeps what they typed, and saves on top when they choose
(optimistic locking, core/locking.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from leviers.meetings.models import Decision, Meeting, Sitting
from leviers.testing.factories import (
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    SittingFactory,
)
from leviers.testing.forms import form_data

pytestmark = pytest.mark.django_db


def _two_team_members(project):
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(MembershipFactory(organisation=project.organisation).user)
        clients.append(client)
    return clients


def _race(project, url, first_change, second_change):
    """Both read the form; the first saves, then the second. The second's answer."""
    first, second = _two_team_members(project)
    first_data = form_data(first.get(url)) | first_change
    second_data = form_data(second.get(url)) | second_change
    assert first.post(url, first_data).status_code == 302
    response = second.post(url, second_data)
    return second, response


def test_the_second_to_save_a_meeting_sees_what_was_saved_and_keeps_their_text():
    meeting = MeetingFactory()
    url = reverse("meetings:edit", args=[meeting.project.public_id, meeting.public_id])
    second, response = _race(
        meeting.project,
        url,
        {"agenda": "Ordre du jour de Jeanne"},
        {"title": "Titre de Paul"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Quelqu'un a enregistré entre-temps" in page
    assert "Ordre du jour de Jeanne" in page  # what was saved, shown
    assert response.context["form"]["title"].value() == "Titre de Paul"  # kept
    saved = Meeting.objects.get()
    assert (saved.title, saved.agenda) == (meeting.title, "Ordre du jour de Jeanne")
    # Saving again goes on top of the first one's save.
    again = form_data(response) | {"agenda": "Ordre du jour de Jeanne"}
    assert second.post(url, again).status_code == 302
    saved.refresh_from_db()
    assert (saved.title, saved.agenda, saved.version) == (
        "Titre de Paul",
        "Ordre du jour de Jeanne",
        3,
    )


def test_the_second_to_save_a_decision_loses_nothing():
    decision = DecisionFactory(details="")
    url = reverse("meetings:decision_edit", args=[decision.project.public_id, decision.public_id])
    second, response = _race(
        decision.project,
        url,
        {"details": "Voté à main levée."},
        {"title": "Ouvrir la guinguette le samedi soir"},
    )
    assert response.status_code == 409
    assert "Voté à main levée." in response.content.decode()
    assert response.context["form"]["title"].value() == "Ouvrir la guinguette le samedi soir"
    assert Decision.objects.get().title == decision.title


def test_the_second_to_save_the_minutes_of_a_sitting_loses_nothing():
    sitting = SittingFactory(minutes="")
    meeting = sitting.meeting
    url = reverse(
        "meetings:sitting_edit",
        args=[meeting.project.public_id, meeting.public_id, sitting.public_id],
    )
    second, response = _race(
        meeting.project, url, {"minutes": "Compte rendu de Jeanne"}, {"minutes": "Celui de Paul"}
    )
    assert response.status_code == 409
    assert "Compte rendu de Jeanne" in response.content.decode()
    assert response.context["form"]["minutes"].value() == "Celui de Paul"
    assert Sitting.objects.get().minutes == "Compte rendu de Jeanne"


def test_one_editor_alone_saves_as_before():
    meeting = MeetingFactory()
    url = reverse("meetings:edit", args=[meeting.project.public_id, meeting.public_id])
    (client, _) = _two_team_members(meeting.project)
    assert client.post(url, form_data(client.get(url)) | {"title": "Nouveau"}).status_code == 302
    assert client.post(url, form_data(client.get(url)) | {"title": "Encore"}).status_code == 302
    assert Meeting.objects.get().title == "Encore"
