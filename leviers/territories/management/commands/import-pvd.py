from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.pvd import import_pvd


class Command(ImportCommand):
    help = (
        "Importe la liste des communes lauréates de Petites Villes de Demain (ANCT) ; une "
        "nouvelle liste remplace la précédente. Les colonnes des maires ne sont jamais lues. "
        "Millésime par défaut tiré de la date du nom de fichier (pvd_laureats_2021-01.csv : "
        "« liste de janvier 2021 »)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser)
        self.add_encoding_argument(parser)
        self.add_vintage_argument(parser)

    def run_import(self, source, **options):
        return import_pvd(
            source,
            vintage=options["vintage"],
            encoding=options["encoding"],
        )
