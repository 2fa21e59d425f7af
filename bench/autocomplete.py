"""Server time of the commune/EPCI autocomplete (`/api/v1/territoires/recherche?q=...`).

    .venv/bin/python bench/autocomplete.py [--databases sqlite,postgres] [--queries 1000]

For each database: a fresh database, `migrate`, `import_referential()`, then 1,000 varied
queries generated (seeded) from the real referential, sent in-process through Django's test
`Client` (so the whole middleware stack, no network). Each query is paired with a request to
a trivial JSON view that runs one `SELECT 1` through the same client: the framework floor.
Target: p95 ≤ 15 ms. The first request, which builds the in-memory index, is reported apart.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 15.0
SEED = 2026
# Share of each kind of query, out of 1,100.
MIX = {
    "préfixe tel quel": 300,
    "sans accents": 100,
    "majuscules": 100,
    "tirets en espaces": 100,
    "St pour Saint": 80,
    "code postal": 80,
    "code INSEE": 80,
    "code postal partiel": 60,
    "département à la fin": 60,
    "sans réponse": 40,
    # Typos: a letter left out, doubled or two swapped in a whole name (the index then
    # searches the names one or two letters away).
    "faute de frappe": 100,
}


# --- Queries ---------------------------------------------------------------------------------


def _prefix(rng: random.Random, name: str) -> str:
    return name[: rng.randint(min(2, len(name)), len(name))].rstrip(" -'")


def _typo(rng: random.Random, name: str) -> str:
    """`name` with one letter left out, doubled, or swapped with the next one."""
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 1)
    how = rng.choice(("oubli", "double", "inversion"))
    if how == "oubli":
        return name[:i] + name[i + 1 :]
    if how == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def generate_queries(communes: list[tuple], total: int, seed: int = SEED) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from `communes` = [(code, name, department, postal_codes)]."""
    from leviers.core.text import strip_accents

    rng = random.Random(seed)
    accented = [c for c in communes if strip_accents(c[1]) != c[1]]
    hyphenated = [c for c in communes if "-" in c[1]]
    saints = [c for c in communes if c[1].startswith(("Saint-", "Sainte-"))]
    with_postal = [c for c in communes if c[3]]
    scale = total / sum(MIX.values())
    queries: list[tuple[str, str]] = []
    for kind, share in MIX.items():
        for _ in range(max(1, round(share * scale))):
            code, name, department, postal_codes = rng.choice(communes)
            if kind == "préfixe tel quel":
                query = _prefix(rng, name)
            elif kind == "sans accents":
                query = _prefix(rng, strip_accents(rng.choice(accented)[1]))
            elif kind == "majuscules":
                query = _prefix(rng, name).upper()
            elif kind == "tirets en espaces":
                query = _prefix(rng, rng.choice(hyphenated)[1]).replace("-", " ")
            elif kind == "St pour Saint":
                saint = rng.choice(saints)[1]
                query = _prefix(rng, saint.replace("Sainte-", "Ste ").replace("Saint-", "St "))
            elif kind == "code postal":
                query = rng.choice(rng.choice(with_postal)[3])
            elif kind == "code INSEE":
                query = code
            elif kind == "code postal partiel":
                postal = rng.choice(rng.choice(with_postal)[3])
                query = postal[: rng.randint(2, 4)]
            elif kind == "faute de frappe":
                query = _typo(rng, name)
            elif kind == "département à la fin":
                query = f"{_prefix(rng, name)} {department}"
            else:
                letters = "".join(rng.choice("qxzwkjv") for _ in range(rng.randint(3, 8)))
                query = rng.choice([letters, f"{letters} {department}", "00000", "99999"])
            queries.append((kind, query))
    rng.shuffle(queries)
    return queries[:total]


# --- The child: one database -----------------------------------------------------------------


