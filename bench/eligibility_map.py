"""Total time of the eligibility map: every commune of France against every scheme of the
catalogue (`leviers carte-eligibilite`), written as CSV.

    .venv/bin/python bench/eligibility_map.py [--databases sqlite,postgres] [--runs 3]
                                              [--importes 0]

For each database: a fresh database, `migrate`, the referential (~35,000 communes) and the real
catalogue (leviers/catalogue/content). Then, `--runs` times each (the median is kept):

- the floor: a bare loop over the communes, reading the same rows (communes joined with their
  department, region and EPCI) without doing anything with them;
- the profiles alone (`profiles_for_all_communes`);
- the whole command, with its CSV, for a commune carrying the project (the curated schemes).

`--importes N` adds N synthetic imported aids (leviers/testing/catalogue.py) and times the
command once more with `--tous`. Target: ≤ 30 s for the whole command.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_S = 30.0


def _seconds(function, runs: int) -> float:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def measure(runs: int, imported: int) -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from leviers.catalogue.content import load_content
    from leviers.catalogue.models import Scheme
    from leviers.catalogue.profiles import COMMUNE_FIELDS, profiles_for_all_communes
    from leviers.catalogue.snapshot import current_snapshot
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.testing.catalogue import synthetic_catalogue

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
            current_snapshot().catalogue  # noqa: B018 - parsed again
            result["imported"] = imported
            result["all_s"] = _seconds(lambda: command("--tous"), 1)
    return result


def print_report(results: dict[str, dict]) -> None:
    for name, r in results.items():
        print(
            f"\n== {name} ({r['vendor']}) : {r['communes']} communes × {r['schemes']} dispositifs "
            f"rédigés ; médiane de {r['runs']} passages, {r['wall_s']:.0f} s en tout"
        )
        print(f"{'plancher (boucle nue sur les communes)':44}{r['floor_s']:8.2f} s")
        print(
            f"{'profils seuls':44}{r['profiles_s']:8.2f} s   "
            f"×{r['profiles_s'] / r['floor_s']:.1f} le plancher"
        )
        print(
            f"{'carte-eligibilite (CSV compris)':44}{r['command_s']:8.2f} s   "
            f"×{r['command_s'] / r['floor_s']:.1f} le plancher ; CSV de {r['csv_mb']:.1f} Mo"
        )
        print(
            f"cible ≤ {TARGET_S:g} s : {r['command_s']:.1f} s → "
            f"{_support.verdict(r['command_s'], TARGET_S)}"
        )
        if "all_s" in r:
            print(
                f"avec --tous et {r['imported']} aides importées de plus : {r['all_s']:.1f} s "
                f"(×{r['all_s'] / r['command_s']:.1f} la carte des fiches rédigées)"
            )


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], default_databases="sqlite")
    parser.add_argument("--runs", type=int, default=3, help="passages (la médiane est gardée)")
    parser.add_argument("--importes", type=int, default=0, help="aides importées synthétiques")
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
