"""The clubs' permission matrix: every URL of the namespace, as each role of a club.

Roles: `anonymous`; `inhabitant` (an account, no organisation); `member` (of a member
organisation of the club); `facilitator` (« animateur » of an organisation running the club);
`other_facilitator` (« animateur » of ANOTHER club); `superuser`. 'login' stands for a
redirection to the sign-in page. Meetings not announced and draft reports are not found (404)
but by the club's facilitators."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from leviers.clubs import actions, newsletter
from leviers.clubs.models import ClubContact, Report
from leviers.clubs.tests.factories import (
    ClubFactory,
    ClubMeetingFactory,
    ClubMemberFactory,
    SequenceFactory,
    make_facilitator,
    make_member,
)
from leviers.testing.factories import OrganisationFactory, UserFactory
from leviers.testing.matrix import Row, World, assert_matrix, missing_rows

ROLES = ("anonymous", "inhabitant", "member", "facilitator", "other_facilitator", "superuser")
PDF = b"%PDF-1.4\n%%EOF\n"


def expect(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


ALL = expect(200, 200, 200, 200, 200, 200)
FACILITATORS_ONLY_404 = expect(404, 404, 404, 200, 404, 200)  # hidden from everyone else
FACILITATE_GET = expect("login", 403, 403, 200, 403, 200)
FACILITATE_POST = expect("login", 403, 403, 302, 403, 302)
MEMBER_AREA = expect("login", 403, 200, 200, 403, 200)
SIGNED_IN_POST = expect("login", 302, 302, 302, 302, 302)


def build_club_world() -> World:
    club, other = ClubFactory(), ClubFactory()
    users = {
        "anonymous": None,
        "inhabitant": UserFactory(),
        "member": make_member(club),
        "facilitator": make_facilitator(club),
        "other_facilitator": make_facilitator(other),
        "superuser": UserFactory(superuser=True),
    }
    past = datetime.date(2025, 9, 11)
    meeting = ClubMeetingFactory(club=club)
    hidden = ClubMeetingFactory(club=club, is_published=False)
    held = ClubMeetingFactory(club=club, date=past)
    drafted = ClubMeetingFactory(club=club, date=past)
    to_publish = ClubMeetingFactory(club=club, date=past)
    to_cancel = ClubMeetingFactory(club=club)
    report = Report.objects.create(meeting=held, title="Retour", is_published=True)
    draft = Report.objects.create(meeting=drafted, title="Brouillon")
    Report.objects.create(meeting=to_publish, title="À publier")
    for user in users.values():
        if user is not None:
            actions.register(to_cancel, user)
    subscriber = UserFactory()
    actions.subscribe(club, subscriber)
    member = ClubMemberFactory(club=club)

    def attach(on):
        return actions.attachment_add(
            on, title="Diaporama", upload=SimpleUploadedFile("d.pdf", PDF)
        )

    return World(
        project=None,
        other_project=None,
        users=users,
        extra={
            "club": club,
            "meeting": meeting,
            "hidden": hidden,
            "held": held,
            "drafted": drafted,
            "to_publish": to_publish,
            "to_cancel": to_cancel,
            "file": attach(report),
            "draft_file": attach(draft),
            "member": member,
            "sequence": SequenceFactory(meeting=meeting),
            "token": newsletter.unsubscribe_token(club, subscriber),
        },
    )


def _m(name):
    return lambda w: [w.club.slug, w.extra[name].public_id]


def _fresh_member(w):
    return [w.club.slug, ClubMemberFactory(club=w.club).organisation.public_id]


def _fresh_contact(w):
    member = ClubMemberFactory(club=w.club)
    contact = ClubContact.objects.create(member=member, name="Contact")
    return [w.club.slug, member.organisation.public_id, contact.public_id]


def _file(meeting, file):
    return lambda w: [w.club.slug, w.extra[meeting].public_id, w.extra[file].public_id]


EMPTY_SPEAKERS = {"speakers-TOTAL_FORMS": "0", "speakers-INITIAL_FORMS": "0"}


def _sequence(w):
    return [w.club.slug, w.meeting.public_id, w.extra["sequence"].public_id]


def _fresh_sequence(w):
    return [w.club.slug, w.meeting.public_id, SequenceFactory(meeting=w.meeting).public_id]


def _fresh_file(w):
    file = actions.attachment_add(
        w.extra["held"].report, title="Diapos", upload=SimpleUploadedFile("d.pdf", PDF)
    )
    return [w.club.slug, w.extra["held"].public_id, file.public_id]


ROWS = [
    Row("clubs:list", lambda w: [], ALL),
    Row("clubs:club", lambda w: [w.club.slug], ALL),
    Row("clubs:feed", lambda w: [w.club.slug], ALL),
    Row("clubs:subscribe", lambda w: [w.club.slug], SIGNED_IN_POST, method="post"),
    Row("clubs:unsubscribe", lambda w: [w.token], ALL),
    Row("clubs:unsubscribe", lambda w: [w.token], ALL, method="post"),
    Row("clubs:members", lambda w: [w.club.slug], MEMBER_AREA),
    Row(
        "clubs:member_add",
        lambda w: [w.club.slug],
        FACILITATE_POST,
        method="post",
        data=lambda w: {"organisation": OrganisationFactory().pk},
    ),
    Row("clubs:member_remove", _fresh_member, FACILITATE_POST, method="post"),
    Row(
        "clubs:contact_add",
        lambda w: [w.club.slug, w.member.organisation.public_id],
        FACILITATE_GET,
    ),
    Row("clubs:contact_remove", _fresh_contact, FACILITATE_POST, method="post"),
    Row("clubs:meeting", _m("meeting"), ALL),
    Row("clubs:meeting", _m("hidden"), FACILITATORS_ONLY_404),
    Row("clubs:meeting_feed", _m("meeting"), ALL),
    Row("clubs:meeting_feed", _m("hidden"), FACILITATORS_ONLY_404),
    Row("clubs:register", _m("meeting"), SIGNED_IN_POST, method="post"),
    Row("clubs:register", _m("hidden"), expect(404, 404, 404, 302, 404, 302), method="post"),
    Row("clubs:cancel", _m("to_cancel"), SIGNED_IN_POST, method="post"),
    Row("clubs:registrations", _m("meeting"), FACILITATE_GET),
    Row("clubs:report", _m("held"), ALL),
    Row("clubs:report", _m("drafted"), FACILITATORS_ONLY_404),
    Row("clubs:report_publish", _m("to_publish"), FACILITATE_POST, method="post"),
    Row(
        "clubs:attachment_add",
        _m("drafted"),
        FACILITATE_POST,
        method="post",
        data=lambda w: {"title": "Diapos", "file": SimpleUploadedFile("d.pdf", PDF)},
    ),
    Row("clubs:attachment", _file("held", "file"), ALL),
    Row("clubs:attachment", _file("drafted", "draft_file"), FACILITATORS_ONLY_404),
    Row("clubs:attachment_remove", _fresh_file, FACILITATE_POST, method="post"),
    Row("clubs:meeting_create", lambda w: [w.club.slug], FACILITATE_GET),
    Row(
        "clubs:meeting_create",
        lambda w: [w.club.slug],
        FACILITATE_POST,
        method="post",
        data=lambda w: {"title": "Rencontre", "date": "2030-05-12", "is_published": "on"},
    ),
    Row("clubs:meeting_edit", _m("meeting"), FACILITATE_GET),
    Row("clubs:meeting_edit", _m("hidden"), FACILITATORS_ONLY_404),
    Row("clubs:programme", _m("meeting"), FACILITATE_GET),
    Row("clubs:sequence_create", _m("meeting"), FACILITATE_GET),
    Row(
        "clubs:sequence_create",
        _m("meeting"),
        FACILITATE_POST,
        method="post",
        data=lambda w: {"title": "Séquence", **EMPTY_SPEAKERS},
    ),
    Row("clubs:sequence_edit", _sequence, FACILITATE_GET),
    Row("clubs:sequence_move", _sequence, FACILITATE_POST, method="post"),
    Row("clubs:sequence_remove", _fresh_sequence, FACILITATE_POST, method="post"),
    Row("clubs:report_edit", _m("held"), FACILITATE_GET),
    Row("clubs:report_edit", _m("drafted"), FACILITATE_GET),  # a draft: same answer as any
]


@pytest.mark.django_db
def test_every_url_of_the_clubs_as_every_role():
    assert_matrix(Client, build_club_world(), ROWS, roles=ROLES)


def test_every_url_of_the_namespace_has_its_row():
    assert missing_rows("clubs", ROWS) == set()
