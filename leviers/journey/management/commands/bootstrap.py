"""Load the data Leviers ships, once: a second run finds it loaded and does nothing. It sits
at the top of the ladder because it loads the data of every app (referential, catalogue).

Apps above journey load their shipped content too, through a `bootstrap(write)` method of their
AppConfig (the example club, the training modules: leviers/clubs/apps.py, leviers/training/apps.py).

With `--donnees DOSSIER`, also import the official files found in that folder (they are not
shipped: a new user downloads them), skipping those already imported with the same content.
With `--telecharger`, fetch them from their publishers' addresses instead (as
`leviers importer-donnees-officielles` does): a dataset that cannot be fetched is reported and
left as it was, and the start goes on.
"""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from leviers.catalogue.content import load_content, read_content
from leviers.core.importing import SHIPPED_WITH_LEVIERS, ImportFileError, checksum
from leviers.core.models import Dataset
from leviers.journey.official_data import FetchError, fetch_and_import, selected
from leviers.territories.importers import decoupage, outlines, town_halls
from leviers.territories.importers.density import import_density
from leviers.territories.importers.france_services import import_france_services
from leviers.territories.importers.pvd import import_pvd

# Dataset key, file names looked for in --donnees (the last by name wins: dates sort), importer.
FOLDER_FILES = [
    ("grille-densite", ("grille_densite.csv", "grille_densite*.xlsx"), import_density),
    ("petites-villes-de-demain", ("pvd_laureats_*.csv",), import_pvd),
    ("france-services", ("france_services_*.csv",), import_france_services),
]


class Command(BaseCommand):
    help = "Charge les données fournies avec Leviers si elles ne le sont pas déjà."

    def add_arguments(self, parser):
        parser.add_argument(
            "--donnees",
            metavar="DOSSIER",
            help=(
                "Dossier de fichiers officiels à importer aussi s'ils y sont : grille_densite.csv, "
                "pvd_laureats_*.csv, france_services_*.csv. Un fichier déjà importé à "
                "l'identique n'est pas réimporté."
            ),
        )

        parser.add_argument(
            "--telecharger",
            action="store_true",
            help=(
                "Télécharger aussi les fichiers officiels aux adresses de leurs producteurs et "
                "les importer (grille de densité, Petites Villes de Demain, France Services). "
                "Un jeu qui ne se télécharge pas est signalé et laissé tel quel."
            ),
        )

    def handle(self, *args, donnees=None, telecharger=False, **options):
        try:
            self.load_all(donnees)
            if telecharger:
                self.download_official()
        except KeyboardInterrupt:
            # Each step writes in its own transaction, and a second run skips the steps done.
            raise CommandError(
                "Chargement interrompu (Ctrl-C) : l'étape en cours n'a rien modifié, les étapes "
                "terminées restent chargées. Relancez « leviers bootstrap » pour reprendre."
            ) from None

    def load_all(self, donnees: str | None) -> None:
        loaded = Dataset.objects.in_bulk(field_name="key")
        steps = [
            ("decoupage-administratif", decoupage.source_checksum(), decoupage.import_referential),
            ("mairies", None, town_halls.import_town_halls),
            ("contours-communes", None, outlines.import_outlines),
        ]
        for key, expected, load in steps:
            dataset = loaded.get(key)
            if dataset and (expected is None or dataset.checksum == expected):
                self.stdout.write(f"{dataset.label} : déjà chargé ({dataset.vintage}).")
                continue
            counts = load()
            self.stdout.write(self.style.SUCCESS(f"{key} chargé : {counts}"))
        self.load_catalogue(loaded.get("catalogue"))
        # Apps higher on the ladder load their own shipped content after the catalogue (training
        # modules name catalogue entries): their AppConfig has a `bootstrap(write)` method.
        for config in apps.get_app_configs():
            if callable(step := getattr(config, "bootstrap", None)):
                step(self.stdout.write)
        if donnees:
            self.load_folder(Path(donnees), loaded)

    def load_catalogue(self, dataset: Dataset | None) -> None:
        """Loaded on first run only: afterwards curators edit it in the admin."""
        shipped = read_content().checksum
        if dataset is None:
            counts = load_content(label=SHIPPED_WITH_LEVIERS)
            self.stdout.write(self.style.SUCCESS(f"catalogue chargé : {counts}"))
        elif dataset.checksum != shipped:
            self.stdout.write(
                "Catalogue : déjà chargé ; le contenu livré a changé depuis. Les modifications "
                "des curateurs sont gardées : lancez « leviers load-catalogue » pour le recharger."
            )
        else:
            self.stdout.write("Catalogue : déjà chargé.")

    def load_folder(self, folder: Path, loaded: dict[str, Dataset]) -> None:
        if not folder.is_dir():
            raise CommandError(f"Dossier « {folder} » introuvable.")
        for key, patterns, load in FOLDER_FILES:
            found = sorted({path for pattern in patterns for path in folder.glob(pattern)})
            if not found:
                self.stdout.write(f"{key} : aucun fichier {' ou '.join(patterns)}, ignoré.")
                continue
            path = found[-1]
            dataset = loaded.get(key)
            if dataset and dataset.checksum == checksum(path.read_bytes()):
                self.stdout.write(f"{dataset.label} : déjà chargé ({path.name}).")
                continue
            try:
                counts = load(path)
            except ImportFileError as error:
                raise CommandError(f"{error}\nRien n'a été modifié pour {key}.") from None
            self.stdout.write(self.style.SUCCESS(f"{key} chargé depuis {path.name} : {counts}"))

    def download_official(self) -> None:
        for source in selected(None, with_large=False):
            try:
                outcome = fetch_and_import(source)
            except FetchError as error:
                self.stderr.write(str(error))
                continue
            if outcome.counts is None:
                self.stdout.write(f"{source.label} : déjà chargé à l'identique.")
            else:
                self.stdout.write(self.style.SUCCESS(f"{source.label} chargé : {outcome.counts}"))
