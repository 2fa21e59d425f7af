import csv
import functools
import io
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
from leviers.catalogue.eligibility.bulk import BulkStatuses
from leviers.catalogue.eligibility.criteria import number
from leviers.catalogue.profiles import ProfileError, profiles_for_all_communes
from leviers.catalogue.snapshot import current_snapshot
from leviers.core.importing import Progress
from leviers.territories.models import Commune

VERDICTS = (ELIGIBLE, TO_CHECK, NOT_ELIGIBLE, CLOSED, RESOURCE)
TERRITORY_COLUMNS = ["code_insee", "nom", "departement", "population"]
COUNT_COLUMNS = [f"nb_{status}" for status in VERDICTS]
LINES_KEPT = 512


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
        bulk = BulkStatuses(
            CompiledSchemes(
                {s.slug: s.criteria for s in schemes},
                closed=[s.slug for s in schemes if s.closed],
                resources=[s.slug for s in schemes if s.is_resource],
            )
        )
        profiles = profiles_for_all_communes(porteur, etape, reponse, departement)
        in_scope = (
            Commune.objects.filter(department__in=departement) if departement else Commune.objects
        )
        progress = Progress("Carte d'éligibilité", in_scope.count())  # (on a terminal only)
        partial = path.with_name(f".{path.name}.partiel")
        seen: Counter = Counter()  # outcome → communes

        # Communes sharing an outcome share the end of their line (neighbours often do): kept
        # for the latest outcomes (a line is ~10 bytes per scheme).
        @functools.lru_cache(maxsize=LINES_KEPT)
        def line_end(outcome: tuple[int, int]) -> str:
            statuses = bulk.statuses(outcome)
            counts = Counter(statuses)
            return ",".join(statuses + [str(counts[s]) for s in VERDICTS])

        territory = _Line()
        try:
            with partial.open("w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerow(TERRITORY_COLUMNS + slugs + COUNT_COLUMNS)
                for profile in progress.iterate(profiles):
                    outcome = bulk.outcome(profile)
                    t = profile.territory
                    population = t.population.value if t.population else ""
                    file.write(
                        territory.csv([t.commune_code, t.commune_name, t.department, population])
                        + f",{line_end(outcome)}\r\n"
                    )
                    seen[outcome] += 1
            os.replace(partial, path)
        except ProfileError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Impossible d'écrire « {output} » ({error.strerror}).") from None
        finally:
            profiles.close()
            partial.unlink(missing_ok=True)
        communes = seen.total()
        totals = Counter({NOT_ELIGIBLE: 0, TO_CHECK: 0})
        for (unmet, to_check), times in seen.items():
            totals[NOT_ELIGIBLE] += unmet.bit_count() * times
            totals[TO_CHECK] += to_check.bit_count() * times
        totals[ELIGIBLE] = communes * len(slugs) - totals[NOT_ELIGIBLE] - totals[TO_CHECK]
        seconds = time.perf_counter() - started
        if options["verbosity"] >= 2:
            by_scheme: Counter = Counter()  # (slug, verdict) → communes
            for outcome, times in seen.items():
                for slug, status in zip(slugs, bulk.statuses(outcome), strict=True):
                    by_scheme[slug, status] += times
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


class _Line:
    """The start of a CSV line (the commune's columns), quoted as the csv module quotes."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="")

    def csv(self, fields: list) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(fields)
        return self.buffer.getvalue()
