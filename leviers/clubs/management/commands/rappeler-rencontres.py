"""`leviers rappeler-rencontres`: remind the people registered to the coming club meetings
(docs/notifications.md). A second run the same day sends nothing more."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.clubs.reminders import send


class Command(BaseCommand):
    help = (
        "Envoie un rappel aux inscrits des rencontres des clubs des prochains jours "
        "(LEVIERS_CLUB_REMINDER_DAYS) ; chaque inscrit n'en reçoit qu'un."
    )

    def handle(self, *args, **options):
        sent, skipped = send(timezone.now())
        self.stdout.write(f"rappels envoyés={sent} déjà envoyés par un autre passage={skipped}")
