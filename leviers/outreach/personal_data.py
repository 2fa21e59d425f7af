"""What this app keeps about a worker (an account), for « Mes données » (export and deletion).

A worker appears in the journal as the author of visits, orientations, consents and status
changes, and as a reader in the access log. Their export says how many of each, per team,
and nothing of the people they met (that data is the people's, not theirs). Forgetting them
unlinks every trace: the journal keeps its dates, without the worker's name.
"""

from __future__ import annotations


def personal_data(user) -> dict:
    from django.db.models import Count

    from leviers.outreach.models import AccessLog, Visit

    visits = (
        Visit.objects.filter(worker=user)
        .values("person__organisation__name")
        .annotate(count=Count("id"))
        .order_by("person__organisation__name")
    )
    return {
        "visites_notees": [
            {"equipe": row["person__organisation__name"], "nombre": row["count"]} for row in visits
        ],
        "fiches_consultees": AccessLog.objects.filter(user=user).count(),
    }


def forget(user) -> None:
    from leviers.outreach.models import AccessLog, Consent, Orientation, OrientationChange, Visit

    Visit.objects.filter(worker=user).update(worker=None)
    Orientation.objects.filter(created_by=user).update(created_by=None)
    OrientationChange.objects.filter(by=user).update(by=None)
    Consent.objects.filter(recorded_by=user).update(recorded_by=None)
    Consent.objects.filter(withdrawn_by=user).update(withdrawn_by=None)
    AccessLog.objects.filter(user=user).update(user=None)
    AccessLog.objects.filter(member=user).update(member=None)


def log_role_change(sender, membership, role_before, active_before, by, **kwargs) -> None:
    """A membership changed (accounts.actions): when an outreach role was given or taken, the
    team's access log says who, when, to whom, which role (docs/decisions.md, 30)."""
    from leviers.accounts.permissions import OUTREACH_ROLES
    from leviers.outreach.models import AccessLog

    had = role_before if active_before and role_before in OUTREACH_ROLES else ""
    has = membership.role if membership.is_active and membership.role in OUTREACH_ROLES else ""
    if had == has:
        return
    entries = []
    if had:
        entries.append((AccessLog.Action.ROLE_REMOVED, had))
    if has:
        entries.append((AccessLog.Action.ROLE_GRANTED, has))
    AccessLog.objects.bulk_create(
        AccessLog(
            organisation_id=membership.organisation_id,
            user=by,
            member_id=membership.user_id,
            action=action,
            role=role,
        )
        for action, role in entries
    )


def _on_collect(sender, user, **kwargs) -> dict:
    return personal_data(user)


def _on_forget(sender, user, **kwargs) -> None:
    forget(user)


def connect() -> None:
    """Answer the accounts app's signals (called by OutreachConfig.ready())."""
    from leviers.accounts import signals

    signals.collect_personal_data.connect(_on_collect, dispatch_uid="outreach")
    signals.forget_user.connect(_on_forget, dispatch_uid="outreach")
    signals.membership_changed.connect(log_role_change, dispatch_uid="outreach")
