"""What the funding plan keeps about a person: the status changes they recorded, exported, and
unlinked when they leave while the history stays."""

from datetime import date

import pytest

from leviers.accounts.models import User
from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.funding.models import StatusChange
from leviers.testing.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_persons_status_changes_are_exported_then_unlinked():
    person = UserFactory()
    application = ApplicationFactory(title="Rénovation")
    StatusChange.objects.create(
        application=application, status="accorde", changed_on=date(2026, 5, 12), by=person
    )
    exported = dict(
        (receiver.__module__, answer)
        for receiver, answer in collect_personal_data.send(sender=User, user=person)
    )["leviers.funding.personal_data"]
    assert exported["changements_d_etat"] == [
        {
            "projet": application.project.title,
            "demande": "Rénovation",
            "etat": "Accordé",
            "le": "2026-05-12",
        }
    ]
    forget_user.send(sender=User, user=person)
    change = StatusChange.objects.get()
    assert (change.by, change.status) == (None, "accorde")
