from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing import ImportFileError
from leviers.territories.importers.decoupage import BUNDLE, write_bundle


class Command(BaseCommand):
    help = (
        "Régénère le lot de données territoriales livré avec Leviers à partir du paquet npm "
        "@etalab/decoupage-administratif (archive .tgz ou dossier)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", required=True, help="Archive .tgz du paquet npm ou dossier."
        )
        parser.add_argument("--output", default=str(BUNDLE), help="Fichier à écrire.")

    def handle(self, *args, source, output, **options):
        from pathlib import Path

        try:
            target = write_bundle(source, Path(output))
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Lot écrit : {target} ({target.stat().st_size // 1024} Kio)")
