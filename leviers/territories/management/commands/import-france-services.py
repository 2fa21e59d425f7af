from leviers.territories.importers.france_services import import_france_services
from leviers.territories.management.base import ListImportCommand


class Command(ListImportCommand):
    help = (
        "Importe la liste officielle des sites France Services (ANCT). La liste est complète : "
        "les sites absents du nouveau fichier sont supprimés. Millésime par défaut tiré de la "
        "date du nom de fichier (france_services_2024-08-01.csv : « liste du 1er août 2024 »)."
    )

    def run_import(self, source, **options):
        return import_france_services(
            source,
            vintage=options["vintage"],
            encoding=options["encoding"],
            progress=options["progress"],
        )
