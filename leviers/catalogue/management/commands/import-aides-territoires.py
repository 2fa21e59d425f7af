import datetime

from django.core.management.base import CommandError

from leviers.catalogue.importers.aides_territoires import import_aides_territoires
from leviers.core.importing.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe les aides d'Aides-territoires comme dispositifs du catalogue : l'export CSV "
        "du site, ou le JSON de son API (liste d'aides ou page {count, next, results}). "
        "Le fichier est validé en entier, puis écrit en une transaction (mise à jour par lien "
        "de fiche) ; les fiches reprises par un curateur ne sont pas écrasées."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser)
        self.add_encoding_argument(parser)
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=["csv", "json", "auto"],
            default="auto",
            help="Format du fichier (par défaut : d'après son extension ou son contenu).",
        )
        parser.add_argument(
            "--millesime",
            dest="vintage",
            help="Date de l'export (AAAA-MM-JJ ou JJ/MM/AAAA) ; par défaut, la date de l'import.",
        )

    def run_import(self, source, **options):
        # The base command prints the rejections, then `counts.notes` (curated schemes kept,
        # an API page whose next page is not read), then the counts.
        return import_aides_territoires(
            source,
            file_format=options["file_format"],
            encoding=options["encoding"],
            vintage=_vintage(options["vintage"]),
            progress=options["progress"],
        )


def _vintage(value: str | None) -> str | None:
    if not value:
        return None
    for parse in (datetime.date.fromisoformat, _french_date):
        try:
            return parse(value.strip()).isoformat()
        except ValueError:
            continue
    raise CommandError(
        f"--millesime « {value} » : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA"
    )


def _french_date(value: str) -> datetime.date:
    return datetime.datetime.strptime(value, "%d/%m/%Y").date()
