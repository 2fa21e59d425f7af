"""What the clubs keep about a person, for « Mes données » (export and deletion).

A person appears as a contact of a member organisation, through their registrations to
meetings (with their attendance), their subscriptions to a club's letter, and as a speaker
linked to their account. `forget(user)` cancels their registrations to meetings to come (the
first person waiting gets the place), then deletes registrations, contacts and subscriptions;
a speaker stays on the programme under the name and public role written there, unlinked from
the account. The accounts app sends the signals; `connect()` answers.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone


def personal_data(user) -> dict:
    from leviers.clubs.models import ClubContact, Registration, Speaker, Subscription

    return {
        "contacts": [
            {
                "club": c.member.club.name,
                "organisation": c.member.organisation.name,
                "fonction": c.role,
            }
            for c in ClubContact.objects.filter(user=user).select_related(
                "member__club", "member__organisation"
            )
        ],
        "inscriptions": [
            {
                "club": r.meeting.club.name,
                "rencontre": r.meeting.title,
                "date": r.meeting.date.isoformat(),
                "etat": r.get_status_display(),
                "present": r.attended,
                "inscrit_le": r.created_at.isoformat(),
            }
            for r in Registration.objects.filter(user=user).select_related("meeting__club")
        ],
        "lettres": [
            {"club": s.club.name, "abonne_le": s.created_at.isoformat()}
            for s in Subscription.objects.filter(user=user).select_related("club")
        ],
        "interventions": [
            {"rencontre": s.sequence.meeting.title, "sequence": s.sequence.title, "nom": s.name}
            for s in Speaker.objects.filter(user=user).select_related("sequence__meeting")
        ],
    }


@transaction.atomic
def forget(user) -> None:
    from leviers.clubs import actions
    from leviers.clubs.models import ClubContact, Registration, Speaker, Subscription

    coming = Registration.objects.filter(
        user=user,
        status=Registration.Status.REGISTERED,
        meeting__date__gte=timezone.localdate(),
    ).select_related("meeting")
    for registration in coming:
        actions.cancel(registration)
    Registration.objects.filter(user=user).delete()
    ClubContact.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    Speaker.objects.filter(user=user).update(user=None)


def connect() -> None:
    from leviers.accounts.signals import collect_personal_data, forget_user

    collect_personal_data.connect(_export, dispatch_uid="clubs-personal-data")
    forget_user.connect(_forget, dispatch_uid="clubs-forget")


def _export(sender, user, **kwargs):
    return personal_data(user)


def _forget(sender, user, **kwargs):
    forget(user)
