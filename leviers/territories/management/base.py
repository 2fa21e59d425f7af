"""The shape every import command shares: --source, progress, French errors, final counts."""

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing import Counts, ImportFileError


class ImportCommand(BaseCommand):
    source_required = True

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            required=self.source_required,
            help="Chemin du fichier à importer, ou adresse http(s) de la publication officielle.",
        )
        parser.add_argument(
            "--encodage",
            dest="encoding",
            default="utf-8",
            help="Encodage du fichier CSV (par défaut utf-8 ; par exemple cp1252).",
        )
        parser.add_argument(
            "--progression",
            dest="progress",
            action="store_true",
            default=None,
            help="Affiche la barre de progression même hors d'un terminal.",
        )

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


class ListImportCommand(ImportCommand):
    """An import of a published list, whose vintage the file may not state."""

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--millesime",
            dest="vintage",
            help="Millésime affiché à côté des données (par défaut : déduit du fichier).",
        )
