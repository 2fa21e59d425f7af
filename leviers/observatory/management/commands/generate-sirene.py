"""leviers generate-sirene --unites N --etablissements M --output DIR"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from leviers.observatory.synthetic import generate


class Command(BaseCommand):
    help = (
        "Écrit des fichiers stock SIRENE synthétiques au format officiel "
        "(StockUniteLegale_utf8.csv, StockEtablissement_utf8.csv), pour les tests et mesures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unites", type=int, required=True, help="Nombre d'unités légales.")
        parser.add_argument(
            "--etablissements", type=int, required=True, help="Nombre d'établissements."
        )
        parser.add_argument("--output", required=True, help="Dossier où écrire les fichiers.")
        parser.add_argument("--zip", action="store_true", help="Zippe chaque fichier.")
        parser.add_argument(
            "--echantillon",
            type=Path,
            help="Extrait SIRENE (unités légales) dont reprendre le mélange de catégories "
            "juridiques et de tranches pour la part ESS.",
        )
        parser.add_argument(
            "--malformees", type=int, default=0, help="Lignes cassées ajoutées en fin de fichier."
        )
        parser.add_argument("--graine", type=int, default=1, help="Graine (par défaut 1).")

    def handle(self, *args, **options):
        started = time.monotonic()
        files = generate(
            options["output"],
            options["unites"],
            options["etablissements"],
            zipped=options["zip"],
            sample=options["echantillon"],
            malformed=options["malformees"],
            seed=options["graine"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{files.unit_rows} unités légales → {files.units}\n"
                f"{files.establishment_rows} établissements → {files.establishments}\n"
                f"en {time.monotonic() - started:.1f} s"
            )
        )
