import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leviers.clubs import actions, newsletter, reminders
from leviers.clubs.models import NewsletterIssue, Report, Subscription
from leviers.clubs.tests.factories import ClubFactory, ClubMeetingFactory
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _now(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


# --- Reminders ------------------------------------------------------------------------------


def test_the_reminder_goes_once_to_each_registered_person_two_days_before():
    today = timezone.localdate()
    meeting = ClubMeetingFactory(date=today + datetime.timedelta(days=2))
    later = ClubMeetingFactory(date=today + datetime.timedelta(days=10))
    registered = actions.register(meeting, UserFactory())
    meeting.capacity = 1
    meeting.save()
    actions.register(meeting, UserFactory())  # waiting: no reminder
    actions.register(later, UserFactory())
    call_command("rappeler-rencontres")
    assert [m.to for m in mail.outbox] == [[registered.user.email]]
    assert "Rappel : la rencontre de Durtal" in mail.outbox[0].subject
    assert meeting.get_absolute_url() in mail.outbox[0].body
    call_command("rappeler-rencontres")
    assert len(mail.outbox) == 1


def test_a_reminder_claimed_by_another_run_is_not_sent_again():
    meeting = ClubMeetingFactory(date=timezone.localdate())
    registration = actions.register(meeting, UserFactory())
    pending = list(reminders.due(timezone.now()))
    registration.__class__.objects.filter(pk=registration.pk).update(reminded_at=timezone.now())
    sent, skipped = 0, 0
    for item in pending:  # what a second run that read before the first claimed would do
        claimed = item.__class__.objects.filter(pk=item.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        sent, skipped = (sent + 1, skipped) if claimed else (sent, skipped + 1)
    assert (sent, skipped) == (0, 1)
    assert reminders.send(timezone.now()) == (0, 0)


# --- The letter -----------------------------------------------------------------------------


@pytest.fixture
def subscribed(db):
    club = ClubFactory()
    user = UserFactory()
    actions.subscribe(club, user)
    ClubMeetingFactory(club=club, title="Rencontre de printemps")
    return club, user


def test_the_letter_lists_the_next_meetings_and_carries_one_click_unsubscribe(subscribed):
    club, user = subscribed
    letters, e_mails, _ = newsletter.send(timezone.now())
    assert (letters, e_mails) == (1, 1)
    message = mail.outbox[0]
    assert "Rencontre de printemps" in message.body
    # The link carries the second it was signed: read it back rather than sign another one.
    link = message.extra_headers["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    assert link in message.body
    prefix = settings.SITE_URL + "/clubs/lettre/desabonnement/"
    assert link.startswith(prefix) and link.endswith("/")
    assert newsletter.read_token(link.removeprefix(prefix).removesuffix("/")) == (club, user)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_at_most_one_letter_per_club_and_period(subscribed):
    now = timezone.now()
    newsletter.send(now)
    assert newsletter.send(now + datetime.timedelta(hours=1))[0] == 0
    assert len(mail.outbox) == 1
    assert NewsletterIssue.objects.count() == 1


def test_two_runs_that_gathered_the_same_letter_send_it_once(subscribed):
    club, _user = subscribed
    now = timezone.now()
    first, second = newsletter.gather(club, now), newsletter.gather(club, now)
    assert newsletter._claim(first, now) is True
    assert newsletter._claim(second, now) is False


def test_the_next_letter_tells_only_the_experiences_added_since(subscribed):
    from leviers.catalogue.models import Experience

    club, _user = subscribed
    now = timezone.now()
    newsletter.send(now)
    Experience.objects.create(
        slug="nouvelle-experience", name="Une épicerie toute neuve", commune_id="53180"
    )
    Report.objects.create(
        meeting=ClubMeetingFactory(club=club, date=datetime.date(2025, 1, 10)),
        title="Retour sur l'hiver",
        is_published=True,
        published_at=now + datetime.timedelta(days=20),
    )
    later = now + datetime.timedelta(days=32)
    newsletter.send(later)
    body = mail.outbox[-1].body
    assert "Une épicerie toute neuve" in body
    assert "Retour sur l'hiver" in body
    assert "La guinguette d'Ernée" not in body


def test_one_click_unsubscribe_works_without_a_session_or_csrf(subscribed):
    club, user = subscribed
    url = newsletter.unsubscribe_url(club, user).removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    assert Subscription.objects.filter(user=user).exists()  # a GET (a link preview) changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=user).exists()


def test_a_forged_token_is_not_found(subscribed):
    club, user = subscribed
    token = newsletter.unsubscribe_token(club, user)
    response = Client().post(reverse("clubs:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert Subscription.objects.filter(user=user).exists()


def test_subscribing_from_the_club_page(client):
    club = ClubFactory()
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("clubs:subscribe", args=[club.slug]))
    assert Subscription.objects.filter(club=club, user=user).exists()
    page = client.get(club.get_absolute_url()).content.decode()
    assert "Vous êtes abonné(e)" in page
    client.post(reverse("clubs:subscribe", args=[club.slug]), {"action": "stop"})
    assert not Subscription.objects.exists()
