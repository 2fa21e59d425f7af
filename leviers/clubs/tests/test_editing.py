"""Facilitators edit meetings, programmes and reports on the site; capacity, documents' files,
the registrations' rate limit."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leviers.clubs import actions
from leviers.clubs.models import Attachment, ClubMeeting, Registration, Report
from leviers.clubs.tests.factories import (
    ClubFactory,
    ClubMeetingFactory,
    SequenceFactory,
    make_facilitator,
)
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
FUTURE = datetime.date.today() + datetime.timedelta(days=30)
NO_SPEAKERS = {"speakers-TOTAL_FORMS": "0", "speakers-INITIAL_FORMS": "0"}


@pytest.fixture
def club_and_facilitator(client):
    club = ClubFactory()
    facilitator = make_facilitator(club)
    client.force_login(facilitator)
    return club, facilitator


def _meeting_data(meeting, **changes):
    data = {
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "capacity": meeting.capacity or "",
        "is_published": "on",
        "registration_open": "on",
        "version": meeting.version,
    }
    return data | changes


def test_a_facilitator_creates_a_meeting_with_its_host_commune(client, club_and_facilitator):
    club, _ = club_and_facilitator
    response = client.post(
        reverse("clubs:meeting_create", args=[club.slug]),
        {
            "title": "Rencontre d'automne",
            "date": FUTURE.isoformat(),
            "host_commune": "Durtal (49127)",
            "capacity": "30",
            "is_published": "on",
        },
    )
    meeting = ClubMeeting.objects.get(title="Rencontre d'automne")
    assert response.status_code == 302
    assert meeting.club == club and meeting.host_commune_id == "49127" and meeting.capacity == 30


def test_an_unknown_commune_is_named_and_nothing_is_written(client, club_and_facilitator):
    club, _ = club_and_facilitator
    response = client.post(
        reverse("clubs:meeting_create", args=[club.slug]),
        {"title": "R", "date": FUTURE.isoformat(), "host_commune": "Nullepart"},
    )
    assert response.status_code == 400
    assert "« Nullepart » introuvable" in response.content.decode()
    assert not ClubMeeting.objects.filter(title="R").exists()


def test_two_facilitators_editing_one_meeting_lose_nothing(client, club_and_facilitator):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE)
    url = reverse("clubs:meeting_edit", args=[club.slug, meeting.public_id])
    assert client.post(url, _meeting_data(meeting, title="Premier")).status_code == 302
    second = client.post(url, _meeting_data(meeting, title="Second"))  # read at version 1
    assert second.status_code == 409
    meeting.refresh_from_db()
    assert meeting.title == "Premier" and "Second" in second.content.decode()


def test_lowering_the_capacity_under_the_registered_is_refused(client, club_and_facilitator):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE, capacity=3)
    for _ in range(3):
        actions.register(meeting, UserFactory())
    url = reverse("clubs:meeting_edit", args=[club.slug, meeting.public_id])
    response = client.post(url, _meeting_data(meeting, capacity="2", title="Changé"))
    assert response.status_code == 400
    assert "3 personnes sont déjà inscrites" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.capacity, meeting.version) == (3, 1)
    assert meeting.title != "Changé"


def test_raising_the_capacity_gives_places_to_the_waiting_list(
    client, club_and_facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE, capacity=1)
    actions.register(meeting, UserFactory())
    waiting = actions.register(meeting, UserFactory(email="attente@example.org"))
    url = reverse("clubs:meeting_edit", args=[club.slug, meeting.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, _meeting_data(meeting, capacity="2")).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert [m.to for m in mailoutbox] == [["attente@example.org"]]


def test_a_sequence_with_speakers_and_catalogue_links(client, club_and_facilitator, example):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE)
    response = client.post(
        reverse("clubs:sequence_create", args=[club.slug, meeting.public_id]),
        {
            "title": "La guinguette d'Ernée",
            "start_time": "10:30",
            "summary": "Ce qui a été dit.",
            "links": ["lever:guinguette-associative", "experience:ernee-guinguette"],
            "speakers-TOTAL_FORMS": "2",
            "speakers-INITIAL_FORMS": "0",
            "speakers-0-name": "Une adjointe",
            "speakers-0-role": "adjointe au maire",
            "speakers-0-organisation_name": "Commune d'Ernée",
            "speakers-1-name": "",
        },
    )
    assert response.status_code == 302
    sequence = meeting.sequences.get()
    assert [(s.name, s.organisation_name) for s in sequence.speakers.all()] == [
        ("Une adjointe", "Commune d'Ernée")
    ]
    assert sorted(sequence.links.values_list("kind", "slug")) == [
        ("experience", "ernee-guinguette"),
        ("lever", "guinguette-associative"),
    ]


def test_an_unknown_catalogue_slug_is_refused(client, club_and_facilitator):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE)
    response = client.post(
        reverse("clubs:sequence_create", args=[club.slug, meeting.public_id]),
        {"title": "S", "links": ["lever:nexiste-pas"], **NO_SPEAKERS},
    )
    assert response.status_code == 400
    assert not meeting.sequences.exists()


def test_sequences_move_up_and_down(client, club_and_facilitator):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE)
    first, second = (SequenceFactory(meeting=meeting, position=n) for n in (1, 2))
    url = reverse("clubs:sequence_move", args=[club.slug, meeting.public_id, second.public_id])
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert list(meeting.sequences.order_by("position")) == [second, first]


def _attachment(meeting):
    report = Report.objects.create(meeting=meeting, title="Retour")
    return actions.attachment_add(
        report, title="Diapos", upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4\n%%EOF\n")
    )


def test_deleting_a_document_deletes_its_file_on_commit(
    client, club_and_facilitator, django_capture_on_commit_callbacks
):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club)
    attachment = _attachment(meeting)
    path = attachment.file.path
    url = reverse(
        "clubs:attachment_remove", args=[club.slug, meeting.public_id, attachment.public_id]
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(url).status_code == 302
    assert not Attachment.objects.exists()
    import os

    assert os.path.exists(path)  # not before the commit
    for callback in callbacks:
        callback()
    assert not os.path.exists(path)


def test_deleting_a_report_deletes_its_documents_files(django_capture_on_commit_callbacks):
    import os

    meeting = ClubMeetingFactory(club=ClubFactory())
    path = _attachment(meeting).file.path
    with django_capture_on_commit_callbacks(execute=True):
        meeting.report.delete()
    assert not os.path.exists(path)


def test_registrations_are_rate_limited(client, settings):
    meeting = ClubMeetingFactory(club=ClubFactory(), date=FUTURE)
    client.force_login(UserFactory())
    register = reverse("clubs:register", args=[meeting.club.slug, meeting.public_id])
    cancel = reverse("clubs:cancel", args=[meeting.club.slug, meeting.public_id])
    statuses = []
    for _ in range(11):
        statuses.append(client.post(register).status_code)
        client.post(cancel)
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_a_sequence_saved_in_between_shows_what_was_saved(client, club_and_facilitator):
    club, _ = club_and_facilitator
    meeting = ClubMeetingFactory(club=club, date=FUTURE)
    sequence = SequenceFactory(meeting=meeting, title="Avant")
    url = reverse("clubs:sequence_edit", args=[club.slug, meeting.public_id, sequence.public_id])
    data = {"title": "Premier", "version": "1", **NO_SPEAKERS}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data | {"title": "Second"})
    page = second.content.decode()
    assert second.status_code == 409
    sequence.refresh_from_db()
    assert sequence.title == "Premier"
    assert "<dd>Premier</dd>" in page and 'value="Second"' in page


def test_editing_the_example_meeting_keeps_its_co_organisers(client, example):
    from leviers.clubs.tests.factories import make_facilitator

    meeting = example.meetings.get(date=datetime.date(2025, 9, 11))
    before = set(meeting.co_organisers.values_list("pk", flat=True))
    client.force_login(make_facilitator(example))
    url = reverse("clubs:meeting_edit", args=[example.slug, meeting.public_id])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, "")}
    data |= {
        "host_commune": "49127",
        "date": meeting.date.isoformat(),
        "co_organisers": sorted(before),
        "title": "Rencontre de Durtal",
        "is_published": "on",
        "version": "1",
    }
    data.pop("description", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert set(meeting.co_organisers.values_list("pk", flat=True)) == before and before
