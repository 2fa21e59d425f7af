"""`leviers importer-services FICHIER...`: data·inclusion structures and services files."""

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing import ImportFileError
from leviers.services.importing import ServicesImportError, import_files


class Command(BaseCommand):
    help = (
        "Importe des fichiers data·inclusion (schéma v1, JSON ou CSV) de structures et de "
        "services : tout est vérifié avant d'écrire, puis écrit en une seule transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichiers", nargs="+", help="Fichiers de structures et de services.")

    def handle(self, *args, fichiers, **options):
        try:
            counts = import_files(fichiers)
        except (ImportFileError, ServicesImportError) as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        for note in counts.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {counts}"))
