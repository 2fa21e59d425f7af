"""`leviers rappeler-creneaux`: remind the holders of the coming slots (docs/creneaux.md)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.rotas.reminders import send_reminders


class Command(BaseCommand):
    help = "Envoie les rappels des créneaux des prochaines heures (ROTAS_REMINDER_HOURS)."

    def handle(self, *args, **options):
        sent, slots = send_reminders(timezone.now())
        self.stdout.write(f"rappels envoyés={sent} créneaux rappelés={slots}")
