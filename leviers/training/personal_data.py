"""What this app keeps about a person, for « Mes données » (export and deletion): their progress
in each module (read on, self-check attempts and best score, passed on). Nothing else: the
facilitators' figures are counts computed on request, never stored.

The accounts app sends the signals (it may not import this one, which is above it);
`connect()` answers them.
"""

from __future__ import annotations


def personal_data(user) -> dict:
    from leviers.training.models import Progress

    rows = Progress.objects.filter(user=user).select_related("module").order_by("module__title")
    return {
        "progression": [
            {
                "module": p.module.title,
                "lu_le": p.read_on.isoformat() if p.read_on else None,
                "tentatives": p.attempts,
                "meilleur_score": p.best_score,
                "questions": p.questions,
                "reussi_le": p.passed_on.isoformat() if p.passed_on else None,
            }
            for p in rows
        ]
    }


def forget(user) -> None:
    from leviers.training.models import Progress

    Progress.objects.filter(user=user).delete()


def _on_collect(sender, user, **kwargs) -> dict:
    return personal_data(user)


def _on_forget(sender, user, **kwargs) -> None:
    forget(user)


def connect() -> None:
    """Answer the accounts app's signals (called by TrainingConfig.ready())."""
    from leviers.accounts import signals

    signals.collect_personal_data.connect(_on_collect, dispatch_uid="training")
    signals.forget_user.connect(_on_forget, dispatch_uid="training")
