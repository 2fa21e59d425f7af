"""Load (or reload) the training modules and paths shipped in leviers/training/content."""

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing import ImportFileError
from leviers.training.content import load_training


class Command(BaseCommand):
    help = (
        "Charge les modules et parcours de formation (leviers/training/content) après les avoir "
        "tous validés ; rien n'est modifié en cas d'erreur. La progression des personnes est gardée."
    )

    def handle(self, *args, **options):
        try:
            counts = load_training()
        except ImportFileError as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        self.stdout.write(self.style.SUCCESS(f"formation chargée : {counts}"))
