"""Benchmark of the eligibility engine: one profile against 10,000 schemes, with explanations.

    .venv/bin/python bench/eligibility.py [--schemes 10000] [--runs 50] [--seed 2026]

Each run builds a fresh profile, as a request would (nothing is carried over between runs), and
evaluates it against the whole synthetic catalogue (leviers/testing/catalogue.py): a verdict
and one sentence per criterion for every scheme. The baseline is the same loop doing only a
dictionary lookup per scheme, measured in the same run, so the ratio does not depend on the
machine. Wall-clock and CPU times are both shown: CPU time is less disturbed by a busy machine.

`CompiledSchemes.evaluate` is measured: the whole catalogue at once, compiled once at load (the
only way the engine evaluates; `evaluate` compiles a catalogue of one scheme). Target: p95 ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leviers.catalogue.eligibility import CompiledSchemes  # noqa: E402
from leviers.testing.catalogue import (  # noqa: E402
    compile_catalogue,
    pommerieux,
    synthetic_catalogue,
)

TARGET_P95_MS = 20.0
ANSWERS = {"plus-de-commerce": True, "benevoles": True}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, runs: int) -> dict[str, float]:
    for _ in range(3):  # warm-up
        function()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        function()
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return {
        "p50": percentile(wall, 0.50),
        "p95": percentile(wall, 0.95),
        "cpu50": percentile(cpu, 0.50),
        "cpu95": percentile(cpu, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    raw = synthetic_catalogue(args.schemes, seed=args.seed)
    start = time.perf_counter()
    catalogue = compile_catalogue(raw)
    parse_ms = (time.perf_counter() - start) * 1000
    criteria_count = sum(len(c) for c in catalogue.values())
    start = time.perf_counter()
    compiled = CompiledSchemes(catalogue)
    compile_ms = (time.perf_counter() - start) * 1000

    def engine():
        return compiled.evaluate(pommerieux("commune", "emergence", ANSWERS))

    lookup = dict.fromkeys(catalogue)

    def baseline():
        profile = pommerieux("commune", "emergence", ANSWERS)
        return {slug: lookup.get(slug, profile) for slug in catalogue}

    rows = {"témoin (une recherche de dict par dispositif)": timed(baseline, args.runs)}
    rows["moteur, CompiledSchemes.evaluate"] = timed(engine, args.runs)

    verdicts = engine()
    statuses = Counter(v.status for v in verdicts.values())
    sentences = sum(len(v.reasons) for v in verdicts.values())
    print(
        f"catalogue : {len(catalogue)} dispositifs, {criteria_count} critères (périmètre compris), "
        f"analysés une fois en {parse_ms:.0f} ms, compilés en {compile_ms:.0f} ms"
    )
    print(f"verdicts : {dict(statuses)} ; {sentences} phrases ; {args.runs} passages")
    print(f"{'':48} {'p50':>8} {'p95':>8} {'p50 CPU':>8} {'p95 CPU':>8}  (ms)")
    for name, r in rows.items():
        print(f"{name:48} {r['p50']:8.2f} {r['p95']:8.2f} {r['cpu50']:8.2f} {r['cpu95']:8.2f}")
    base = rows["témoin (une recherche de dict par dispositif)"]
    for name, r in list(rows.items())[1:]:
        print(
            f"rapport au témoin, {name.removeprefix('moteur, ')} : "
            f"p50 ×{r['p50'] / base['p50']:.1f}, p95 ×{r['p95'] / base['p95']:.1f}"
        )
        reached = "atteint" if r["p95"] <= TARGET_P95_MS else "MANQUÉ"
        print(f"  objectif p95 ≤ {TARGET_P95_MS:.0f} ms : {reached} ({r['p95']:.2f} ms)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"charge de la machine pendant la mesure : {load} sur {os.cpu_count()} cœurs")


if __name__ == "__main__":
    main()
