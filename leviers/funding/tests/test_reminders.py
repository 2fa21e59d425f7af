"""`leviers rappeler-echeances`: each open deadline is told once per lead (14 and 3 days), as an
activity of its project, whatever the number of runs."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from leviers.funding import actions
from leviers.testing.factories import ApplicationFactory, DeadlineFactory
from leviers.workspace.models import Activity

TODAY = date(2026, 9, 1)


def _deadline(days, **options):
    return DeadlineFactory(due_on=TODAY + timedelta(days=days), **options)


@pytest.mark.django_db
def test_a_deadline_is_told_once_at_each_lead():
    deadline = _deadline(10, label="Dépôt du dossier complet")
    assert actions.deadlines_remind(TODAY, [14, 3]) == 1
    assert actions.deadlines_remind(TODAY, [14, 3]) == 0
    assert actions.deadlines_remind(TODAY + timedelta(days=5), [14, 3]) == 0
    assert actions.deadlines_remind(TODAY + timedelta(days=8), [14, 3]) == 1
    activities = Activity.objects.filter(project=deadline.project).order_by("id")
    texts = list(activities.values_list("text", flat=True))
    assert texts == [
        "Échéance dans 10 jours (11/09/2026) : Dépôt du dossier complet, "
        "demande « Rénovation du local du tiers-lieu ».",
        "Échéance dans 2 jours (11/09/2026) : Dépôt du dossier complet, "
        "demande « Rénovation du local du tiers-lieu ».",
    ]
    assert Activity.objects.filter(url=deadline.application.get_absolute_url()).count() == 2


@pytest.mark.django_db
def test_done_past_and_far_deadlines_are_not_told():
    _deadline(2, done_on=TODAY)
    _deadline(-1)
    _deadline(30)
    assert actions.deadlines_remind(TODAY, [14, 3]) == 0
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_deadline_added_late_is_told_once_at_the_nearest_lead():
    _deadline(1)
    assert actions.deadlines_remind(TODAY, [14, 3]) == 1
    assert actions.deadlines_remind(TODAY, [14, 3]) == 0
    assert Activity.objects.get().text.startswith("Échéance demain (02/09/2026)")


@pytest.mark.django_db
def test_the_command_says_how_many_it_told(settings):
    settings.FUNDING_REMINDER_DAYS = [7]
    application = ApplicationFactory()
    DeadlineFactory(application=application, due_on=date.today() + timedelta(days=6))
    DeadlineFactory(application=application, due_on=date.today() + timedelta(days=9))
    out = StringIO()
    call_command("rappeler-echeances", stdout=out)
    assert out.getvalue().strip() == "rappels d'échéance inscrits=1"
