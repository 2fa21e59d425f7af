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

`--compare CHECKOUT [--rounds 6]` compares this checkout's `match()` with another's (an earlier
commit in a `git worktree`), each in processes of its own, alternated: `--rounds` pairs of
processes, each building the catalogue with its own code, then timing `match()` alone
(`--match-only`, which prints its CPU percentiles and a digest of the ranking). Both must rank
alike. The median of the rounds' ratios is what holds on a machine whose speed drifts
from one minute to the next. Not in one process: there, the two catalogues sit in different
parts of the heap, and a self-comparison came out 7-11 % apart, either way depending on which
was compiled first. (For checkouts whose `leviers.testing.catalogue` builds the same items.)

`--compare CHECKOUT --instructions` counts instead the instructions the processor runs for
`match()` (valgrind's callgrind, both checkouts at once, about five minutes): a count that the
machine's speed does not move (the same code twice: 0.16 % apart), where times drift by tens of
percent from one process to the next. Not a time: cache misses and the collector's pauses do
not follow it, so a target in milliseconds still wants a quiet machine.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The code measured: this checkout's, or the one `--compare` names (LEVIERS_BENCH_CODE).
sys.path.insert(0, os.environ.get("LEVIERS_BENCH_CODE") or str(Path(__file__).parents[1]))

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


def profile():
    """Pommerieux's profile, made anew for each match, as a request does."""
    return pommerieux("commune", "emergence", ANSWERS)


def freeze() -> None:
    """What the server does once its catalogue is loaded (catalogue/snapshot.py), and what a
    worker does when it starts (wsgi.py)."""
    gc.collect()
    gc.freeze()
    space_young_collections()


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


def ranking_digest(result) -> str:
    """A digest of what `match` ranked (schemes, relevance, reasons, verdicts, questions):
    two checkouts compared must give the same."""
    schemes = [(r.item.slug, r.relevance, r.reasons, r.verdict) for r in result.schemes]
    seen = repr((schemes, [(q.id, n) for q, n in result.questions]))
    return hashlib.sha256(seen.encode()).hexdigest()


COUNTED_MATCHES = 10  # under callgrind (--instructions)


def match_only(catalogue: Catalogue, text_scores: dict, runs: int, counted: bool) -> None:
    """A child of `--compare`: `match()` alone, as the table's row, reported as JSON. When
    `counted`, it runs under callgrind, which counts only inside `itertools.starmap`: the
    COUNTED_MATCHES matches after the warm-up, nothing else."""

    def matching():  # a fresh profile each time, as in the table
        return match(catalogue, profile(), NEEDS, text_scores)

    first = matching()
    freeze()
    found = {"digest": ranking_digest(first)}
    if counted:
        for _ in range(3):  # warm-up
            matching()
        list(itertools.starmap(matching, [()] * COUNTED_MATCHES))
    else:
        cpu = timed(matching, runs)["cpu"]
        found |= {"p50": _support.percentile(cpu, 50), "p95": _support.percentile(cpu, 95)}
    _support.report(found)


def _sides(root: Path) -> dict[str, Path]:
    """The two checkouts a comparison measures, by the name it prints."""
    return {"ce dépôt": Path(__file__).parents[1], str(root): root}


def _child_command(args: argparse.Namespace, *extra: str) -> list[str]:
    """This script as a `--match-only` child, on the same synthetic catalogue."""
    command = [sys.executable, __file__, "--match-only", *extra]
    return command + ["--schemes", str(args.schemes), "--seed", str(args.seed)]


def _child_env(code: Path) -> dict[str, str]:
    """The environment of a child that measures the checkout in `code`."""
    return {**os.environ, "LEVIERS_BENCH_CODE": str(code), "PYTHONPATH": str(code)}


def _exit_unless_alike(digests: set[str], root: Path) -> None:
    """Stop when the two checkouts did not rank alike: their figures would not compare."""
    if len(digests) != 1:
        sys.exit(f"{root} ne classe pas comme ce dépôt : comparaison impossible.")


def count_instructions(root: Path, args: argparse.Namespace) -> None:
    """Instructions per match() of this checkout and `root`'s, both under callgrind at once."""
    if shutil.which("valgrind") is None:
        sys.exit("--instructions demande valgrind (apt-get install valgrind).")
    command = _child_command(args, "--instructions")
    with tempfile.TemporaryDirectory(prefix="leviers-callgrind-") as folder:
        running = {}
        for n, (name, code) in enumerate(_sides(root).items()):
            valgrind = ["valgrind", "--tool=callgrind", "--collect-atstart=no"]
            valgrind += ["--toggle-collect=starmap_next", f"--callgrind-out-file={folder}/{n}"]
            env = _child_env(code)
            env["PYTHONHASHSEED"] = "0"  # the same sets, walked in the same order, each time
            pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
            process = subprocess.Popen(valgrind + command, env=env, **pipes)
            running[name] = (process, Path(folder, str(n)))
        counts, digests = {}, set()
        for name, (process, out) in running.items():
            stdout, stderr = process.communicate()
            # valgrind's own messages go to stderr: shown with the output if the child fails
            done = subprocess.CompletedProcess(process.args, process.returncode, stdout + stderr)
            digests.add(_support.reported(done, f"match() de {name}")["digest"])
            totals = re.search(r"^totals: (\d+)", out.read_text(), re.MULTILINE)
            counts[name] = int(totals.group(1)) / COUNTED_MATCHES
    _exit_unless_alike(digests, root)
    for name, count in counts.items():
        print(f"match() de {name:40} {count / 1e6:.1f} millions d'instructions")
    ratio = counts["ce dépôt"] / counts[str(root)]
    print(f"rapport ce dépôt / {root}, en instructions : ×{ratio:.3f}")


def compare(root: Path, args: argparse.Namespace) -> None:
    """This checkout's match() and `root`'s, in alternated processes (see the docstring)."""
    sides = _sides(root)
    found: dict[str, list[dict]] = {name: [] for name in sides}
    command = _child_command(args, "--runs", str(args.runs))
    for round_ in range(args.rounds):
        order = list(sides.items())
        for name, code in order if round_ % 2 else reversed(order):
            done = subprocess.run(command, env=_child_env(code), capture_output=True, text=True)
            found[name].append(_support.reported(done, f"match() de {name}"))
    _exit_unless_alike({r["digest"] for results in found.values() for r in results}, root)
    median = statistics.median
    for name, results in found.items():
        p50s = " ".join(f"{r['p50']:.2f}" for r in results)
        print(f"match() de {name:40} p50 CPU par tour : {p50s} ms")
    mine, theirs = found["ce dépôt"], found[str(root)]
    ratios = {q: [m[q] / t[q] for m, t in zip(mine, theirs, strict=True)] for q in ("p50", "p95")}
    print(
        f"rapport ce dépôt / {root} ({args.rounds} tours alternés, médianes) : "
        f"p50 CPU ×{median(ratios['p50']):.3f} "
        f"(tours de ×{min(ratios['p50']):.3f} à ×{max(ratios['p50']):.3f}), "
        f"p95 CPU ×{median(ratios['p95']):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT")
    parser.add_argument("--rounds", type=int, default=6, help="with --compare")
    parser.add_argument(
        "--instructions", action="store_true", help="with --compare: callgrind's counts"
    )
    parser.add_argument("--match-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare and args.instructions:
        count_instructions(args.compare.resolve(), args)
        return
    if args.compare:
        compare(args.compare.resolve(), args)
        return

    started = time.perf_counter()
    catalogue, text_scores = build_catalogue(args.schemes, args.seed)
    build_s = time.perf_counter() - started
    if args.match_only:
        match_only(catalogue, text_scores, args.runs, args.instructions)
        return

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
    freeze()
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
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"charge de la machine pendant la mesure : {load} sur {os.cpu_count()} cœurs")


if __name__ == "__main__":
    main()
