import datetime

import pytest
from django.core import mail
from django.urls import reverse

from leviers.clubs import actions
from leviers.clubs.models import Registration
from leviers.clubs.tests.factories import ClubMeetingFactory, make_facilitator
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _register_url(meeting):
    return reverse("clubs:register", args=[meeting.club.slug, meeting.public_id])


def test_a_signed_in_person_registers_from_the_meeting_page(client):
    meeting = ClubMeetingFactory(capacity=10)
    user = UserFactory()
    client.force_login(user)
    response = client.post(_register_url(meeting), follow=True)
    assert "Vous êtes inscrit(e)" in response.content.decode()
    assert Registration.objects.get(user=user).status == Status.REGISTERED
    assert "9 places restantes sur 10" in response.content.decode()


def test_past_capacity_people_wait_and_the_first_gets_the_freed_place(
    django_capture_on_commit_callbacks,
):
    meeting = ClubMeetingFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    held = actions.register(meeting, first)
    assert actions.register(meeting, second).status == Status.WAITING
    assert actions.register(meeting, third).status == Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        promoted = actions.cancel(held)
    assert promoted.user == second
    assert Registration.objects.get(user=second).status == Status.REGISTERED
    assert Registration.objects.get(user=third).status == Status.WAITING
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "Une place s'est libérée" in mail.outbox[0].subject


def test_someone_waiting_who_leaves_frees_no_place():
    meeting = ClubMeetingFactory(capacity=1)
    actions.register(meeting, UserFactory())
    waiting = actions.register(meeting, UserFactory())
    later = actions.register(meeting, UserFactory())
    assert actions.cancel(waiting) is None
    later.refresh_from_db()
    assert later.status == Status.WAITING


def test_a_larger_capacity_promotes_the_people_waiting_in_order():
    meeting = ClubMeetingFactory(capacity=1)
    actions.register(meeting, UserFactory())
    waiting = [actions.register(meeting, UserFactory()) for _ in range(3)]
    promoted = actions.capacity_change(meeting, 3)
    assert [r.pk for r in promoted] == [waiting[0].pk, waiting[1].pk]


def test_registering_twice_or_to_a_past_meeting_is_refused():
    meeting = ClubMeetingFactory()
    user = UserFactory()
    actions.register(meeting, user)
    with pytest.raises(actions.Refused, match="déjà inscrit"):
        actions.register(meeting, user)
    past = ClubMeetingFactory(date=datetime.date(2025, 9, 11))
    with pytest.raises(actions.Refused, match="passée"):
        actions.register(past, user)


def test_someone_who_cancelled_may_register_again_at_the_end_of_the_queue():
    meeting = ClubMeetingFactory(capacity=1)
    user = UserFactory()
    registration = actions.register(meeting, user)
    actions.cancel(registration)
    assert actions.register(meeting, user).status == Status.REGISTERED


def test_anonymous_is_sent_to_sign_in_to_register(client):
    meeting = ClubMeetingFactory()
    response = client.post(_register_url(meeting))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert not Registration.objects.exists()


def test_the_facilitator_ticks_who_came(client):
    meeting = ClubMeetingFactory()
    came, missed = (
        actions.register(meeting, UserFactory()),
        actions.register(meeting, UserFactory()),
    )
    client.force_login(make_facilitator(meeting.club))
    url = reverse("clubs:registrations", args=[meeting.club.slug, meeting.public_id])
    page = client.get(url).content.decode()
    assert came.user.get_full_name() in page
    client.post(url, {"present": [str(came.pk), "nonsense"]})
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
