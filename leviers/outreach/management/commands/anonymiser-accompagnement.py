"""Anonymise the outreach records with no activity for N months (docs/aller-vers.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from leviers.outreach.actions import anonymise_inactive


class Command(BaseCommand):
    help = (
        "Anonymise les fiches de l'aller-vers sans activité depuis "
        "LEVIERS_OUTREACH_ANONYMISE_AFTER_MONTHS mois (24 par défaut) : initiales, téléphone, "
        "proche et textes libres effacés, année de naissance ramenée à la décennie ; restent "
        "les chiffres des statistiques. Tourne même si l'aller-vers est désactivé (des fiches "
        "peuvent rester d'avant). À lancer une fois par jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--mois",
            type=int,
            default=None,
            help="Durée sans activité, en mois (par défaut le réglage).",
        )

    def handle(self, *args, **options):
        months = options["mois"] or settings.OUTREACH_ANONYMISE_AFTER_MONTHS
        count = anonymise_inactive(timezone.now(), months)
        self.stdout.write(f"fiches anonymisées={count}")
