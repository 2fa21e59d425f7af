from leviers.core.importing.command import ImportCommand
from leviers.territories.importers.decoupage import import_referential


class Command(ImportCommand):
    help = (
        "Importe régions, départements, EPCI et communes depuis @etalab/decoupage-administratif "
        "(par défaut le lot livré avec Leviers ; --source accepte l'archive .tgz du paquet npm, "
        "son dossier, ou un lot .json.gz)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_source_argument(parser, required=False)

    def run_import(self, source, **options):
        return import_referential(source, progress=options["progress"])
