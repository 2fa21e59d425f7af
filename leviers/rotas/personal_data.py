"""What the rotas keep about a person, for « Mes données » (export and deletion).

A person appears through their volunteer records (one per project, with their sign-ups), the
swaps they proposed or answered and their calendar addresses. `forget(user)` deletes their
sign-ups (the slots' counts follow), volunteer records and calendar addresses; swaps keep
their outcome without the person. The accounts app sends the signals; `connect()` answers.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F


def personal_data(user) -> dict:
    from leviers.rotas.models import FeedToken, SignUp

    signups = SignUp.objects.filter(volunteer__user=user).select_related(
        "slot__series__project", "volunteer"
    )
    return {
        "inscriptions": [
            {
                "projet": s.slot.series.project.title,
                "serie": s.slot.series.title,
                "debut": s.slot.starts_at.isoformat(),
                "nom": s.volunteer.name,
                "absent": s.no_show,
                "cherche_remplacant": s.seeks_replacement,
            }
            for s in signups
        ],
        "agendas": [
            {
                "projet": f.project.title,
                "contenu": f.describe(),
                "cree_le": f.created_at.isoformat(),
            }
            for f in FeedToken.objects.filter(user=user).select_related("project", "organisation")
        ],
    }


@transaction.atomic
def forget(user) -> None:
    from leviers.rotas.models import FeedToken, SignUp, Slot, Volunteer

    for slot_id in SignUp.objects.filter(volunteer__user=user).values_list("slot_id", flat=True):
        Slot.objects.filter(pk=slot_id).update(taken=F("taken") - 1)
    SignUp.objects.filter(volunteer__user=user).delete()
    Volunteer.objects.filter(user=user).delete()
    FeedToken.objects.filter(user=user).delete()


def connect() -> None:
    from leviers.accounts.signals import collect_personal_data, forget_user

    collect_personal_data.connect(_export, dispatch_uid="rotas-personal-data")
    forget_user.connect(_forget, dispatch_uid="rotas-forget")


def _export(sender, user, **kwargs):
    return personal_data(user)


def _forget(sender, user, **kwargs):
    forget(user)
