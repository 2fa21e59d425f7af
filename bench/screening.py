"""The rights screening (leviers/screening/engine.py) on OpenFisca-France: load, one, a thousand.

    .venv/bin/python bench/screening.py [--rounds 20] [--batch 1000]

No database: the screening reads none. Measures, apart:
1. building the legislation (OpenFisca-France's CountryTaxBenefitSystem, then the screening's
   two neutralised copies of it, `engine.screening_system`), once per process;
2. the first screening (OpenFisca reads the parameters of the month on first use);
3. `--rounds` screenings of one household each (`screen`), varied households: p50 and p95;
4. `--batch` households screened together by `screen_many`, ONE vectorised simulation (one row
   per household), against the time `--batch` one-by-one screenings would take (p50 × batch).
Targets (issue 14): one screening p95 ≤ 300 ms; 1,000 screenings ≤ 60 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_P95_MS = 300.0
TARGET_BATCH_S = 60.0


def households(count: int, seed: int = 14) -> list:
    from leviers.screening.answers import Answers, Housing

    rng = random.Random(seed)
    communes = ["23096", "53180", "19272", "48095", "15014"]
    result = []
    for _ in range(count):
        couple = rng.random() < 0.4
        housing = rng.choice([Housing.TENANT, Housing.TENANT, Housing.OWNER, Housing.HOSTED])
        result.append(
            Answers(
                age=rng.randint(60, 95),
                couple=couple,
                partner_age=rng.randint(60, 95) if couple else None,
                pensions=Decimal(rng.randrange(300, 2600, 10)),
                earnings=Decimal(rng.choice([0, 0, 0, 400, 900])),
                other=Decimal(rng.choice([0, 0, 100])),
                housing=housing,
                rent=Decimal(rng.randrange(250, 700, 10))
                if housing == Housing.TENANT
                else Decimal(0),
                commune=rng.choice(communes),
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    from leviers.screening import engine

    started = time.perf_counter()
    engine.tax_benefit_system()
    engine.screening_system(earns=True)
    engine.screening_system(earns=False)
    print(f"OpenFisca-France {engine.legislation_version()}")
    import resource

    print(f"legislation built                 {engine.LOAD_SECONDS:8.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process memory (max RSS)          {rss:8.0f} Mo")

    sample = households(args.rounds + 1, seed=1)
    started = time.perf_counter()
    engine.screen(sample[0])
    print(f"first screening                   {time.perf_counter() - started:8.2f} s")

    times, cpu_times = [], []
    for answers in sample[1:]:
        started, cpu = time.perf_counter(), time.process_time()
        engine.screen(answers)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
    p95, p50 = percentile(times, 95), statistics.median(times)
    verdict = "OK" if p95 <= TARGET_P95_MS else "MANQUÉ"
    print(
        f"one screening ({args.rounds} rounds)        p50 {p50:7.0f} ms  p95 {p95:7.0f} ms"
        f"  (CPU p50 {statistics.median(cpu_times):.0f} ms, p95 {percentile(cpu_times, 95):.0f} ms)"
        f"  target p95 {TARGET_P95_MS:.0f} ms {verdict}"
    )

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


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100), as bench/_support.py computes it."""
    ordered = sorted(values)
    return ordered[int(max(1, -(-len(ordered) * p // 100))) - 1]


if __name__ == "__main__":
    main()
