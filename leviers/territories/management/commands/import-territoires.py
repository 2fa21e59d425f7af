from leviers.territories.importers.decoupage import import_referential
from leviers.territories.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe régions, départements, EPCI et communes depuis @etalab/decoupage-administratif "
        "(par défaut le lot livré avec Leviers ; --source accepte l'archive .tgz du paquet npm, "
        "son dossier, ou un lot .json.gz)."
    )
    source_required = False

    def run_import(self, source, **options):
        return import_referential(source, progress=options["progress"])
