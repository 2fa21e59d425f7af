"""`leviers anonymiser-accompagnement`: a record idle for N months keeps nothing identifying.
Every text and value of the person's rows, visits, orientations and their history, rights,
consents and access log is read back and searched for what was typed about them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from leviers.outreach.actions import log_access
from leviers.outreach.models import (
    AccessLog,
    Consent,
    Orientation,
    OrientationChange,
    Person,
    Right,
    Visit,
)
from leviers.outreach.tests.conftest import make_person

# What was typed about the person, and the ids of the workers who met them.
IDENTIFYING = [
    "M. D.",
    "1941",
    "02 43 98 76 54",
    "Hélène",
    "06 12 34 56 78",
    "chute",
    "Bernard",
    "Portage de repas du CCAS",
    "Dupont",
]


def _values(person_id):
    """Every field of every row about the person, as text."""
    rows = []
    for model, lookup in (
        (Person, {"pk": person_id}),
        (Consent, {"person_id": person_id}),
        (Visit, {"person_id": person_id}),
        (Orientation, {"person_id": person_id}),
        (OrientationChange, {"orientation__person_id": person_id}),
        (Right, {"person_id": person_id}),
        (AccessLog, {"person_id": person_id}),
    ):
        for row in model.objects.filter(**lookup).values():
            rows.append((model.__name__, row))
    return rows


@pytest.mark.django_db
def test_an_idle_record_keeps_nothing_identifying(world):
    person = world.person
    worker = world.users["intervenant"]
    log_access(person, worker)
    Person.objects.filter(pk=person.pk).update(
        last_activity_at=timezone.now() - timedelta(days=30 * 25)
    )
    before = _values(person.pk)
    assert any("Bernard" in str(row) for _, row in before)  # the scan sees what it looks for

    out = StringIO()
    call_command("anonymiser-accompagnement", stdout=out)

    assert "fiches anonymisées=1" in out.getvalue()
    rows = _values(person.pk)
    assert {model for model, _ in rows} == {model for model, _ in before}
    for model, row in rows:
        for field, value in row.items():
            text = str(value)
            for secret in IDENTIFYING:
                assert secret not in text, f"{model}.{field} garde « {secret} »"
            if field in (
                "worker_id",
                "recorded_by_id",
                "withdrawn_by_id",
                "by_id",
                "user_id",
                "created_by_id",
            ):
                assert value is None, f"{model}.{field} nomme encore l'intervenant"
    person.refresh_from_db()
    assert person.birth_year == 1940  # the decade, for the statistics
    assert person.commune_id == "53180"


@pytest.mark.django_db
def test_a_record_with_recent_activity_is_kept(world):
    call_command("anonymiser-accompagnement", stdout=StringIO())
    world.person.refresh_from_db()
    assert world.person.label == "M. D." and world.person.anonymised_at is None


@pytest.mark.django_db
def test_the_statistics_keep_their_counts_after_anonymisation(world):
    from leviers.outreach.reports import statistics

    for index in range(5):
        make_person(world.team, label=f"P{index}")
    before = statistics(world.team, 2026, "annee", 5)
    Person.objects.update(last_activity_at=timezone.now() - timedelta(days=30 * 25))
    call_command("anonymiser-accompagnement", stdout=StringIO())
    assert statistics(world.team, 2026, "annee", 5) == before
