"""The rights screening (leviers/screening/engine.py) on OpenFisca-France: load, one, a thousand.

    .venv/bin/python bench/screening.py [--rounds 20] [--batch 1000]

No database: the screening reads none. Measures, apart:
1. building the legislation (OpenFisca-France's CountryTaxBenefitSystem, then the screening's
   two copies of it with the shortcuts, `legislation.screening_system`), once per process;
2. the first screening (OpenFisca reads the parameters of the month on first use);
3. `--rounds` screenings of one household each (`screen`), varied households
   (`leviers.testing.screening.households`): p50 and p95, wall clock and CPU, for all of
   them and apart for those with wages (OpenFisca computes their contributions month by
   month) and those without;
4. `--batch` households screened together by `screen_many`, ONE vectorised simulation (one row
   per household), against the time `--batch` one-by-one screenings would take (p50 × batch).
Targets (issue 14): one screening p95 ≤ 300 ms; 1,000 screenings ≤ 60 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _support import percentile  # noqa: E402

from leviers.testing.screening import households  # noqa: E402

TARGET_P95_MS = 300.0
TARGET_BATCH_S = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    from leviers.screening import engine, legislation

    started = time.perf_counter()
    legislation.tax_benefit_system()
    legislation.screening_system(earns=True)
    legislation.screening_system(earns=False)
    print(f"OpenFisca-France {legislation.legislation_version()}")
    import resource

    print(f"legislation built                 {legislation.LOAD_SECONDS:8.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process memory (max RSS)          {rss:8.0f} Mo")

    sample = households(args.rounds + 1, seed=1)
    started = time.perf_counter()
    engine.screen(sample[0])
    print(f"first screening                   {time.perf_counter() - started:8.2f} s")

    measures = []  # (earns, wall ms, CPU ms)
    for answers in sample[1:]:
        started, cpu = time.perf_counter(), time.process_time()
        engine.screen(answers)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        measures.append((answers.earnings > 0, wall * 1000, cpu * 1000))
    times = [wall for _, wall, _ in measures]
    p50 = statistics.median(times)
    print(f"one screening ({args.rounds} rounds)           p50      p95  CPU p50  CPU p95")
    for label, group in (
        ("all", measures),
        ("with wages", [m for m in measures if m[0]]),
        ("without wages", [m for m in measures if not m[0]]),
    ):
        print(f"  {label + f' ({len(group)})':<31}" + (_quantiles(group) if group else ""))
    p95 = percentile(times, 95)
    verdict = "OK" if p95 <= TARGET_P95_MS else "MANQUÉ"
    print(f"  target p95 (all) {TARGET_P95_MS:.0f} ms {verdict}")

    batch = households(args.batch, seed=2)
    started, cpu = time.perf_counter(), time.process_time()
    results = engine.screen_many(batch)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    verdict = "OK" if seconds <= TARGET_BATCH_S else "MANQUÉ"
    print(
        f"{args.batch} screenings, one simulation  {seconds:8.2f} s  (CPU {cpu:.2f} s)"
        f"  target {TARGET_BATCH_S:.0f} s {verdict}"
    )
    one_by_one = p50 * args.batch / 1000
    print(f"  one by one would take about      {one_by_one:8.0f} s (p50 × {args.batch})")
    eligible = {
        slug: sum(1 for r in results for e in r if e.slug == slug and e.eligible)
        for slug in engine.RIGHTS
    }
    print("  probably eligible: " + ", ".join(f"{k} {v}" for k, v in eligible.items()))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process memory after the batch    {rss:8.0f} Mo")


def _quantiles(group: list[tuple[bool, float, float]]) -> str:
    wall = [m[1] for m in group]
    cpu = [m[2] for m in group]
    return (
        f"{statistics.median(wall):5.0f} ms {percentile(wall, 95):5.0f} ms"
        f" {statistics.median(cpu):5.0f} ms {percentile(cpu, 95):5.0f} ms"
    )


if __name__ == "__main__":
    main()
