from pathlib import Path

from django.core.management.base import BaseCommand

from leviers.catalogue.content import export_content


class Command(BaseCommand):
    help = (
        "Exporte le catalogue de la base (avec les modifications des curateurs) vers des "
        "fichiers YAML au format du dépôt, rechargeables par load-catalogue."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Dossier où écrire les fichiers.")

    def handle(self, *args, output, **options):
        written = export_content(Path(output))
        self.stdout.write(self.style.SUCCESS(f"{written} fiches exportées dans {output}"))
