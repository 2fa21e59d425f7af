"""Every page of the clubs reads a fixed number of queries, on a club with members and contacts,
meetings with sequences, speakers, catalogue links, registrations, a report and documents:
a query per row would show. The same pages on a club of 200 members and 30 meetings:
`bench/clubs.py`."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from leviers.clubs import actions, newsletter
from leviers.clubs.models import CatalogueLink, ClubContact, Report, Sequence, Speaker
from leviers.clubs.tests.factories import (
    ClubFactory,
    ClubMeetingFactory,
    ClubMemberFactory,
    make_facilitator,
)
from leviers.testing.factories import MembershipFactory, UserFactory
from leviers.testing.pins import assert_every_url_pinned, read, url_paths

pytestmark = pytest.mark.django_db

POST_ONLY = {
    "subscribe",
    "member_add",
    "member_remove",
    "contact_remove",
    "register",
    "cancel",
    "report_publish",
    "attachment_add",
    "attachment_remove",
    "sequence_move",
    "sequence_remove",
}
# url name: (a facilitator, an anonymous visitor or None when the page is not public).
# Signed in: session, user, and the door (the club's organisers, once per request). The
# calendars read no session.
QUERIES = {
    "list": (3, 1),
    "club": (12, 5),
    "feed": (2, 2),
    "members": (10, None),
    "contact_add": (7, None),
    "meeting": (16, 11),
    "meeting_feed": (4, 2),
    "registrations": (9, None),
    "report": (16, 11),
    "attachment": (6, 4),
    "unsubscribe": (4, 2),
    "meeting_create": (7, None),
    "meeting_edit": (10, None),
    "programme": (10, None),
    "sequence_create": (9, None),
    "sequence_edit": (12, None),
    "report_edit": (7, None),
}


@pytest.fixture
def world():
    club = ClubFactory()
    facilitator = make_facilitator(club)
    for n in range(6):
        member = ClubMemberFactory(club=club)
        ClubContact.objects.create(member=member, name=f"Contact {n}", role="maire")
        ClubContact.objects.create(member=member, user=UserFactory())
    meeting = ClubMeetingFactory(club=club, date=datetime.date.today() + datetime.timedelta(days=3))
    ClubMeetingFactory(club=club)
    organisation = club.organisers.first()
    links = [
        ("lever", "guinguette-associative"),
        ("experience", "ernee-guinguette"),
        ("scheme", "leader"),
    ]
    for n in range(5):
        sequence = Sequence.objects.create(
            meeting=meeting, position=n, title=f"Séquence {n}", section=f"Partie {n // 2}"
        )
        for m in range(2):
            Speaker.objects.create(
                sequence=sequence,
                name=f"Intervenant {m}",
                organisation=organisation if m else None,
                organisation_name="" if m else "Commune de X",
            )
        for kind, slug in links:
            CatalogueLink.objects.create(sequence=sequence, kind=kind, slug=slug)
    for _ in range(4):
        person = MembershipFactory().user
        actions.register(meeting, person)
    report = Report.objects.create(meeting=meeting, title="Retour", is_published=True)
    attachment = actions.attachment_add(
        report,
        title="Diapos",
        upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4\n"),
        sequence=meeting.sequences.first(),
    )
    actions.attachment_add(report, title="Photo", upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n"))
    subscriber = UserFactory()
    actions.subscribe(club, subscriber)
    values = {
        "slug": club.slug,
        "meeting_id": meeting.public_id,
        "organisation_id": club.memberships.first().organisation.public_id,
        "contact_id": ClubContact.objects.first().public_id,
        "attachment_id": attachment.public_id,
        "sequence_id": meeting.sequences.first().public_id,
        "token": newsletter.unsubscribe_token(club, subscriber),
    }
    return url_paths("clubs", values), facilitator


def test_every_page_of_the_clubs_has_its_pin():
    assert_every_url_pinned("clubs", set(QUERIES), POST_ONLY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_facilitator_reads_a_fixed_number_of_queries(
    name, world, client, django_assert_num_queries
):
    paths, facilitator = world
    client.force_login(facilitator)
    with django_assert_num_queries(QUERIES[name][0]):
        assert read(client, paths[name]).status_code == 200


@pytest.mark.parametrize("name", sorted(n for n, (_, anonymous) in QUERIES.items() if anonymous))
def test_an_anonymous_visitor_reads_a_fixed_number_of_queries(
    name, world, client, django_assert_num_queries
):
    paths, _facilitator = world
    with django_assert_num_queries(QUERIES[name][1]):
        assert read(client, paths[name]).status_code == 200
