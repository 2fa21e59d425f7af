"""A person's training progress is theirs: exported with « Mes données », deleted with the
account."""

import pytest

from leviers.accounts.models import User
from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.testing.factories import UserFactory
from leviers.training.actions import progress_mark_read, progress_record_check
from leviers.training.models import Module, Progress

pytestmark = pytest.mark.django_db


def test_progress_is_exported_then_deleted_with_the_account(training):
    person, other = UserFactory(), UserFactory()
    module = Module.objects.get(slug="ess-loi-2014")
    progress_record_check(person, module, {0: 0, 1: 0})
    progress_mark_read(other, module)
    exported = dict(
        (receiver.__module__, answer)
        for receiver, answer in collect_personal_data.send(sender=User, user=person)
    )["leviers.training.personal_data"]
    [row] = exported["progression"]
    assert row["module"] == module.title
    assert (row["tentatives"], row["meilleur_score"], row["questions"]) == (1, 1, 4)
    assert row["reussi_le"] is None and row["lu_le"]
    forget_user.send(sender=User, user=person)
    assert list(Progress.objects.values_list("user", flat=True)) == [other.pk]
