"""What this app keeps about a person, for « Mes données » (export and deletion).

A person appears here through the registrations they made, the sittings where they were named
present, and a copil seat linked to their account. `forget(user)` deletes their registrations and
unlinks the rest: the attendance of a past sitting keeps its count, its names become
« un habitant ». The accounts app sends the signals (it may not import this one, which is
above it); `connect()` answers them.
"""

from __future__ import annotations

from django.db import transaction

FORGOTTEN = "un habitant"


def personal_data(user) -> dict:
    from leviers.meetings.models import Attendee, CommitteeMember, Registration

    registrations = Registration.objects.filter(user=user).select_related("meeting__project")
    attendances = Attendee.objects.filter(user=user).select_related("sitting__meeting__project")
    seats = CommitteeMember.objects.filter(user=user).select_related("project")
    return {
        "inscriptions": [
            {
                "projet": r.meeting.project.title,
                "reunion": r.meeting.title,
                "date": r.occurs_on.isoformat(),
            }
            for r in registrations
        ],
        "presences": [
            {
                "projet": a.sitting.meeting.project.title,
                "reunion": a.sitting.meeting.title,
                "date": a.sitting.held_on.isoformat(),
                "nom": a.name,
            }
            for a in attendances
        ],
        "comites_de_pilotage": [
            {
                "projet": s.project.title,
                "college": s.get_college_display(),
                "nom": s.name,
                "qualite": s.quality,
            }
            for s in seats
        ],
    }


@transaction.atomic
def forget(user) -> None:
    from leviers.meetings.models import Attendee, CommitteeMember, Registration

    Registration.objects.filter(user=user).delete()
    Attendee.objects.filter(user=user).update(user=None, name=FORGOTTEN)
    CommitteeMember.objects.filter(user=user).update(user=None, name=FORGOTTEN, quality="")


def _on_collect(sender, user, **kwargs) -> dict:
    return personal_data(user)


def _on_forget(sender, user, **kwargs) -> None:
    forget(user)


def connect() -> None:
    """Answer the accounts app's signals (called by MeetingsConfig.ready())."""
    from leviers.accounts import signals

    signals.collect_personal_data.connect(_on_collect, dispatch_uid="meetings")
    signals.forget_user.connect(_on_forget, dispatch_uid="meetings")
