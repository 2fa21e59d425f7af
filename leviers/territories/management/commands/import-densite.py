from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.density import ANCT_VINTAGE, import_density


class Command(ImportCommand):
    help = (
        "Importe la grille communale de densité de l'INSEE (7 niveaux) : publication INSEE "
        "(colonnes CODGEO et DENS7/LIBDENS7 ou DENS/LIBDENS, en CSV ou XLSX) ou export de "
        "l'Observatoire des territoires (insee_com, lib_com, niveau_densite ; millésime par "
        f"défaut « {ANCT_VINTAGE} », probable mais non indiqué par le fichier)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser)
        self.add_encoding_argument(parser)
        self.add_vintage_argument(parser)

    def run_import(self, source, **options):
        return import_density(
            source,
            vintage=options["vintage"],
            encoding=options["encoding"],
        )
