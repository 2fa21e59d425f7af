from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leviers.catalogue.content import CONTENT_DIR, load_content
from leviers.core.importing import ImportFileError


class Command(BaseCommand):
    help = (
        "Valide puis charge le contenu du catalogue (leviers, retours d'expérience, "
        "dispositifs, ressources) depuis ses fichiers YAML, en une transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(CONTENT_DIR), help="Dossier du contenu.")

    def handle(self, *args, source, **options):
        try:
            counts = load_content(Path(source))
        except ImportFileError as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        self.stdout.write(self.style.SUCCESS(f"Catalogue chargé : {counts}"))
