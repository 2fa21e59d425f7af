"""Import of a national-size SIRENE stock, as a ratio to a bare DuckDB scan of the same files.

    .venv/bin/python bench/sirene_import.py [--scale 0.1] [--dir /tmp/leviers-sirene-bench]
                                            [--databases sqlite,postgres]

1. Synthetic stock files in the official format (`python -m leviers.testing.sirene`): 30 million
   legal units and 40 million establishments at scale 1, cached in --dir between runs.
2. Floor: in a child process, a bare DuckDB `SELECT count(*) FROM read_csv(...)` of both
   files (every column as text, 2 threads), twice, the faster pass kept (the first may read
   from the disk what the import then finds in the page cache), its seconds and peak memory;
   then, for the record, the same files read with the import's own `read_csv` and only the
   columns it uses (no join, no grouping, no writing). Measured again after the imports:
   the ratios are to the mean of the two floors, and the two floors are printed, so that a
   change in the machine's load during the run shows instead of moving the ratio unseen.
3. For each database, in a child process on a fresh database: `migrate` and the
   referential, then `import_sirene()` (target ≤ 5 min and ≤ 4 GB peak resident memory
   of the process; its CPU time, all threads, is also given as a ratio to the floor's, which
   depends less on what else runs on the machine), then the latency of the indicators page
   of 300 random communes (target p95 ≤ 50 ms; the figures are precomputed at import), and
   of the three queries that fetch those figures alone.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

UNITS_AT_SCALE_1 = 30_000_000
ESTABLISHMENTS_AT_SCALE_1 = 40_000_000
BYTES_PER_ROW = 165  # measured on the generated files (both kinds together)
TARGET_IMPORT_S = 300.0
TARGET_RATIO = 2.0
TARGET_RSS_MB = 4096.0
TARGET_PAGE_P95_MS = 50.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(folder: Path) -> tuple[Path, Path]:
    return folder / "StockUniteLegale_utf8.csv", folder / "StockEtablissement_utf8.csv"


def generate(folder: Path, units: int, establishments: int) -> float:
    done = folder / "complete.json"
    wanted = {"units": units, "establishments": establishments}
    if done.exists() and json.loads(done.read_text()) == wanted:
        return 0.0
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    need = (units + establishments) * BYTES_PER_ROW
    free = shutil.disk_usage(folder).free
    if free < need * 1.3:
        sys.exit(
            f"Place insuffisante dans {folder} : {free / 1e9:.1f} Go libres, il en faut "
            f"{need * 1.3 / 1e9:.1f}. Réduisez --scale."
        )
    started = time.perf_counter()
    # In a child process: DuckDB's memory while writing the files would otherwise stay in this
    # process, and in the peak memory its children report (Linux keeps it across exec).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "leviers.testing.sirene",
            "--unites",
            str(units),
            "--etablissements",
            str(establishments),
            "--output",
            str(folder),
        ],
        check=True,
        cwd=_support.ROOT,
    )
    done.write_text(json.dumps(wanted))
    return time.perf_counter() - started


def child_scan(folder: Path) -> dict:
    """The floor: DuckDB reads every row of both files and counts them, nothing else."""
    import duckdb

    db = duckdb.connect()
    db.execute("SET threads = 2")
    db.execute("SET memory_limit = '2GB'")
    passes = []
    # Twice: the first pass may read the files from the disk, the second finds them in the page
    # cache, as the import that follows does. The floor is the faster pass: a floor read from
    # the disk flattered the ratio (1.7× against a cold floor, 2.9× against a warm one).
    for _ in range(2):
        started, cpu = time.perf_counter(), time.process_time()
        rows = [
            db.execute(
                f"SELECT count(*) FROM read_csv('{path}', header = true, all_varchar = true)"
            ).fetchone()[0]
            for path in _files(folder)
        ]
        passes.append((time.perf_counter() - started, time.process_time() - cpu))
    (scan_s, scan_cpu_s) = min(passes)
    # For the record, not the ratio: the same files read as the import reads them (its own
    # `read_csv`, the columns it uses materialised), still without any other work.
    from leviers.observatory.sirene.read import (
        ESTABLISHMENT_COLUMNS,
        UNIT_COLUMNS,
        column,
        prepare,
        reader,
    )

    started = time.perf_counter()
    for path, columns, name in zip(
        _files(folder),
        (UNIT_COLUMNS, ESTABLISHMENT_COLUMNS),
        ("units", "establishments"),
        strict=True,
    ):
        source = prepare(path, columns, folder, name)  # header read as the import reads it
        counted = ", ".join(f"count({column(source, c)})" for c in columns)
        db.execute(f"SELECT {counted} FROM {reader(source, name)}").fetchall()
    return {
        "scan_s": scan_s,
        "scan_cpu_s": scan_cpu_s,
        "first_pass_s": passes[0][0],
        "columns_s": time.perf_counter() - started,
        "rows": rows,
        "rss_mb": _peak_rss_mb(),
    }


def child_import(folder: Path, memory: str) -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from leviers.observatory.models import CommuneEssStats
    from leviers.observatory.sirene import import_sirene
    from leviers.territories.importers.decoupage import import_referential

    call_command("migrate", verbosity=0)
    import_referential(progress=False)
    rss_before = _peak_rss_mb()
    units, establishments = _files(folder)
    started, cpu = time.perf_counter(), time.process_time()
    counts = import_sirene(units, establishments, progress=False, memory_limit=memory)
    import_s, import_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    rss = _peak_rss_mb()

    codes = list(CommuneEssStats.objects.values_list("commune_id", flat=True))
    random.Random(4).shuffle(codes)
    from leviers.observatory.models import TerritoryEssStats
    from leviers.territories.models import Commune

    def indicators(code: str) -> None:
        """The figures a page shows: the commune's, and those of its EPCI, department, region."""
        commune = Commune.objects.get(code=code)
        list(CommuneEssStats.objects.filter(commune_id=code))
        list(
            TerritoryEssStats.objects.filter(
                code__in=[commune.epci_id or "", commune.department_id, commune.region_id, "FR"]
            )
        )

    figures = []
    for code in codes[:300]:
        t = time.perf_counter()
        indicators(code)
        figures.append((time.perf_counter() - t) * 1000)
    client = Client(HTTP_HOST="localhost")
    client.get(f"/observatoire/communes/{codes[0]}/")  # warm-up (templates, first queries)
    timings = []
    for code in codes[:300]:
        t = time.perf_counter()
        response = client.get(f"/observatoire/communes/{code}/")
        timings.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, code
    return {
        "vendor": connection.vendor,
        "import_s": import_s,
        "import_cpu_s": import_cpu_s,
        "counts": str(counts),
        "malformed": counts.rejected,
        "rss_mb": rss,
        "rss_before_import_mb": rss_before,
        "figures_p95_ms": _support.percentile(figures, 95),
        "page_p50_ms": _support.percentile(timings, 50),
        "page_p95_ms": _support.percentile(timings, 95),
    }


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], "sqlite")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 30 M + 40 M lignes")
    parser.add_argument(
        "--dir", default="/tmp/leviers-sirene-bench", help="dossier des fichiers générés"
    )
    parser.add_argument("--memoire", default="2GB", help="memory_limit de DuckDB")
    parser.add_argument("--child-scan", action="store_true", help="(interne)")
    args = parser.parse_args()
    folder = Path(args.dir) / f"scale-{args.scale:g}"

    if args.child_scan:
        _support.report(child_scan(folder))
        return
    if args.child:
        _support.report(child_import(folder, args.memoire))
        return

    units = int(UNITS_AT_SCALE_1 * args.scale)
    establishments = int(ESTABLISHMENTS_AT_SCALE_1 * args.scale)
    generated_s = generate(folder, units, establishments)
    size = sum(p.stat().st_size for p in _files(folder)) / 1e9
    print(
        f"Stock synthétique : {units:,} unités légales + {establishments:,} établissements, "
        f"{size:.1f} Go dans {folder}"
        + (f" (générés en {generated_s:.0f} s)" if generated_s else " (réutilisés)")
    )
    script = str(Path(__file__).resolve())
    extra = ["--scale", f"{args.scale:g}", "--dir", args.dir, "--memoire", args.memoire]
    scan = _scan(script, extra)
    print(
        f"plancher : lecture DuckDB nue (count(*)) {scan['scan_s']:.1f} s, "
        f"{sum(scan['rows']):,} lignes, {scan['rss_mb']:.0f} Mo au plus "
        f"(meilleure de deux lectures ; la première : {scan['first_pass_s']:.1f} s)"
    )
    print(
        f"pour mémoire : lecture des seules colonnes qu'utilise l'import, sans autre travail "
        f"{scan['columns_s']:.1f} s ({scan['columns_s'] / scan['scan_s']:.1f}× le plancher)"
    )
    imports = []
    for name in _support.databases(args.databases):
        with _support.fresh_database(name, args.postgres_url) as url:
            imports.append((name, _support.run_child(script, url, extra)))
    after = _scan(script, extra)
    print(
        f"\nplancher mesuré de nouveau après les imports : {after['scan_s']:.1f} s "
        f"(avant : {scan['scan_s']:.1f} s) ; les rapports qui suivent sont à leur moyenne"
    )
    for key in ("scan_s", "scan_cpu_s"):
        scan[key] = (scan[key] + after[key]) / 2
    for name, r in imports:
        _print_import(name, r, scan)


