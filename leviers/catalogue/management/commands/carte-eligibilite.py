import csv
import os
import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import (
    CLOSED,
    ELIGIBLE,
    NOT_ELIGIBLE,
    RESOURCE,
    STATUS_LABELS,
    TO_CHECK,
    CompiledSchemes,
)
from leviers.catalogue.eligibility.criteria import number
from leviers.catalogue.profiles import ProfileError, profiles_for_all_communes
from leviers.catalogue.snapshot import current_snapshot
from leviers.core.importing import Progress
from leviers.territories.models import Commune

VERDICTS = (ELIGIBLE, TO_CHECK, NOT_ELIGIBLE, CLOSED, RESOURCE)
TERRITORY_COLUMNS = ["code_insee", "nom", "departement", "population"]
COUNT_COLUMNS = [f"nb_{status}" for status in VERDICTS]


class Command(BaseCommand):
    help = (
        "Carte d'éligibilité : chaque commune de France face à chaque dispositif du catalogue, "
        "une ligne par commune (code INSEE, nom, département, population, puis le verdict de "
        "chaque dispositif : eligible, not_eligible, to_check, closed (clos) ou resource "
        "(ressource, sans verdict), et le nombre de chacun), "
        "en CSV. Exemple : leviers carte-eligibilite --output carte.csv --porteur commune"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Fichier CSV à écrire.")
        parser.add_argument(
            "--porteur",
            default="commune",
            help=(
                f"Qui porte le projet (commune par défaut) : {', '.join(vocabulary.BENEFICIARIES)}."
            ),
        )
        parser.add_argument(
            "--etape",
            default="",
            help=f"Étape du projet (aucune par défaut) : {', '.join(vocabulary.STAGES)}.",
        )
        parser.add_argument(
            "--reponse",
            action="append",
            default=[],
            help="Réponse à une question, la même partout (répétable) : identifiant=oui|non.",
        )
        parser.add_argument(
            "--departement",
            action="append",
            default=[],
            help="Seulement les communes de ce département (répétable) : 53, 2A, 971.",
        )
        parser.add_argument(
            "--tous",
            action="store_true",
            help="Inclure les aides importées d'Aides-territoires (sinon : les fiches Leviers).",
        )

    def handle(self, *args, output, porteur, etape, reponse, departement, tous, **options):
        started = time.perf_counter()
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"Le dossier « {path.parent} » n'existe pas.")
        schemes = sorted(
            (s for s in current_snapshot().catalogue.schemes if tous or s.curated),
            key=lambda s: s.slug,
        )
        if not schemes:
            raise CommandError("Le catalogue ne contient aucun dispositif : lancez load-catalogue.")
        slugs = [s.slug for s in schemes]
        engine = CompiledSchemes(
            {s.slug: s.criteria for s in schemes},
            closed=[s.slug for s in schemes if s.closed],
            resources=[s.slug for s in schemes if s.is_resource],
        )
        profiles = profiles_for_all_communes(porteur, etape, reponse, departement)
        in_scope = (
            Commune.objects.filter(department__in=departement) if departement else Commune.objects
        )
        progress = Progress("Carte d'éligibilité", in_scope.count())  # (on a terminal only)
        partial = path.with_name(f".{path.name}.partiel")
        totals: Counter = Counter()
        by_scheme: Counter = Counter()  # (slug, verdict) → communes
        communes = 0
        try:
            with partial.open("w", newline="", encoding="utf-8") as file:
                writer = csv.writer(file)
                writer.writerow(TERRITORY_COLUMNS + slugs + COUNT_COLUMNS)
                for profile in progress.iterate(profiles):
                    statuses = engine.evaluate(profile).statuses
                    verdicts = [statuses[slug] for slug in slugs]
                    counts = Counter(verdicts)
                    t = profile.territory
                    population = t.population.value if t.population else ""
                    writer.writerow(
                        [t.commune_code, t.commune_name, t.department, population]
                        + verdicts
                        + [counts[status] for status in VERDICTS]
                    )
                    totals.update(counts)
                    by_scheme.update(zip(slugs, verdicts, strict=True))
                    communes += 1
            os.replace(partial, path)
        except ProfileError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Impossible d'écrire « {output} » ({error.strerror}).") from None
        finally:
            profiles.close()
            partial.unlink(missing_ok=True)
        seconds = time.perf_counter() - started
        if options["verbosity"] >= 2:
            for slug in slugs:
                counts = Counter({status: by_scheme[slug, status] for status in VERDICTS})
                self.stdout.write(f"{slug} : {_counts(counts)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{number(communes)} communes × {len(slugs)} dispositifs écrits dans {output} "
                f"en {seconds:.1f} s ; verdicts : {_counts(totals)}"
            )
        )


def _counts(counts: Counter) -> str:
    return ", ".join(f"{STATUS_LABELS[s].lower()} {number(counts[s])}" for s in VERDICTS)
