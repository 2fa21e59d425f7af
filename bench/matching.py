"""Benchmark of matching: one realistic profile against a catalogue of 10,000 schemes, with every
explanation (`leviers.catalogue.matching.match`, in process, no database).

    .venv/bin/python bench/matching.py [--schemes 10000] [--runs 100] [--seed 2026]

The schemes are those of leviers/testing/catalogue.py (criteria as the real ones are written),
given names, needs and stages; 300 levers and 500 experiences are drawn around them (the
real catalogue has 16 and 14). Every
scheme is curated, so every one gets a verdict and its sentences (the worst case: imported aids
that do not relate to the project are skipped by `match`). The profile is Pommerieux's (667
inhabitants, CC du Pays de Craon), a commune carrying a project at the emergence stage, with
two needs, two answers and the full-text scores of a description. Each run builds a fresh
Profile, as a request does, so no sentence is carried over between runs.

The baseline, measured in the same run, walks the same catalogue doing the least any ranking
must: one dictionary lookup per scheme, lever and experience, then a sort of the schemes.
Target: p95 ≤ 20 ms for `match`. As in the server (catalogue/snapshot.py), the catalogue is
frozen out of the garbage collector's full collections once built (`gc.freeze()`), and the
young collections are spaced out as a worker does when it starts (`space_young_collections`,
core/memory.py); the same match with neither is reported apart. Compiling the catalogue (once
per process, on the first match) is reported apart; so are `as_dict`, the JSON the API and the
CLI write, and the shape of a real catalogue: 300 curated schemes, the other 9,700 imported
aids (kept only when they relate to the project).

`--compare CHECKOUT` also runs the matching and eligibility engine of another checkout (an
earlier commit in a `git worktree`) in the same process, on the same catalogue, alternating
with this one run by run, after checking that both rank alike: on a machine whose speed drifts
from one minute to the next, the ratio of the two is what holds. (Only for checkouts whose
`matching.py` reads the same items as this one's.)
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _support  # noqa: E402

from leviers.catalogue import vocabulary  # noqa: E402
from leviers.catalogue.matching import (  # noqa: E402
    Catalogue,
    ExperienceItem,
    LeverItem,
    SchemeItem,
    as_dict,
    match,
)
from leviers.core.memory import space_young_collections  # noqa: E402
from leviers.testing.catalogue import (  # noqa: E402
    METRO_DEPARTMENTS,
    compile_catalogue,
    pommerieux,
    synthetic_catalogue,
)

TARGET_P95_MS = 20.0
NEEDS = frozenset({"commerce", "lien-social"})
ANSWERS = {"plus-de-commerce": True, "benevoles": True}
CURATED = 300
WORDS = ["appui", "fonds", "programme", "appel à projets", "prêt", "accompagnement", "aide"]


def build_catalogue(count: int, seed: int) -> tuple[Catalogue, dict]:
    rng = random.Random(seed)
    raw = synthetic_catalogue(count, seed=seed)
    compiled = compile_catalogue(raw)
    needs, stages = list(vocabulary.NEEDS), list(vocabulary.STAGES)
    schemes = [
        SchemeItem(
            slug,
            f"{rng.choice(WORDS).capitalize()} n° {i}",
            f"Opérateur {rng.randint(1, 300)}",
            rng.choice(list(vocabulary.SCHEME_KINDS)),
            "Un résumé d'une phrase.",
            frozenset(rng.sample(needs, rng.randint(1, 3))),
            frozenset(rng.sample(stages, rng.randint(0, 4))),
            criteria,
        )
        for i, (slug, criteria) in enumerate(compiled.items())
    ]
    levers = [
        LeverItem(
            f"levier-{i}",
            f"Levier n° {i}",
            "Un résumé.",
            frozenset(rng.sample(needs, rng.randint(1, 4))),
            tuple(rng.choice(schemes).slug for _ in range(rng.randint(2, 8))),
        )
        for i in range(300)
    ]
    lever_needs = {lever.slug: lever.needs for lever in levers}
    experiences = []
    for i in range(500):
        department = rng.choice(["53"] * 5 + METRO_DEPARTMENTS)
        used = tuple(rng.choice(levers).slug for _ in range(rng.randint(1, 3)))
        experiences.append(
            ExperienceItem(
                f"experience-{i}",
                f"Expérience n° {i}",
                "Un résumé.",
                f"{department}{rng.randint(1, 600):03d}",
                f"Commune {i}",
                department,
                f"Département {department}",
                "52" if department == "53" else rng.choice(["11", "24", "84"]),
                int(rng.lognormvariate(6.8, 1.2)),
                rng.randint(1, 7),
                used,
                frozenset(n for slug in used for n in lever_needs[slug]),
            )
        )
    # What the full-text search of a description gives: a few hundred documents with a score.
    text_scores = {("scheme", s.slug): rng.uniform(0.5, 5.0) for s in rng.sample(schemes, 200)}
    text_scores |= {("lever", lever.slug): rng.uniform(0.5, 5.0) for lever in levers[:20]}
    return Catalogue(levers, experiences, schemes), text_scores


def timed(function, runs: int) -> dict[str, list[float]]:
    """Wall-clock and CPU milliseconds of `runs` calls (CPU time is less disturbed by a busy
    machine: other processes do not count in it)."""
    for _ in range(5):  # warm-up
        function()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        function()
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return {"wall": wall, "cpu": cpu}


def other_checkout(root: Path):
    """The matching module of another checkout, with that checkout's eligibility engine (the
    rest of the package, items and sentences included, is this checkout's)."""

    def load(name: str, path: Path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    package = root / "leviers" / "catalogue"
    engine = load("compared_engine", package / "eligibility" / "engine.py")
    matching = load("compared_matching", package / "matching.py")
    matching.CompiledSchemes = engine.CompiledSchemes
    return matching


def compare(root: Path, catalogue: Catalogue, profile, text_scores, runs: int) -> None:
    """This checkout's match() and the other's, alternated run by run (see the docstring)."""
    other = other_checkout(root)
    theirs = other.Catalogue(catalogue.levers, catalogue.experiences, catalogue.schemes)

    def seen(result):
        schemes = [(r.item.slug, r.relevance, r.reasons, r.verdict) for r in result.schemes]
        return schemes, [(q.id, n) for q, n in result.questions]

    ours = match(catalogue, profile(), NEEDS, text_scores)
    if seen(ours) != seen(other.match(theirs, profile(), NEEDS, text_scores)):
        sys.exit(f"{root} ne classe pas comme ce dépôt : comparaison impossible.")
    gc.collect()
    gc.freeze()
    space_young_collections()
    cpu: dict[str, list[float]] = {"ce dépôt": [], str(root): []}
    calls = {
        "ce dépôt": lambda: match(catalogue, profile(), NEEDS, text_scores),
        str(root): lambda: other.match(theirs, profile(), NEEDS, text_scores),
    }
    for _ in range(5):  # warm-up
        for call in calls.values():
            call()
    for _ in range(runs):
        for name, call in calls.items():
            started = time.thread_time()
            call()
            cpu[name].append((time.thread_time() - started) * 1000)
    gc.unfreeze()
    p = _support.percentile
    for name, times in cpu.items():
        print(f"match() de {name:40} p50 CPU {p(times, 50):6.2f}  p95 CPU {p(times, 95):6.2f} ms")
    mine, other_times = cpu["ce dépôt"], cpu[str(root)]
    print(
        f"rapport ce dépôt / {root} : p50 CPU ×{p(mine, 50) / p(other_times, 50):.3f}, "
        f"p95 CPU ×{p(mine, 95) / p(other_times, 95):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT")
    args = parser.parse_args()

    started = time.perf_counter()
    catalogue, text_scores = build_catalogue(args.schemes, args.seed)
    build_s = time.perf_counter() - started

    def profile():
        return pommerieux("commune", "emergence", ANSWERS)

    def matching():
        return match(catalogue, profile(), NEEDS, text_scores)

    def matching_json():
        return as_dict(match(catalogue, profile(), NEEDS, text_scores), {})

    def baseline():
        p = profile()
        seen = [(s.name, text_scores.get(("scheme", s.slug), p)) for s in catalogue.schemes]
        seen += [text_scores.get(("lever", lever.slug)) for lever in catalogue.levers]
        seen += [text_scores.get(("experience", e.slug)) for e in catalogue.experiences]
        return sorted(seen[: len(catalogue.schemes)], key=lambda item: item[0])

    started = time.perf_counter()
    first = matching()
    first_ms = (time.perf_counter() - started) * 1000
    # The shape of a real catalogue: a few hundred curated schemes, the rest imported aids
    # (shown only when they relate to the project).
    mixed = Catalogue(
        catalogue.levers,
        catalogue.experiences,
        [replace(s, curated=i < CURATED) for i, s in enumerate(catalogue.schemes)],
    )
    match(mixed, profile(), NEEDS, text_scores)  # compiles it
    # Without freezing first: the collector walks the whole catalogue at each full collection.
    unfrozen = timed(matching, args.runs)
    gc.collect()
    gc.freeze()  # what the server does once its catalogue is loaded (catalogue/snapshot.py)
    space_young_collections()  # and what a worker does when it starts (wsgi.py)
    rows = {
        "témoin (une recherche par fiche, puis un tri)": timed(baseline, args.runs),
        "match()": timed(matching, args.runs),
        "match() + as_dict() (le JSON)": timed(matching_json, args.runs),
        f"match(), {CURATED} rédigés + le reste importé": timed(
            lambda: match(mixed, profile(), NEEDS, text_scores), args.runs
        ),
        "match(), ni gel ni ramassages espacés": unfrozen,
    }
    gc.unfreeze()

    p = _support.percentile
    verdicts = Counter(r.verdict.status for r in first.schemes)
    sentences = sum(len(r.verdict.reasons) for r in first.schemes)
    print(
        f"catalogue : {len(catalogue.schemes)} dispositifs, {len(catalogue.levers)} leviers, "
        f"{len(catalogue.experiences)} retours d'expérience, construits en {build_s:.1f} s"
    )
    print(
        f"résultat : {dict(verdicts)} ; {sentences} phrases ; {len(first.levers)} leviers, "
        f"{len(first.experiences)} expériences, {len(first.questions)} questions classés"
    )
    print(f"premier appel (compile le catalogue, une fois par processus) : {first_ms:.0f} ms")
    print(f"{'':46}{'p50':>8}{'p95':>8}{'p99':>8}{'p50 CPU':>9}{'p95 CPU':>9}  (ms)")
    for name, r in rows.items():
        print(
            f"{name:46}"
            + "".join(f"{p(r['wall'], q):8.2f}" for q in (50, 95, 99))
            + "".join(f"{p(r['cpu'], q):9.2f}" for q in (50, 95))
        )
    base = rows["témoin (une recherche par fiche, puis un tri)"]
    for name, r in list(rows.items())[1:]:
        print(
            f"rapport au témoin, {name} : p50 ×{p(r['wall'], 50) / p(base['wall'], 50):.1f}, "
            f"p50 CPU ×{p(r['cpu'], 50) / p(base['cpu'], 50):.1f}"
        )
    for clock, label in (("wall", "temps réel"), ("cpu", "temps CPU")):
        p95 = p(rows["match()"][clock], 95)
        print(
            f"cible p95 de match() ≤ {TARGET_P95_MS:g} ms, {label} : {p95:.2f} ms → "
            f"{_support.verdict(p95, TARGET_P95_MS)}"
        )
    if args.compare:
        compare(args.compare, catalogue, profile, text_scores, args.runs)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"charge de la machine pendant la mesure : {load} sur {os.cpu_count()} cœurs")


if __name__ == "__main__":
    main()
