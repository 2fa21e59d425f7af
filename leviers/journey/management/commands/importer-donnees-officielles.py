"""leviers importer-donnees-officielles [--depuis ADRESSE_OU_DOSSIER] [--jeu CLE] [--avec-sirene]"""

from django.core.management.base import BaseCommand, CommandError

from leviers.core.official_sources import REGISTRY, official_sources
from leviers.journey.official_data import FetchError, fetch_and_import, selected


class Command(BaseCommand):
    help = (
        "Télécharge les fichiers officiels (grille de densité de l'INSEE, Petites Villes de "
        "Demain, France Services ; SIRENE sur demande) aux adresses de leurs producteurs, "
        f"listées dans {REGISTRY.name}, et les importe. Chaque jeu est importé en une "
        "transaction : un téléchargement ou un fichier en échec ne modifie rien pour ce jeu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--depuis",
            metavar="ADRESSE_OU_DOSSIER",
            help=(
                "Prendre les fichiers ailleurs qu'aux adresses officielles : un dossier local, ou "
                "une adresse http(s) qui sert la liste de ses fichiers (miroir). Chaque fichier y "
                "est cherché sous les noms de la liste des sources (grille_densite.csv, "
                "pvd_laureats_*.csv, france_services_*.csv, …)."
            ),
        )
        parser.add_argument(
            "--jeu",
            dest="keys",
            action="append",
            metavar="CLE",
            help="Seulement ce jeu (répétable) : grille-densite, petites-villes-de-demain, …",
        )
        parser.add_argument(
            "--avec-sirene",
            action="store_true",
            help="Importer aussi les fichiers stock SIRENE (plusieurs Go, une à deux heures).",
        )
        parser.add_argument(
            "--liste",
            action="store_true",
            help="Afficher les jeux, leurs producteurs, adresses et licences, sans rien importer.",
        )

    def handle(self, *args, depuis=None, keys=None, avec_sirene=False, liste=False, **options):
        if liste:
            return self.show_list()
        try:
            sources = selected(keys, with_large=avec_sirene)
        except ValueError as error:
            raise CommandError(str(error)) from None
        failures = []
        for source in sources:
            self.stdout.write(f"{source.label} ({source.producer}) : téléchargement…")
            try:
                outcome = fetch_and_import(source, depuis)
            except FetchError as error:
                self.stderr.write(str(error))
                failures.append(source.label)
                continue
            if outcome.counts is None:
                self.stdout.write(f"  déjà chargé à l'identique ({outcome.address}).")
                continue
            for note in getattr(outcome.counts, "notes", []):
                self.stdout.write(f"  {note}")
            self.stdout.write(self.style.SUCCESS(f"  importé : {outcome.counts}"))
        if failures:
            raise CommandError(
                f"{len(failures)} jeu(x) non importé(s) : {', '.join(failures)} (détail "
                "ci-dessus). Les autres sont importés ; relancez la commande pour réessayer."
            )

    def show_list(self) -> None:
        for source in official_sources():
            self.stdout.write(
                f"{source.key} — {source.label} ({source.producer}, {source.licence})"
            )
            self.stdout.write(f"  page : {source.page}")
            for file in source.files:
                mark = "" if file.verified else " (adresse à confirmer)"
                self.stdout.write(f"  {file.role} : {file.url}{mark}")
            if not source.automatic:
                self.stdout.write("  pas d'adresse de téléchargement : à importer à la main")
            if source.note:
                self.stdout.write(f"  {source.note}")