def measure(total: int) -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.territories.search import reset_index

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    import_referential(progress=False)
    import_seconds = time.perf_counter() - started
    communes = list(
        Commune.objects.order_by("code").values_list(
            "code", "name", "department_id", "postal_codes"
        )
    )
    queries = generate_queries(communes, total)
    n_communes = len(communes)
    del communes  # so that the heap the collector scans is the server's, not the bench's

    global urlpatterns
    urlpatterns = _support.floor_urlpatterns()
    client = Client(HTTP_HOST="localhost")
    search_url = "/api/v1/territoires/recherche"

    def timed(path: str, **params) -> tuple[float, object]:
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} {params} → {response.status_code}")
        return elapsed, response

    with override_settings(ROOT_URLCONF=__name__):
        for _ in range(50):  # warm the framework (middleware, URL resolver, connection)
            timed("/bench/plancher")
        reset_index()
        first_ms, _ = timed(search_url, q="pommerieux")

        floor_ms, search_ms, answers, empty = [], [], {}, 0
        by_kind: dict[str, list[float]] = {}
        # The first full collection after a build walks the whole new index once: time it
        # here, as part of the build's cost, rather than in whichever request it falls on.
        first_gc_ms = _full_collection_ms()
        pauses = _support.GcPauses()
        gc.callbacks.append(pauses)
        for kind, query in queries:
            elapsed, _ = timed("/bench/plancher")
            floor_ms.append(elapsed)
            elapsed, response = timed(search_url, q=query)
            search_ms.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            answers[query] = [r["code"] for r in response.json()["results"]]
            empty += not answers[query]
        gc.callbacks.remove(pauses)
        steady_gc_ms = _full_collection_ms(repeat=5)
        tracked = len(gc.get_objects())
        slowest = sorted(zip(search_ms, queries, strict=True), reverse=True)[:5]
    return {
        "vendor": connection.vendor,
        "communes": n_communes,
        "queries": len(queries),
        "empty": empty,
        "import_s": import_seconds,
        "first_ms": first_ms,
        "full_gc_ms": pauses.full,
        "first_gc_ms": first_gc_ms,
        "steady_gc_ms": steady_gc_ms,
        "gc_tracked": tracked,
        "floor_ms": floor_ms,
        "search_ms": search_ms,
        "by_kind_p95": {k: _support.percentile(v, 95) for k, v in by_kind.items()},
        "slowest": [[ms, kind, q] for ms, (kind, q) in slowest],
        "answers": answers,
    }


def _full_collection_ms(repeat: int = 1) -> float:
    """The shortest of `repeat` full collections, in ms."""
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        gc.collect()
        durations.append((time.perf_counter() - started) * 1000)
    return min(durations)


# --- The parent: side by side ----------------------------------------------------------------


def print_report(results: dict[str, dict]) -> None:
    p = _support.percentile
    for name, r in results.items():
        search, base = r["search_ms"], r["floor_ms"]
        print(
            f"\n== {name} ({r['vendor']}) : {r['queries']} requêtes sur {r['communes']} communes, "
            f"{r['empty']} sans réponse, {r['wall_s']:.0f} s en tout"
        )
        print(f"{'':14}{'p50':>8}{'p95':>8}{'p99':>8}   (ms, temps serveur en processus)")
        print(f"{'recherche':14}" + "".join(f"{p(search, q):8.2f}" for q in (50, 95, 99)))
        print(f"{'plancher':14}" + "".join(f"{p(base, q):8.2f}" for q in (50, 95, 99)))
        print(f"{'ratio':14}" + "".join(f"{p(search, q) / p(base, q):7.1f}×" for q in (50, 95, 99)))
        p95 = p(search, 95)
        print(
            f"cible p95 ≤ {TARGET_P95_MS:g} ms : {p95:.2f} ms → "
            f"{_support.verdict(p95, TARGET_P95_MS)}"
        )
        print(
            f"première requête (construit l'index) : {r['first_ms']:.0f} ms, "
            f"soit {r['first_ms'] / p(search, 50):.0f}× la médiane ; "
            f"import préalable {r['import_s']:.1f} s"
        )
        full = r["full_gc_ms"]
        print(
            f"ramassage complet (gc, {r['gc_tracked']} objets suivis) : le 1er après la "
            f"construction {r['first_gc_ms']:.0f} ms, ensuite {r['steady_gc_ms']:.0f} ms ; "
            f"{len(full)} pendant la mesure"
            + (f", le plus long {max(full):.0f} ms" if full else "")
        )
        kinds = sorted(r["by_kind_p95"].items(), key=lambda item: -item[1])
        print("p95 par type : " + ", ".join(f"{k} {v:.2f}" for k, v in kinds))
        print(
            "plus lentes : "
            + ", ".join(f"« {q} » {ms:.1f} ms ({kind})" for ms, kind, q in r["slowest"])
        )
    if len(results) > 1:
        (first, a), (second, b) = list(results.items())[:2]
        ratio = p(b["search_ms"], 95) / p(a["search_ms"], 95)
        print(f"\n{second} / {first} (p95 de la recherche) : {ratio:.2f}×")
        differ = [q for q, codes in a["answers"].items() if b["answers"].get(q) != codes]
        print(
            f"réponses différentes entre {first} et {second} : {len(differ)}"
            + "".join(
                f"\n  « {q} »\n    {first:<9}{a['answers'][q]}\n    {second:<9}{b['answers'][q]}"
                for q in differ[:3]
            )
        )


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], default_databases="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=1000, help="nombre de requêtes")
    args = parser.parse_args()
    if args.child:
        _support.report(measure(args.queries))
        return
    print_report(_support.run_each_database(__file__, args, ["--queries", str(args.queries)]))


urlpatterns: list = []

if __name__ == "__main__":
    main()
