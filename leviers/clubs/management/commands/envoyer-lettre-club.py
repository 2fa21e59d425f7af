"""`leviers envoyer-lettre-club`: the letter of each club to its subscribers, at most one per
club and period (docs/notifications.md)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.clubs.newsletter import send


class Command(BaseCommand):
    help = (
        "Envoie la lettre de chaque club à ses abonnés : nouvelles expériences, prochaines "
        "rencontres, comptes rendus publiés ; une seule par club et par période."
    )

    def handle(self, *args, **options):
        letters, e_mails, skipped = send(timezone.now())
        self.stdout.write(
            f"lettres envoyées={letters} courriels={e_mails} sans nouveauté ou déjà "
            f"envoyées={skipped}"
        )
