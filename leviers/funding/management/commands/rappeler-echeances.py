"""Remind the teams of their funding deadlines (docs/financement.md): to run once a day."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.funding import actions


class Command(BaseCommand):
    help = (
        "Inscrit dans l'activité de chaque projet les échéances de ses demandes de financement "
        "qui approchent (14 et 3 jours avant par défaut, LEVIERS_FUNDING_REMINDER_DAYS) : le "
        "résumé d'activité de l'équipe les porte. Une échéance n'est rappelée qu'une fois par "
        "délai, quel que soit le nombre d'exécutions. À lancer une fois par jour, avant "
        "`leviers envoyer-resumes`."
    )

    def handle(self, *args, **options):
        told = actions.deadlines_remind(timezone.localdate(), settings.FUNDING_REMINDER_DAYS)
        self.stdout.write(f"rappels d'échéance inscrits={told}")
