"""E-mail each outreach worker the orientations to follow up (docs/aller-vers.md): once a day."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.outreach.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Envoie à chaque intervenant la liste des orientations qu'il a proposées, encore "
        "ouvertes, dont la date de relance est arrivée. Le courriel ne nomme chaque personne "
        "que par ses initiales ou son pseudonyme. Sans effet si l'aller-vers est désactivé "
        "(LEVIERS_OUTREACH). À lancer une fois par jour."
    )

    def handle(self, *args, **options):
        if not settings.OUTREACH_ENABLED:
            self.stdout.write("aller-vers désactivé : rien à faire")
            return
        sent = send_reminders(timezone.localdate())
        self.stdout.write(f"courriels de relance envoyés={sent}")
