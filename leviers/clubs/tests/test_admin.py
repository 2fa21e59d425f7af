import pytest
from django.urls import reverse

from leviers.clubs.tests.factories import ClubFactory, ClubMeetingFactory, make_facilitator

pytestmark = pytest.mark.django_db


def test_admin_facilitator_sees_the_meetings_of_their_club_only(client):
    club, other = ClubFactory(), ClubFactory()
    mine = ClubMeetingFactory(club=club, title="Rencontre de mon club")
    theirs = ClubMeetingFactory(club=other, title="Rencontre d'un autre club")
    facilitator = make_facilitator(club)
    facilitator.is_staff = True
    facilitator.save()
    client.force_login(facilitator)
    page = client.get(reverse("admin:clubs_clubmeeting_changelist")).content.decode()
    assert mine.title in page and theirs.title not in page
    url = reverse("admin:clubs_clubmeeting_change", args=[theirs.pk])
    assert client.get(url).status_code == 302  # not in their queryset: back to the admin index
    assert client.get(reverse("admin:clubs_clubmeeting_change", args=[mine.pk])).status_code == 200
    assert client.get(reverse("admin:clubs_club_add")).status_code == 403


def test_admin_more_places_go_to_the_people_waiting(client, django_capture_on_commit_callbacks):
    from leviers.clubs import actions
    from leviers.clubs.models import Registration
    from leviers.testing.factories import UserFactory

    meeting = ClubMeetingFactory(capacity=1)
    actions.register(meeting, UserFactory())
    waiting = actions.register(meeting, UserFactory())
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:clubs_clubmeeting_change", args=[meeting.pk])
    data = {
        "club": meeting.club.pk,
        "title": meeting.title,
        "theme": meeting.theme,
        "date": meeting.date.isoformat(),
        "start_time": "09:30",
        "end_time": "16:30",
        "host_commune": "49127",
        "capacity": "2",
        "registration_open": "on",
        "is_published": "on",
        "sequences-TOTAL_FORMS": "0",
        "sequences-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    meeting.refresh_from_db()
    assert meeting.capacity == 2
