import datetime

import icalendar
import pytest
from django.urls import reverse

from leviers.clubs.models import ClubContact, ClubMember, Sequence, Speaker
from leviers.clubs.tests.factories import (
    ClubFactory,
    ClubMeetingFactory,
    ClubMemberFactory,
    make_facilitator,
    make_member,
)
from leviers.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_public_club_page_lists_members_next_meetings_and_reports(client, example):
    ClubMemberFactory(club=example, organisation=OrganisationFactory(name="Commune test"))
    ClubMeetingFactory(club=example, title="Rencontre à venir")
    ClubMeetingFactory(club=example, title="Rencontre cachée", is_published=False)
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Commune test" in page
    assert "Rencontre à venir" in page
    assert "Rencontre cachée" not in page
    assert "Retour sur la rencontre de Durtal du 11 septembre 2025" in page


def test_the_club_page_says_once_when_it_was_launched_and_names_its_organisers_with_article(
    client, example
):
    page = client.get(example.get_absolute_url()).content.decode()
    assert page.lower().count("lancé en mai 2022") == 1
    assert (
        "Animé par la CRESS des Pays de la Loire et le RTES, réseau des collectivités "
        "territoriales pour une économie sociale et solidaire." in page
    )
    assert "par CRESS" not in page


def test_the_report_names_the_co_organisers_as_a_sentence_does(client, example):
    meeting = example.meetings.get()
    page = client.get(reverse("clubs:report", args=[example.slug, meeting.public_id]))
    assert "avec l&#x27;APESS 53, le CEAS 72, Durtal et l&#x27;IRESA" in page.content.decode()


def test_the_durtal_meeting_page_shows_its_programme_with_speakers_and_links(client, example):
    meeting = example.meetings.get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Emma Lorée</strong>, cheffe de projet Petites Villes de Demain" in page
    assert reverse("catalogue:experience", args=["ernee-guinguette"]) in page
    assert "Cette rencontre a eu lieu." in page


def test_the_report_has_a_summary_per_sequence_and_cites_its_source(client, example):
    meeting = example.meetings.get()
    page = client.get(reverse("clubs:report", args=[example.slug, meeting.public_id]))
    text = page.content.decode()
    assert "neuf mois de co-construction" in text
    assert "Source : « Retour sur le club des collectivités" in text
    assert reverse("catalogue:resource", args=["rtes-club-collectivites-pdl-durtal-2025"]) in text


def test_the_meeting_calendar_is_one_event_at_durtal(client, example):
    meeting = example.meetings.get()
    response = client.get(reverse("clubs:meeting_feed", args=[example.slug, meeting.public_id]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2025, 9, 11)
    assert "Durtal" in str(event["location"])
    assert str(event["uid"]).startswith(meeting.public_id)


def test_the_club_calendar_has_the_announced_meetings_with_their_hours(client):
    club = ClubFactory()
    shown = ClubMeetingFactory(club=club, title="Annoncée")
    ClubMeetingFactory(club=club, title="Cachée", is_published=False)
    response = client.get(reverse("clubs:feed", args=[club.slug]))
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Annoncée"]
    assert events[0].decoded("dtstart").hour == shown.start_time.hour


def test_a_facilitator_adds_a_member_and_its_contacts(client):
    club = ClubFactory()
    organisation = OrganisationFactory(name="Commune de Test")
    client.force_login(make_facilitator(club))
    client.post(reverse("clubs:member_add", args=[club.slug]), {"organisation": organisation.pk})
    member = ClubMember.objects.get(club=club)
    url = reverse("clubs:contact_add", args=[club.slug, organisation.public_id])
    response = client.post(url, {"name": "", "email": ""})
    assert response.status_code == 400
    assert "Nom : indiquez le nom du contact" in response.content.decode()
    client.post(url, {"name": "Claire Dupont", "role": "maire adjointe"})
    account = UserFactory(email="elue@mairie.example")
    client.post(url, {"email": "ELUE@mairie.example"})
    contacts = ClubContact.objects.filter(member=member)
    assert {(c.name, c.user_id) for c in contacts} == {("Claire Dupont", None), ("", account.pk)}
    page = client.get(reverse("clubs:members", args=[club.slug])).content.decode()
    assert "Claire Dupont, maire adjointe" in page


def test_a_member_reads_the_members_area_but_cannot_add(client):
    club = ClubFactory()
    member = make_member(club)
    client.force_login(member)
    page = client.get(reverse("clubs:members", args=[club.slug])).content.decode()
    assert "Ajouter une organisation membre" not in page
    response = client.post(
        reverse("clubs:member_add", args=[club.slug]), {"organisation": OrganisationFactory().pk}
    )
    assert response.status_code == 403
    assert ClubMember.objects.filter(club=club).count() == 1


def test_the_facilitator_of_another_club_cannot_manage_this_one(client):
    club, other = ClubFactory(), ClubFactory()
    client.force_login(make_facilitator(other))
    assert client.get(reverse("clubs:members", args=[club.slug])).status_code == 403


def test_a_speaker_without_an_account_shows_their_organisation_name(client):
    meeting = ClubMeetingFactory()
    sequence = Sequence.objects.create(meeting=meeting, title="Ouverture")
    Speaker.objects.create(
        sequence=sequence, name="Jeanne Martin", role="maire", organisation_name="Commune de X"
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<strong>Jeanne Martin</strong>, maire (Commune de X)" in page


def test_the_club_list_says_members_unknown_rather_than_zero(client, example):
    # The example's report names no member of the club: no misleading « 0 ».
    page = client.get(reverse("clubs:list")).content.decode()
    entry = page[page.index(example.get_absolute_url()) :].split("</li>")[0]
    assert "membres non renseignés" in entry
    assert "0 organisation" not in entry
    ClubMemberFactory(club=example, organisation=OrganisationFactory(name="Commune test"))
    ClubMemberFactory(club=example, organisation=OrganisationFactory(name="Autre commune"))
    page = client.get(reverse("clubs:list")).content.decode()
    entry = page[page.index(example.get_absolute_url()) :].split("</li>")[0]
    assert "2 organisations membres" in entry
    assert "non renseignés" not in entry
