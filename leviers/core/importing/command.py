"""The shape every import command shares: progress, French errors, final counts.

Each command adds the options it reads: most take one file (`add_source_argument`), some an
encoding (`add_encoding_argument`) or a vintage (`add_vintage_argument`).
"""

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing.files import ImportFileError
from leviers.core.importing.writing import Counts


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--progression",
            dest="progress",
            action="store_true",
            default=None,
            help="Affiche la barre de progression même hors d'un terminal.",
        )

    @staticmethod
    def add_source_argument(parser, *, required: bool = True) -> None:
        parser.add_argument(
            "--source",
            required=required,
            help="Chemin du fichier à importer, ou adresse http(s) de la publication officielle.",
        )

    @staticmethod
    def add_encoding_argument(parser) -> None:
        parser.add_argument(
            "--encodage",
            dest="encoding",
            default="utf-8",
            help="Encodage du fichier CSV (par défaut utf-8 ; par exemple cp1252).",
        )

    @staticmethod
    def add_vintage_argument(
        parser, help: str = "Millésime affiché à côté des données (par défaut : déduit du fichier)."
    ) -> None:
        parser.add_argument("--millesime", dest="vintage", help=help)

    def run_import(self, source, **options) -> Counts:
        raise NotImplementedError

    def handle(self, *args, source=None, **options):
        try:
            counts = self.run_import(source, **options)
        except ImportFileError as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        for reason in counts.rejections[:20]:
            self.stderr.write(f"rejeté : {reason}")
        if len(counts.rejections) > 20:
            self.stderr.write(f"… et {len(counts.rejections) - 20} autres rejets.")
        for note in getattr(counts, "notes", []):
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {counts}"))
