"""What this app keeps about a person, for « Mes données » (export and deletion).

A person appears in a funding plan only as the author of an application's status change
(« accordé le 12 mai, par … »). `forget(user)` unlinks them: the history keeps its dates and
states, without a name. The accounts app sends the signals (it may not import this one, which
is above it); `connect()` answers them.
"""

from __future__ import annotations


def personal_data(user) -> dict:
    from leviers.funding.models import StatusChange

    changes = StatusChange.objects.filter(by=user).select_related("application__project")
    return {
        "changements_d_etat": [
            {
                "projet": c.application.project.title,
                "demande": c.application.title,
                "etat": c.get_status_display(),
                "le": c.changed_on.isoformat(),
            }
            for c in changes
        ]
    }


def forget(user) -> None:
    from leviers.funding.models import StatusChange

    StatusChange.objects.filter(by=user).update(by=None)


def _on_collect(sender, user, **kwargs) -> dict:
    return personal_data(user)


def _on_forget(sender, user, **kwargs) -> None:
    forget(user)


def connect() -> None:
    """Answer the accounts app's signals (called by FundingConfig.ready())."""
    from leviers.accounts import signals

    signals.collect_personal_data.connect(_on_collect, dispatch_uid="funding")
    signals.forget_user.connect(_on_forget, dispatch_uid="funding")
