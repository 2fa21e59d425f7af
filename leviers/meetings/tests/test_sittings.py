"""Sittings: attendance as a count or as named people (copil members, registered people,
names alone), short minutes; the attendance CSV."""

import csv
import io
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from leviers.meetings.models import Registration, Sitting
from leviers.testing.factories import (
    CommitteeMemberFactory,
    MeetingFactory,
    MembershipFactory,
    SittingFactory,
    UserFactory,
)


@pytest.fixture
def meeting():
    return MeetingFactory(registration=True)


@pytest.fixture
def team_client(client, meeting):
    client.force_login(MembershipFactory(organisation=meeting.project.organisation).user)
    return client


def _create_url(meeting):
    return reverse("meetings:sitting_create", args=[meeting.project.public_id, meeting.public_id])


@pytest.mark.django_db
def test_a_sitting_names_members_registered_people_and_others(team_client, meeting):
    mayor = CommitteeMemberFactory(project=meeting.project, college="elus", name="Mme Le Maire")
    CommitteeMemberFactory(project=meeting.project, college="habitants", is_active=False)
    inhabitant = UserFactory(first_name="Jeanne", last_name="Dupont")
    registration = Registration.objects.create(
        meeting=meeting, user=inhabitant, occurs_on=date(2026, 6, 13)
    )
    page = team_client.get(_create_url(meeting) + "?date=2026-06-13")
    assert list(page.context["form"].fields["members"].queryset) == [mayor]
    assert "Jeanne Dupont" in page.content.decode()
    response = team_client.post(
        _create_url(meeting),
        {
            "held_on": "2026-06-13",
            "headcount": "12",
            "minutes": "Le nom est choisi.",
            "members": [mayor.pk],
            "registered": [registration.pk],
            "others": "Paul, boulanger\n\n",
        },
    )
    sitting = meeting.sittings.get()
    assert response["Location"] == sitting.get_absolute_url()
    attendees = {(a.name, a.member_id, a.user_id) for a in sitting.attendees.all()}
    assert attendees == {
        ("Mme Le Maire", mayor.pk, None),
        ("Jeanne Dupont", None, inhabitant.pk),
        ("Paul, boulanger", None, None),
    }


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"held_on": "2026-06-14"}, "held_on", "La réunion n'a pas lieu le 14/06/2026"),
        ({"held_on": "2026-08-08"}, "held_on", "La réunion n'a pas lieu le 08/08/2026"),
        ({"held_on": "2026-06-06"}, "held_on", "La séance du 06/06/2026 est déjà enregistrée."),
        (
            {"held_on": "2026-06-13", "headcount": "1", "others": "A\nB"},
            "headcount",
            "2 personnes sont nommées présentes",
        ),
    ],
)
@pytest.mark.django_db
def test_a_wrong_sitting_says_what_and_changes_nothing(team_client, meeting, data, field, message):
    SittingFactory(meeting=meeting, held_on=date(2026, 6, 6))
    response = team_client.post(_create_url(meeting), data)
    assert response.status_code == 400
    assert message in unescape(" ".join(response.context["form"].errors[field]))
    assert meeting.sittings.count() == 1


@pytest.mark.django_db
def test_editing_a_sitting_replaces_its_attendees(team_client, meeting):
    sitting = SittingFactory(meeting=meeting, headcount=None)
    sitting.attendees.create(name="Ancien nom")
    url = reverse(
        "meetings:sitting_edit",
        args=[meeting.project.public_id, meeting.public_id, sitting.public_id],
    )
    assert team_client.get(url).context["form"].initial["others"] == "Ancien nom"
    team_client.post(url, {"held_on": "2026-06-06", "others": "Nouveau nom\nAutre", "version": 1})
    assert sorted(a.name for a in sitting.attendees.all()) == ["Autre", "Nouveau nom"]


@pytest.mark.django_db
def test_everyone_sees_the_count_only_the_team_sees_the_names(
    client, meeting, django_assert_num_queries
):
    sitting = SittingFactory(meeting=meeting, headcount=None)
    sitting.attendees.create(name="Jeanne Dupont")
    sitting.attendees.create(name="Paul Martin")
    with django_assert_num_queries(5):  # project, meeting, sitting, attendees, decisions
        page = client.get(sitting.get_absolute_url()).content.decode()
    assert "<strong>2</strong> personnes présentes" in page
    assert "Jeanne Dupont" not in page
    client.force_login(MembershipFactory(organisation=meeting.project.organisation).user)
    assert "Jeanne Dupont" in client.get(sitting.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_attendance_csv_is_inert_in_a_spreadsheet(team_client, meeting):
    member = CommitteeMemberFactory(project=meeting.project, college="agriculteurs")
    sitting = SittingFactory(meeting=meeting, headcount=10)
    sitting.attendees.create(name='=HYPERLINK("http://x")')
    sitting.attendees.create(name=member.name, member=member)
    SittingFactory(meeting=meeting, held_on=date(2026, 6, 13), headcount=7)
    response = team_client.get(reverse("meetings:attendance_csv", args=[meeting.project.public_id]))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [(r["date"], r["present"], r["college"], r["non_nommes"]) for r in rows] == [
        ("2026-06-06", '\'=HYPERLINK("http://x")', "", ""),
        ("2026-06-06", member.name, "Agriculteurs", ""),
        ("2026-06-06", "", "", "8"),
        ("2026-06-13", "", "", "7"),
    ]


@pytest.mark.django_db
def test_the_attendance_csv_reads_a_fixed_number_of_queries(
    team_client, meeting, django_assert_num_queries
):
    for day in ("2026-06-06", "2026-06-13", "2026-06-20"):
        SittingFactory(meeting=meeting, held_on=day).attendees.create(name="Jeanne")
    # session, user, project, roles, partners, sittings with meetings, attendees with members;
    # the download is streamed: read it inside the count
    with django_assert_num_queries(7):
        response = team_client.get(
            reverse("meetings:attendance_csv", args=[meeting.project.public_id])
        )
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.count("Jeanne") == 3
    assert Sitting.objects.count() == 3
