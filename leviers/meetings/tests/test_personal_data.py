"""What meetings keep about a person: exported, and forgotten while counts stay."""

from datetime import date

import pytest

from leviers.meetings import personal_data
from leviers.meetings.models import Registration
from leviers.testing.factories import (
    CommitteeMemberFactory,
    MeetingFactory,
    SittingFactory,
    UserFactory,
)


@pytest.fixture
def person():
    person = UserFactory()
    meeting = MeetingFactory(registration=True)
    Registration.objects.create(meeting=meeting, user=person, occurs_on=date(2026, 12, 12))
    sitting = SittingFactory(meeting=meeting, headcount=None)
    sitting.attendees.create(name="Jeanne Dupont", user=person)
    sitting.attendees.create(name="Paul Martin")
    CommitteeMemberFactory(
        project=meeting.project, user=person, name="Jeanne Dupont", quality="habitante du Bourg"
    )
    return person


@pytest.mark.django_db
def test_the_export_lists_registrations_attendance_and_copil_seats(person):
    data = personal_data.personal_data(person)
    assert [r["date"] for r in data["inscriptions"]] == ["2026-12-12"]
    assert [a["nom"] for a in data["presences"]] == ["Jeanne Dupont"]
    assert data["comites_de_pilotage"][0]["qualite"] == "habitante du Bourg"


@pytest.mark.django_db
def test_forgetting_keeps_the_attendance_count_without_the_name(person):
    sitting = person.attendances.get().sitting
    personal_data.forget(person)
    assert not Registration.objects.filter(user=person).exists()
    assert sorted(a.name for a in sitting.attendees.all()) == ["Paul Martin", "un habitant"]
    assert sitting.attendance(sitting.attendees.count()) == 2
    assert personal_data.personal_data(person) == {
        "inscriptions": [],
        "presences": [],
        "comites_de_pilotage": [],
    }
