"""Time of the full territorial import (`import_referential()`, the bundle shipped in the repo).

    .venv/bin/python bench/import_territories.py [--databases sqlite,postgres]

For each database (SQLite by default): a fresh database and `migrate`, then the bare
baseline (reading, gunzipping and parsing the bundle, writing nothing), a first import
into the empty tables (target ≤ 20 s) and a second, idempotent one (target ≤ 10 s).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_FIRST_S = 20.0
TARGET_SECOND_S = 10.0


def _seconds(function) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def measure() -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from leviers.territories.importers.decoupage import (
        BUNDLE,
        import_referential,
        read_package,
        validate,
    )

    migrate_s, _ = _seconds(lambda: call_command("migrate", verbosity=0))
    # Median of three, so that one cold read of the file does not set the floor.
    reads = [_seconds(read_package)[0] for _ in range(3)]
    _, (_, files) = _seconds(read_package)
    validate_s, _ = _seconds(lambda: validate(str(BUNDLE), files))
    first_s, first = _seconds(lambda: import_referential(progress=False))
    second_s, second = _seconds(lambda: import_referential(progress=False))
    return {
        "vendor": connection.vendor,
        "entries": {file: len(entries) for file, entries in files.items()},
        "migrate_s": migrate_s,
        "read_s": statistics.median(reads),
        "validate_s": validate_s,
        "first_s": first_s,
        "first_counts": str(first),
        "second_s": second_s,
        "second_counts": str(second),
        "second_idempotent": second.created == second.updated == 0,
    }


def print_report(results: dict[str, dict]) -> None:
    for name, r in results.items():
        read = r["read_s"]
        entries = ", ".join(f"{n} {f}" for f, n in r["entries"].items())
        print(f"\n== {name} ({r['vendor']}) : {entries} ; {r['wall_s']:.0f} s en tout")
        print(
            f"plancher : lire et décoder le lot {read:.2f} s ; valider "
            f"{r['validate_s']:.2f} s en plus ; migrate {r['migrate_s']:.1f} s (hors mesure)"
        )
        for label, seconds, target, counts in (
            ("1er import ", r["first_s"], TARGET_FIRST_S, r["first_counts"]),
            ("2e import  ", r["second_s"], TARGET_SECOND_S, r["second_counts"]),
        ):
            print(
                f"{label}{seconds:6.2f} s  (cible ≤ {target:g} s → "
                f"{_support.verdict(seconds, target)}) {seconds / read:5.1f}× le plancher  "
                f"{counts}"
            )
        print(
            f"2e / 1er : {r['second_s'] / r['first_s']:.2f}× ; 2e import sans écriture : "
            f"{'oui' if r['second_idempotent'] else 'NON'}"
        )
    if len(results) > 1:
        (first, a), (second, b) = list(results.items())[:2]
        print(
            f"\n{second} / {first} : 1er import {b['first_s'] / a['first_s']:.2f}×, "
            f"2e import {b['second_s'] / a['second_s']:.2f}×"
        )


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], default_databases="sqlite")
    args = parser.parse_args()
    if args.child:
        _support.report(measure())
        return
    print_report(_support.run_each_database(__file__, args))


if __name__ == "__main__":
    main()
