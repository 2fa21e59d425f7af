from pathlib import Path

from django.core.management.base import BaseCommand

from leviers.catalogue.content import export_content


class Command(BaseCommand):
    help = (
        "Exporte le catalogue de la base (avec les modifications des curateurs) vers des "
        "fichiers YAML au format du dépôt, rechargeables par load-catalogue. Seuls les "
        "fichiers dont le contenu change sont réécrits : une modification, un fichier modifié."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Dossier où écrire les fichiers.")

    def handle(self, *args, output, **options):
        exported = export_content(Path(output))
        self.stdout.write(
            self.style.SUCCESS(
                f"{exported.written} fiches écrites dans {output}, "
                f"{exported.unchanged} inchangées (fichiers laissés tels quels)"
            )
        )
