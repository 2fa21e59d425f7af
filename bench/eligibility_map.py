"""Total time of the eligibility map: every commune of France against every scheme of the
catalogue (`leviers carte-eligibilite`), written as CSV; the curated schemes alone, then with
imported aids, measured side by side in one run.

    .venv/bin/python bench/eligibility_map.py [--databases sqlite,postgres] [--runs 3]
                                              [--importes 3000]

For each database: a fresh database, `migrate`, the referential (~35,000 communes) and the real
catalogue (leviers/catalogue/content). Then, `--runs` times each (the median is kept), wall-clock
and processor time (the processor time of this process, which other programs running on the
machine do not inflate):

- the floor: a bare loop over the communes, reading the same rows (communes joined with their
  department, region and EPCI) without doing anything with them;
- the profiles alone (`profiles_for_all_communes`);
- the whole command, with its CSV, for a commune carrying the project (the curated schemes);
- after adding `--importes` synthetic imported aids (leviers/testing/catalogue.py), the whole
  command with `--tous`: target ≤ 30 s;
- for the reason why: the map of one department (Mayenne) with `--tous`, and the engine's
  sentence-by-sentence evaluation (`CompiledSchemes.evaluate`, what the map did before
  `eligibility/bulk.py`) of the same communes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_S = 30.0
DEPARTMENT = "53"


def _seconds(function, runs: int) -> tuple[float, float]:
    """Median wall-clock and processor seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(runs: int, imported: int) -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from leviers.catalogue.content import load_content
    from leviers.catalogue.eligibility import CompiledSchemes
    from leviers.catalogue.models import Scheme
    from leviers.catalogue.profiles import COMMUNE_FIELDS, profiles_for_all_communes
    from leviers.catalogue.snapshot import current_snapshot
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.testing.catalogue import synthetic_catalogue

    load_before = os.getloadavg()[0]
    call_command("migrate", verbosity=0)
    import_referential(progress=False)
    load_content()
    current_snapshot().catalogue  # noqa: B018 - parsed once per process, as a server or a command does
    communes = Commune.objects.count()
    schemes = Scheme.objects.filter(origin="leviers").count()

    def floor():
        rows = Commune.objects.order_by("code").values_list(*COMMUNE_FIELDS)
        for _ in rows.iterator(chunk_size=5_000):
            pass

    def profiles():
        for _ in profiles_for_all_communes("commune"):
            pass

    with tempfile.TemporaryDirectory(prefix="leviers-bench-carte-") as folder:
        output = str(Path(folder) / "carte.csv")

        def command(*args):
            call_command("carte-eligibilite", "--output", output, *args, verbosity=0)

        result = {
            "vendor": connection.vendor,
            "communes": communes,
            "schemes": schemes,
            "floor_s": _seconds(floor, runs),
            "profiles_s": _seconds(profiles, runs),
            "command_s": _seconds(command, runs),
            "csv_mb": Path(output).stat().st_size / 1e6,
            "imported": imported,
        }
        if imported:
            Scheme.objects.bulk_create(
                [
                    Scheme(
                        slug=raw["slug"],
                        name=f"Aide importée {raw['slug']}",
                        perimeter=raw["perimeter"],
                        criteria=raw["criteria"],
                        origin="aides-territoires",
                    )
                    for raw in synthetic_catalogue(imported)
                ]
            )
            catalogue = current_snapshot().catalogue  # parsed again
            result["all_s"] = _seconds(lambda: command("--tous"), runs)
            result["all_csv_mb"] = Path(output).stat().st_size / 1e6
            engine = CompiledSchemes({s.slug: s.criteria for s in catalogue.schemes})
            in_department = list(profiles_for_all_communes("commune", departments=[DEPARTMENT]))

            def sentence_by_sentence():
                for profile in in_department:
                    engine.evaluate(profile).statuses  # noqa: B018

            result["department_communes"] = len(in_department)
            result["department_s"] = _seconds(
                lambda: command("--tous", "--departement", DEPARTMENT), runs
            )
            result["sentences_s"] = _seconds(sentence_by_sentence, 1)
    result["load"] = (load_before, os.getloadavg()[0])
    return result


def print_report(results: dict[str, dict]) -> None:
    for name, r in results.items():
        print(
            f"\n== {name} ({r['vendor']}) : {r['communes']} communes × {r['schemes']} dispositifs "
            f"rédigés ; médiane de {r['runs']} passages, {r['wall_s']:.0f} s en tout"
        )
        floor = r["floor_s"][0]
        print(
            f"charge de la machine (moyenne sur 1 min) : {r['load'][0]:.1f} au début, "
            f"{r['load'][1]:.1f} à la fin, pour {os.cpu_count()} cœurs ; au-delà, l'horloge "
            "compte aussi l'attente des autres programmes"
        )
        print(f"{'':44}{'horloge':>10}{'processeur':>12}")
        print(f"{'plancher (boucle nue sur les communes)':44}{_pair(r['floor_s'])}")
        print(
            f"{'profils seuls':44}{_pair(r['profiles_s'])}   "
            f"×{r['profiles_s'][0] / floor:.1f} le plancher"
        )
        print(
            f"{'carte-eligibilite, fiches rédigées':44}{_pair(r['command_s'])}   "
            f"×{r['command_s'][0] / floor:.1f} le plancher ; CSV de {r['csv_mb']:.1f} Mo"
        )
        if not r["imported"]:
            print(f"cible ≤ {TARGET_S:g} s : {_support.verdict(r['command_s'][0], TARGET_S)}")
            continue
        label = f"--tous, + {r['imported']} aides importées"
        print(
            f"{label:44}{_pair(r['all_s'])}   "
            f"×{r['all_s'][0] / r['command_s'][0]:.1f} les fiches rédigées seules "
            f"(processeur ×{r['all_s'][1] / r['command_s'][1]:.1f}) ; "
            f"CSV de {r['all_csv_mb']:.0f} Mo"
        )
        print(
            f"cible ≤ {TARGET_S:g} s avec les aides importées : {r['all_s'][0]:.1f} s → "
            f"{_support.verdict(r['all_s'][0], TARGET_S)}"
        )
        n = r["department_communes"]
        print(f"\n-- le département {DEPARTMENT} seul ({n} communes), --tous :")
        print(f"{'carte-eligibilite (eligibility.bulk, CSV compris)':52}{_pair(r['department_s'])}")
        print(
            f"{'moteur phrase par phrase (evaluate, sans CSV)':52}{_pair(r['sentences_s'])}   "
            f"×{r['sentences_s'][1] / r['department_s'][1]:.0f} (processeur) la carte"
        )


def _pair(seconds: tuple[float, float]) -> str:
    wall, cpu = seconds
    return f"{wall:8.2f} s {cpu:9.2f} s"


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], default_databases="sqlite")
    parser.add_argument("--runs", type=int, default=3, help="passages (la médiane est gardée)")
    parser.add_argument(
        "--importes", type=int, default=3000, help="aides importées synthétiques (0 : aucune)"
    )
    args = parser.parse_args()
    if args.child:
        _support.report(measure(args.runs, args.importes))
        return
    extra = ["--runs", str(args.runs), "--importes", str(args.importes)]
    results = _support.run_each_database(__file__, args, extra)
    for result in results.values():
        result["runs"] = args.runs
    print_report(results)


if __name__ == "__main__":
    main()
