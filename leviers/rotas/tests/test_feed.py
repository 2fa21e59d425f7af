"""The secret iCalendar feeds: RFC 5545 read back by the `icalendar` parser, the recurrence
expanded by dateutil from the feed's text alone, revocation, and nothing beyond the holder."""

import icalendar
import pytest
from dateutil import rrule
from django.urls import reverse

from leviers.accounts.models import Membership
from leviers.rotas import actions
from leviers.rotas.models import FeedToken, Slot
from leviers.rotas.recurrence import PARIS
from leviers.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_rota,
    make_series,
)

pytestmark = pytest.mark.django_db


def _get(client, project, token):
    return client.get(reverse("rotas:feed", args=[project.public_id, token]))


def _calendar(client, project, token):
    response = _get(client, project, token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_the_project_feed_repeats_the_rota_by_its_rule_and_lists_the_evenings(client):
    rota = make_rota()
    cancelled = rota.slots.all()[3]
    actions.slot_cancel(cancelled)
    series = make_series(project=rota.project)
    actions.slot_give(series.slots.first(), name="Comité des fêtes")
    admin = MembershipFactory(organisation=rota.project.organisation, role="admin").user
    token = actions.feed_create(rota.project, admin, "projet")
    calendar = _calendar(client, rota.project, token)
    events = calendar.walk("VEVENT")
    (repeated,) = [e for e in events if "RRULE" in e]
    assert repeated["DTSTART"].params["TZID"] == "Europe/Paris"
    text = "\n".join(
        line for line in repeated.content_lines() if line.startswith(("DTSTART", "RRULE", "EXDATE"))
    )
    rules = rrule.rrulestr(text, forceset=True, tzids={"Europe/Paris": PARIS})
    expected = [s.starts_at for s in rota.slots.live()]
    got = list(rules)
    assert [g.astimezone(PARIS) for g in got] == [e.astimezone(PARIS) for e in expected]
    assert cancelled.starts_at not in got
    evenings = [e for e in events if "RRULE" not in e]
    assert len(evenings) == 5
    assert any("Comité des fêtes" in str(e["SUMMARY"]) for e in evenings)


def test_a_person_feed_shows_their_slots_only(client):
    rota = make_rota()
    anne, paul = UserFactory(), UserFactory()
    first, second = rota.slots.all()[:2]
    actions.sign_up(first, actions.volunteer_for(rota.project, anne))
    actions.sign_up(second, actions.volunteer_for(rota.project, paul))
    token = actions.feed_create(rota.project, anne, "personne")
    (event,) = _calendar(client, rota.project, token).walk("VEVENT")
    assert event["UID"] == f"{first.public_id}@testserver"
    assert event.decoded("DTSTART") == first.starts_at


def test_an_association_feed_follows_its_membership(client):
    series = make_series()
    club = OrganisationFactory(name="Club de foot")
    membership = MembershipFactory(organisation=club)
    actions.slot_take(series.slots.first(), club)
    token = actions.feed_create(series.project, membership.user, "association", club)
    assert len(_calendar(client, series.project, token).walk("VEVENT")) == 1
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    assert _get(client, series.project, token).status_code == 404


def test_a_revoked_address_shows_nothing_and_only_the_hash_is_stored(client):
    rota = make_rota()
    user = UserFactory()
    token = actions.feed_create(rota.project, user, "personne")
    feed = FeedToken.objects.get()
    assert feed.token_hash != token and token not in feed.token_hash
    assert _get(client, rota.project, token).status_code == 200
    actions.feed_revoke(feed)
    assert _get(client, rota.project, token).status_code == 404
    assert _get(client, rota.project, "pas-un-jeton").status_code == 404


def test_a_project_feed_dies_when_its_holder_leaves_the_team(client):
    rota = make_rota()
    membership = MembershipFactory(organisation=rota.project.organisation, role="admin")
    token = actions.feed_create(rota.project, membership.user, "projet")
    assert _get(client, rota.project, token).status_code == 200
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    assert _get(client, rota.project, token).status_code == 404


def test_a_person_feed_hides_a_series_the_holder_may_no_longer_see(client):
    rota = make_rota()
    user = UserFactory()
    actions.sign_up(rota.slots.first(), actions.volunteer_for(rota.project, user))
    token = actions.feed_create(rota.project, user, "personne")
    rota.is_public = False
    rota.save()
    assert _calendar(client, rota.project, token).walk("VEVENT") == []
    assert Slot.objects.filter(signups__volunteer__user=user).exists()


def test_creating_and_revoking_an_address_through_the_pages(client):
    rota = make_rota()
    user = UserFactory()
    client.force_login(user)
    url = reverse("rotas:feed_create", args=[rota.project.public_id])
    response = client.post(url, {"portee": "personne"}, follow=True)
    (message,) = [str(m) for m in response.context["messages"]]
    token = message.rsplit("/", 1)[1].removesuffix(".ics")
    assert _get(client, rota.project, token).status_code == 200
    feed = FeedToken.objects.get()
    client.post(reverse("rotas:feed_revoke", args=[rota.project.public_id, feed.public_id]))
    assert _get(client, rota.project, token).status_code == 404


TRICKY = "Vente de pain, brioches; « spécial » \\ fête\ndu village et des hameaux réunis, été 2026"


def test_a_title_with_commas_accents_and_a_newline_reads_back_the_same(client):
    rota = make_rota(title=TRICKY, place="Épicerie ; cour de l'école, côté église")
    user = UserFactory()
    first = rota.slots.first()
    actions.sign_up(first, actions.volunteer_for(rota.project, user))
    token = actions.feed_create(rota.project, user, "personne")
    body = _get(client, rota.project, token).content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == TRICKY
    assert str(event["LOCATION"]) == "Épicerie ; cour de l'école, côté église"
    assert event.decoded("DTEND") == first.ends_at
    assert str(event["URL"]).endswith(first.get_absolute_url())
