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
