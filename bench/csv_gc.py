"""The contributions CSV (5,000 rows) with and without the start-up freeze, side by side in
one process: CPU time, wall time and the full garbage collections of each download.

    .venv/bin/python bench/csv_gc.py [--databases sqlite,postgres] [--blocks 6] [--block 10]

The project of `bench/workspace.py` is built, then the admin downloads the CSV in blocks of
`--block` downloads, alternately with what a server process has loaded left to the collector
(« sans gel ») and frozen out of its full collections (« gel », `gc.freeze()` after one
`core.memory.freeze_startup` as `leviers/wsgi.py` does; no collection at the switches, which
would reset the collector's counters in one state only): both states see the same machine
at the same moments, and CPU time (`time.process_time`, the database's too on SQLite) is
read apart from wall time, which a loaded machine inflates. Each full (generation 2)
collection is timed (`_support.GcPauses`). Issue 12's target for the page: p95 ≤ 150 ms.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402
import workspace  # noqa: E402

STATES = ("sans gel", "gel")


def child(blocks: int, block: int) -> None:
    _support.setup_django()
    from django.test import Client
    from django.urls import reverse

    from leviers.accounts.models import User
    from leviers.core.memory import freeze_startup

    values = workspace._prepare()
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(User.objects.get(username="bench"))
    path = reverse("participation:csv", kwargs={"public_id": values["public_id"]})
    for _ in range(3):
        workspace._get(admin, path)
    freeze_startup()  # once, as the server does (URL modules loaded, one collection)
    measures = {state: {"cpu": [], "wall": [], "gc": [], "gc_ms": []} for state in STATES}
    pauses = _support.GcPauses()
    gc.callbacks.append(pauses)
    for _ in range(blocks):
        for state in STATES:
            # No collection at the switch: the collector's counters run on as they would.
            if state == "gel":
                gc.freeze()
            else:
                gc.unfreeze()
            for _ in range(block):
                before = len(pauses.full)
                wall, cpu = time.perf_counter(), time.process_time()
                workspace._get(admin, path)
                measures[state]["cpu"].append((time.process_time() - cpu) * 1000)
                measures[state]["wall"].append((time.perf_counter() - wall) * 1000)
                measures[state]["gc"].append(len(pauses.full) - before)
                measures[state]["gc_ms"].extend(pauses.full[before:])
    gc.callbacks.remove(pauses)
    from django.db import connection

    _support.report({"vendor": connection.vendor, "tracked": len(gc.get_objects()), **measures})


def print_report(results: dict[str, dict]) -> None:
    p = _support.percentile
    for db, r in results.items():
        print(f"\n== {db} ({r['vendor']}) : CSV des contributions, ms")
        print(
            f"{'':10}{'n':>4}{'CPU p50':>9}{'CPU p95':>9}{'mur p50':>9}{'mur p95':>9}{'GC':>4}"
            f"{'GC max (mur)':>14}"
        )
        for state in STATES:
            m = r[state]
            worst = max(m["gc_ms"], default=0.0)
            print(
                f"{state:10}{len(m['cpu']):4d}{p(m['cpu'], 50):9.1f}{p(m['cpu'], 95):9.1f}"
                f"{p(m['wall'], 50):9.1f}{p(m['wall'], 95):9.1f}{sum(m['gc']):4d}{worst:14.1f}"
                f"   {_support.verdict(p(m['cpu'], 95), workspace.TARGET_P95_MS)} (CPU)"
            )


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], "sqlite,postgres")
    parser.add_argument("--blocks", type=int, default=6, help="blocs par état")
    parser.add_argument("--block", type=int, default=10, help="téléchargements par bloc")
    args = parser.parse_args()
    if args.child:
        child(args.blocks, args.block)
        return
    extra = ["--blocks", str(args.blocks), "--block", str(args.block)]
    print_report(_support.run_each_database(__file__, args, extra))


if __name__ == "__main__":
    main()
