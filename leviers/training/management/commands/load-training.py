"""Load (or reload) the training modules and paths shipped in leviers/training/content."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing import ImportFileError
from leviers.training.content import CONTENT_DIR, load_training


class Command(BaseCommand):
    help = (
        "Charge les modules et parcours de formation (leviers/training/content) après les "
        "avoir tous validés ; rien n'est modifié en cas d'erreur. La progression des personnes "
        "est gardée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dossier",
            metavar="DOSSIER",
            default=str(CONTENT_DIR),
            help="Dossier du contenu (modules/ et paths/) ; par défaut celui livré avec Leviers.",
        )

    def handle(self, *args, dossier: str, **options):
        try:
            counts = load_training(Path(dossier))
        except ImportFileError as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        self.stdout.write(self.style.SUCCESS(f"formation chargée : {counts}"))
