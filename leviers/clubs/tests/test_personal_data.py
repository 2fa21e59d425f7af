import pytest

from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.clubs import actions
from leviers.clubs.models import ClubContact, Registration, Sequence, Speaker, Subscription
from leviers.clubs.tests.factories import ClubMeetingFactory, ClubMemberFactory
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _world():
    meeting = ClubMeetingFactory(capacity=1)
    user, waiting = UserFactory(), UserFactory()
    actions.register(meeting, user)
    actions.register(meeting, waiting)
    ClubContact.objects.create(member=ClubMemberFactory(club=meeting.club), user=user, role="maire")
    actions.subscribe(meeting.club, user)
    sequence = Sequence.objects.create(meeting=meeting, title="Ouverture")
    Speaker.objects.create(sequence=sequence, user=user, name="Camille Martin", role="maire")
    return meeting, user, waiting


def test_the_export_lists_registrations_contacts_letters_and_talks():
    meeting, user, _ = _world()
    exported = dict(collect_personal_data.send(sender=type(user), user=user))
    data = next(value for value in exported.values() if "lettres" in value)
    assert data["inscriptions"][0]["rencontre"] == meeting.title
    assert data["contacts"][0]["fonction"] == "maire"
    assert data["lettres"][0]["club"] == meeting.club.name
    assert data["interventions"][0]["nom"] == "Camille Martin"


def test_forgetting_gives_the_place_to_the_person_waiting_and_keeps_the_public_talk():
    meeting, user, waiting = _world()
    forget_user.send(sender=type(user), user=user)
    assert not Registration.objects.filter(user=user).exists()
    assert Registration.objects.get(user=waiting).status == Registration.Status.REGISTERED
    assert not ClubContact.objects.filter(user=user).exists()
    assert not Subscription.objects.filter(user=user).exists()
    speaker = Speaker.objects.get()
    assert (speaker.user_id, speaker.name) == (None, "Camille Martin")
