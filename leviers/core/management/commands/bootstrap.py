"""Load the data Leviers ships, once: a second run finds it loaded and does nothing."""

from django.core.management.base import BaseCommand

from leviers.core.models import Dataset
from leviers.territories.importers import decoupage, town_halls


class Command(BaseCommand):
    help = "Charge les données fournies avec Leviers si elles ne le sont pas déjà."

    def handle(self, *args, **options):
        loaded = Dataset.objects.in_bulk(field_name="key")
        steps = [
            ("decoupage-administratif", decoupage.source_checksum(), decoupage.import_referential),
            ("mairies", None, town_halls.import_town_halls),
        ]
        for key, expected, load in steps:
            dataset = loaded.get(key)
            if dataset and (expected is None or dataset.checksum == expected):
                self.stdout.write(f"{dataset.label} : déjà chargé ({dataset.vintage}).")
                continue
            counts = load()
            self.stdout.write(self.style.SUCCESS(f"{key} chargé : {counts}"))