def _scan(script: str, extra: list[str]) -> dict:
    """The floor, measured in a child process (child_scan)."""
    done = subprocess.run(
        [sys.executable, script, "--child-scan", *extra],
        stdout=subprocess.PIPE,
        text=True,
        cwd=_support.ROOT,
    )
    return _support.reported(done, f"{script} --child-scan")


def _print_import(name: str, r: dict, scan: dict) -> None:
    """One database's figures, its ratios to the floor `scan`."""
    ratio = r["import_s"] / scan["scan_s"]
    print(f"\n== {name} ({r['vendor']})")
    print(
        f"import     {r['import_s']:7.1f} s  (cible ≤ {TARGET_IMPORT_S:g} s → "
        f"{_support.verdict(r['import_s'], TARGET_IMPORT_S)})  {ratio:4.1f}× le plancher "
        f"(cible ≤ {TARGET_RATIO:g}× → {_support.verdict(ratio, TARGET_RATIO)})"
    )
    print(
        f"temps CPU  {r['import_cpu_s']:7.1f} s  (plancher {scan['scan_cpu_s']:.1f} s)    "
        f"{r['import_cpu_s'] / scan['scan_cpu_s']:4.1f}× le plancher"
    )
    print(
        f"mémoire    {r['rss_mb']:7.0f} Mo au plus (cible ≤ {TARGET_RSS_MB:g} Mo → "
        f"{_support.verdict(r['rss_mb'], TARGET_RSS_MB)}) ; "
        f"{r['rss_before_import_mb']:.0f} Mo avant l'import"
    )
    print(
        f"indicateurs d'une commune (3 requêtes) p95 {r['figures_p95_ms']:.1f} ms "
        f"(cible ≤ {TARGET_PAGE_P95_MS:g} ms → "
        f"{_support.verdict(r['figures_p95_ms'], TARGET_PAGE_P95_MS)})"
    )
    print(
        f"page ESS d'une commune p50 {r['page_p50_ms']:.1f} ms, p95 {r['page_p95_ms']:.1f} ms "
        f"(cible ≤ {TARGET_PAGE_P95_MS:g} ms → "
        f"{_support.verdict(r['page_p95_ms'], TARGET_PAGE_P95_MS)})"
    )
    print(f"comptes   {r['counts']}")


if __name__ == "__main__":
    main()
