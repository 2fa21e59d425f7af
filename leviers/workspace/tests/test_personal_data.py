"""The workspace's part of « Mes données »: exported, then forgotten without breaking the
project's history."""

import pytest

from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.testing.factories import ProjectFactory, UserFactory
from leviers.workspace import activity
from leviers.workspace.models import (
    Activity,
    NotificationPreference,
    StageChange,
    TeamRole,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = UserFactory()
    project = ProjectFactory(title="Guinguette")
    activity.record(project, "meeting", "Réunion samedi", "/projets/x/", actor=user)
    StageChange.objects.create(
        project=project, from_stage="idee", to_stage="etude", changed_by=user
    )
    TeamRole.objects.create(project=project, user=user, function="Trésorière")
    NotificationPreference.objects.create(user=user, frequency="hebdomadaire")
    return user


def test_the_export_holds_what_the_workspace_knows_of_the_person(person):
    [data] = [
        value
        for receiver, value in collect_personal_data.send(sender=type(person), user=person)
        if receiver.__module__ == "leviers.workspace.personal_data"
    ]
    assert data["preferences_de_notification"]["frequence"] == "hebdomadaire"
    assert data["roles_dans_les_projets"] == [{"projet": "Guinguette", "role": "Trésorière"}]
    assert data["activites"][0]["texte"] == "Réunion samedi"
    assert data["changements_d_etape"][0]["a"] == "etude"


def test_forgetting_keeps_the_history_without_the_person(person):
    forget_user.send(sender=type(person), user=person)
    person.delete()
    assert Activity.objects.get().actor is None
    assert StageChange.objects.get().changed_by is None
    assert not TeamRole.objects.exists()
    assert not NotificationPreference.objects.exists()
