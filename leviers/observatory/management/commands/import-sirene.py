"""leviers import-sirene --unites StockUniteLegale_utf8.zip
--etablissements StockEtablissement_utf8.zip"""

from leviers.core.importing.command import ImportCommand
from leviers.observatory.sirene import import_sirene


class Command(ImportCommand):
    help = (
        "Importe les établissements de l'ESS et calcule les indicateurs de chaque territoire "
        "depuis les fichiers stock SIRENE (StockUniteLegale et StockEtablissement, CSV, zippés "
        "ou non). Le remplacement est atomique : en cas d'erreur, rien n'est modifié."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--unites", required=True, help="Fichier StockUniteLegale (chemin ou adresse)."
        )
        parser.add_argument(
            "--etablissements",
            required=True,
            help="Fichier StockEtablissement (chemin ou adresse).",
        )
        parser.add_argument(
            "--millesime",
            dest="vintage",
            help="Millésime affiché (par défaut : « stock du » date du fichier).",
        )
        parser.add_argument(
            "--memoire",
            dest="memory_limit",
            default="2GB",
            help="Mémoire maximale de DuckDB (par défaut 2GB ; au-delà, il écrit sur disque).",
        )
        parser.add_argument(
            "--dossier-temporaire",
            dest="work_dir",
            help="Dossier des fichiers temporaires (décompression, débordement de DuckDB).",
        )

    def run_import(self, source, **options):
        counts = import_sirene(
            options["unites"],
            options["etablissements"],
            vintage=options["vintage"],
            progress=options["progress"],
            memory_limit=options["memory_limit"],
            work_dir=options["work_dir"],
            log=lambda text: self.stderr.write(text),
        )
        counts.notes.insert(
            0,
            f"lignes malformées : {counts.malformed_units} (unités légales), "
            f"{counts.malformed_establishments} (établissements)",
        )
        return counts
