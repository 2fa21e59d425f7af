"""What the workspace holds about a person, for « Mes données » (export and deletion).

Connected in WorkspaceConfig.ready() to the signals of `leviers.accounts.signals`.
Deleting an account keeps the project's history (activities, stage changes) without the
name: the actor becomes unknown (NULL); notification preferences and team roles go.
"""

from django.dispatch import receiver

from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.workspace.models import Activity, NotificationPreference, StageChange, TeamRole


def personal_data(user) -> dict:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "preferences_de_notification": (
            {
                "frequence": preference.frequency,
                "natures": preference.kinds,
                "dernier_resume": preference.last_sent_at.isoformat()
                if preference.last_sent_at
                else None,
            }
            if preference
            else None
        ),
        "roles_dans_les_projets": [
            {"projet": role.project.title, "role": role.function}
            for role in TeamRole.objects.filter(user=user).select_related("project")
        ],
        "activites": [
            {"projet": item.project.title, "le": item.created_at.isoformat(), "texte": item.text}
            for item in Activity.objects.filter(actor=user).select_related("project")
        ],
        "changements_d_etape": [
            {
                "projet": change.project.title,
                "le": change.changed_at.isoformat(),
                "de": change.from_stage,
                "a": change.to_stage,
            }
            for change in StageChange.objects.filter(changed_by=user).select_related("project")
        ],
    }


def forget(user) -> None:
    Activity.objects.filter(actor=user).update(actor=None)
    StageChange.objects.filter(changed_by=user).update(changed_by=None)
    TeamRole.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


@receiver(collect_personal_data, dispatch_uid="workspace-personal-data")
def _export(sender, user, **kwargs):
    return personal_data(user)


@receiver(forget_user, dispatch_uid="workspace-forget")
def _forget(sender, user, **kwargs):
    forget(user)
