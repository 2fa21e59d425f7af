"""Send the notification digests that are due (docs/notifications.md): to run once a day."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.workspace import digest


class Command(BaseCommand):
    help = (
        "Envoie par courriel les résumés d'activité des projets qui sont dus (un par jour au "
        "plus, selon les préférences de chacun). À lancer une fois par jour ; une seconde "
        "exécution n'envoie rien de plus."
    )

    def handle(self, *args, **options):
        sent, skipped = digest.send(timezone.now())
        self.stdout.write(f"résumés envoyés={sent} déjà envoyés par une autre exécution={skipped}")
