from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.france_services import import_france_services


class Command(ImportCommand):
    help = (
        "Importe la liste officielle des sites France Services (ANCT). La liste est complète : "
        "les sites absents du nouveau fichier sont supprimés. Millésime par défaut tiré de la "
        "date du nom de fichier (france_services_2024-08-01.csv : « liste du 1er août 2024 »)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser)
        self.add_encoding_argument(parser)
        self.add_vintage_argument(parser)

    def run_import(self, source, **options):
        return import_france_services(
            source,
            vintage=options["vintage"],
            encoding=options["encoding"],
            progress=options["progress"],
        )
