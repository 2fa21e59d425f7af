"""`leviers relancer-orientations`: each worker gets their orientations due, the people named
by their label only."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from leviers.accounts.models import Membership
from leviers.outreach.models import Orientation


@pytest.mark.django_db
def test_each_worker_gets_their_due_orientations_without_personal_data(world, settings):
    settings.SITE_URL = "https://leviers.example"
    call_command("relancer-orientations", stdout=StringIO())
    # One e-mail per worker: the intervenant here, the other team's for its own person.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["intervenant"].email, world.users["other_intervenant"].email]
    )
    (message,) = [m for m in mail.outbox if m.to == [world.users["intervenant"].email]]
    assert "M. D." in message.body and "Portage de repas du CCAS de Pommerieux" in message.body
    assert world.person.public_id in message.body
    for private in ("02 43 98 76 54", "Hélène", "1941", "chute", "Bernard"):
        assert private not in message.body


@pytest.mark.django_db
def test_a_closed_orientation_is_not_followed_up(world):
    Orientation.objects.update(status="prise-en-charge")
    call_command("relancer-orientations", stdout=StringIO())
    assert mail.outbox == []


@pytest.mark.django_db
def test_nothing_is_sent_when_the_module_is_off(world, settings):
    settings.OUTREACH_ENABLED = False
    out = StringIO()
    call_command("relancer-orientations", stdout=out)
    assert mail.outbox == [] and "désactivé" in out.getvalue()


@pytest.mark.django_db
def test_a_worker_who_left_the_team_gets_no_more_reminders(world):
    """Deactivated, or no longer an intervenant: their orientations due stay in the journal
    (« À relancer »), but no e-mail names the people to them any more."""
    Membership.objects.filter(user=world.users["intervenant"]).update(is_active=False)
    Membership.objects.filter(user=world.users["other_intervenant"]).update(role="membre")
    call_command("relancer-orientations", stdout=StringIO())
    assert mail.outbox == []
