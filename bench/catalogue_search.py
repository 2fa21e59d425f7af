"""Server time of the catalogue's full-text search (`/api/v1/catalogue/recherche?q=...`) over
10,000 schemes, on SQLite and PostgreSQL.

    .venv/bin/python bench/catalogue_search.py [--databases sqlite,postgres] [--schemes 10000]
                                               [--queries 1000]

For each database: a fresh database, `migrate`, the referential and the real catalogue
(leviers/catalogue/content), then 10,000 synthetic schemes written the way aids are (a kind of
aid, a theme, an audience, an operator; criteria from leviers/testing/catalogue.py). 1,000
French queries are drawn (seeded) from the same words: as written, plurals, without accents,
with a typo, unfinished, several words, operators, and some without answer. They are sent
in-process through Django's test `Client` (the whole middleware stack, no network), each
paired with a trivial JSON view that runs one `SELECT 1` (the framework floor).
Target: p95 ≤ 30 ms. Building the index (once per process and per change of the catalogue)
is reported apart, as is the list of schemes filtered with `q` (`/catalogue/dispositifs`).
"""

from __future__ import annotations

import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 30.0
SEED = 2026

# Words of the synthetic schemes: (theme, need), kinds of aid, audiences, operators.
THEMES = [
    ("épicerie solidaire", "alimentation"),
    ("café associatif", "commerce"),
    ("commerce de proximité", "commerce"),
    ("tiers-lieu rural", "tiers-lieu"),
    ("mobilité solidaire", "mobilite"),
    ("transport à la demande", "mobilite"),
    ("habitat inclusif", "bien-vieillir"),
    ("bien vieillir à domicile", "bien-vieillir"),
    ("ressourcerie", "emploi-insertion"),
    ("insertion par l'activité économique", "emploi-insertion"),
    ("circuits courts alimentaires", "alimentation"),
    ("rénovation énergétique des bâtiments publics", "energie"),
    ("énergie renouvelable citoyenne", "energie"),
    ("inclusion numérique", "numerique"),
    ("maison de santé", "sante"),
    ("accueil de la petite enfance", "jeunesse"),
    ("revitalisation du centre-bourg", "revitalisation"),
    ("participation des habitants", "participation"),
    ("accès aux droits", "acces-aux-droits"),
    ("lieu culturel de proximité", "culture"),
    ("logement des jeunes travailleurs", "logement"),
    ("garage solidaire", "mobilite"),
    ("jardins partagés", "lien-social"),
    ("coopérative d'habitants", "logement"),
]
KINDS = [
    "Appel à projets",
    "Fonds",
    "Subvention",
    "Prêt d'honneur",
    "Accompagnement",
    "Programme",
    "Aide à l'investissement",
    "Aide au démarrage",
    "Trophées",
]
AUDIENCES = [
    "communes rurales",
    "petites communes",
    "intercommunalités",
    "associations",
    "SCIC",
    "entreprises de l'ESS",
    "collectifs d'habitants",
    "territoires de montagne",
]
OPERATORS = [
    "Région Pays de la Loire",
    "Région Bretagne",
    "Département de la Mayenne",
    "Département de la Sarthe",
    "Banque des Territoires",
    "ANCT",
    "France Active",
    "Fondation de France",
    "MSA",
    "CAF",
    "ADEME",
    "Avise",
    "Fondation du patrimoine",
    "Caisse d'épargne",
]
MIX = {  # share of each kind of query, out of 1,000
    "tel quel": 200,
    "pluriel": 150,
    "sans accents": 150,
    "faute de frappe": 150,
    "mot inachevé": 150,
    "plusieurs mots": 100,
    "opérateur": 50,
    "sans réponse": 50,
}


# --- The synthetic catalogue ------------------------------------------------------------------


def synthetic_schemes(count: int, seed: int = SEED) -> list[dict]:
    from leviers.catalogue import vocabulary
    from leviers.testing.catalogue import synthetic_catalogue

    rng = random.Random(seed)
    schemes = []
    for raw in synthetic_catalogue(count, seed=seed):
        theme, need = rng.choice(THEMES)
        other, other_need = rng.choice(THEMES)
        kind, audience, operator = rng.choice(KINDS), rng.choice(AUDIENCES), rng.choice(OPERATORS)
        number = raw["slug"].rsplit("-", 1)[1]
        schemes.append(
            {
                "slug": raw["slug"],
                "name": f"{kind} {theme} pour les {audience} (n° {number})",
                "operator": operator,
                "summary": (
                    f"{kind} de {operator} qui soutient les projets de {theme} portés par les "
                    f"{audience}, notamment en lien avec {other}."
                ),
                "description": (
                    f"Ce dispositif finance l'étude, l'investissement ou le fonctionnement des "
                    f"projets de {theme}. Les {audience} peuvent déposer un dossier auprès de "
                    f"{operator}. Les projets associant {other} et la participation des "
                    "habitants sont examinés en priorité."
                ),
                "needs": sorted({need, other_need}),
                "beneficiaries": rng.sample(list(vocabulary.BENEFICIARIES), rng.randint(1, 3)),
                "stages": rng.sample(list(vocabulary.STAGES), rng.randint(0, 3)),
                "perimeter": raw["perimeter"],
                "criteria": raw["criteria"],
                "origin": "aides-territoires",
            }
        )
    return schemes


def load_schemes(schemes: list[dict]) -> None:
    from leviers.catalogue.models import Scheme

    Scheme.objects.bulk_create([Scheme(**values) for values in schemes], batch_size=1_000)


# --- Queries ------------------------------------------------------------------------------------


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    action = rng.choice(["drop", "swap", "replace"])
    if action == "drop":
        return word[:i] + word[i + 1 :]
    if action == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeioursnt") + word[i + 1 :]


def _plural(word: str) -> str:
    if len(word) < 3 or word[-1] in "sx":
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith("eau"):
        return word + "x"
    return word + "s"


def generate_queries(total: int, seed: int = SEED) -> list[tuple[str, str]]:
    from leviers.core.text import strip_accents

    rng = random.Random(seed)
    phrases = [theme for theme, _ in THEMES] + [k.lower() for k in KINDS] + AUDIENCES
    scale = total / sum(MIX.values())
    queries = []
    for kind, share in MIX.items():
        for _ in range(max(1, round(share * scale))):
            phrase = rng.choice(phrases)
            words = phrase.replace("'", " ").split()
            if kind == "tel quel":
                query = phrase
            elif kind == "pluriel":
                query = " ".join(_plural(w) for w in words)
            elif kind == "sans accents":
                query = strip_accents(rng.choice([t for t, _ in THEMES]))
            elif kind == "faute de frappe":
                query = " ".join(_typo(rng, w) for w in words)
            elif kind == "mot inachevé":
                word = max(words, key=len)
                query = word[: rng.randint(3, max(3, len(word) - 1))]
            elif kind == "plusieurs mots":
                query = f"{rng.choice(THEMES)[0]} {rng.choice(AUDIENCES)}"
            elif kind == "opérateur":
                query = rng.choice(OPERATORS).lower()
            else:
                query = rng.choice(["xylophone quantique", "zzqv", "kwyjibo", "astrophysique"])
            queries.append((kind, query))
    rng.shuffle(queries)
    return queries[:total]


# --- The child: one database --------------------------------------------------------------------


def measure(count: int, total: int) -> dict:
    _support.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from leviers.catalogue.content import load_content
    from leviers.catalogue.models import Scheme
    from leviers.catalogue.snapshot import current_snapshot, reset_catalogue_cache
    from leviers.territories.importers.decoupage import import_referential

    call_command("migrate", verbosity=0)
    import_referential(progress=False)
    load_content()
    started = time.perf_counter()
    load_schemes(synthetic_schemes(count))
    load_s = time.perf_counter() - started
    queries = generate_queries(total)

    global urlpatterns
    urlpatterns = _support.floor_urlpatterns()
    client = Client(HTTP_HOST="localhost")

    def timed(url: str, **params) -> tuple[float, object]:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} {params} → {response.status_code} {response.content[:200]}")
        return elapsed, response

    with override_settings(ROOT_URLCONF=__name__):
        for _ in range(50):  # warm the framework (middleware, URL resolver, connection)
            timed("/bench/plancher")
        reset_catalogue_cache()
        gc.collect()
        started = time.perf_counter()
        snapshot = current_snapshot()
        index = snapshot.index  # built on first read
        index_s = time.perf_counter() - started
        started = time.perf_counter()
        snapshot.facets  # noqa: B018 - built on first read
        facets_ms = (time.perf_counter() - started) * 1000
        first_ms, _ = timed("/api/v1/catalogue/recherche", q="épicerie solidaire")
        started = time.perf_counter()
        gc.collect()  # the first full collection after the build walks the whole index once
        first_gc_ms = (time.perf_counter() - started) * 1000

        floor_ms, search_ms, list_ms, answers, counts = [], [], [], {}, {}
        by_kind: dict[str, list[float]] = {}
        pauses = _support.GcPauses()
        gc.callbacks.append(pauses)
        for kind, query in queries:
            elapsed, _ = timed("/bench/plancher")
            floor_ms.append(elapsed)
            elapsed, response = timed("/api/v1/catalogue/recherche", q=query)
            search_ms.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            data = response.json()
            answers[query] = [(r["type"], r["slug"]) for r in data["results"]]
            counts[query] = data["count"]
        for _, query in queries[:200]:  # the list of schemes, filtered and searched
            elapsed, _ = timed("/api/v1/catalogue/dispositifs", q=query, porteur="commune")
            list_ms.append(elapsed)
        gc.callbacks.remove(pauses)
        slowest = sorted(zip(search_ms, queries, strict=True), reverse=True)[:5]
    return {
        "vendor": connection.vendor,
        "schemes": Scheme.objects.count(),
        "documents": len(index.documents),
        "terms": len(index._vocabulary),
        "queries": len(queries),
        "empty": sum(1 for n in counts.values() if not n),
        "load_s": load_s,
        "index_s": index_s,
        "facets_ms": facets_ms,
        "first_ms": first_ms,
        "first_gc_ms": first_gc_ms,
        "full_gc_ms": pauses.full,
        "floor_ms": floor_ms,
        "search_ms": search_ms,
        "list_ms": list_ms,
        "by_kind_p95": {k: _support.percentile(v, 95) for k, v in by_kind.items()},
        "slowest": [[ms, kind, q] for ms, (kind, q) in slowest],
        "answers": answers,
    }


# --- The parent: side by side -------------------------------------------------------------------


def print_report(results: dict[str, dict]) -> None:
    p = _support.percentile
    for name, r in results.items():
        search, base = r["search_ms"], r["floor_ms"]
        print(
            f"\n== {name} ({r['vendor']}) : {r['queries']} requêtes sur {r['schemes']} dispositifs "
            f"({r['documents']} fiches, {r['terms']} termes indexés), {r['empty']} sans réponse, "
            f"{r['wall_s']:.0f} s en tout"
        )
        print(f"{'':26}{'p50':>8}{'p95':>8}{'p99':>8}   (ms, temps serveur en processus)")
        print(f"{'recherche':26}" + "".join(f"{p(search, q):8.2f}" for q in (50, 95, 99)))
        print(f"{'plancher':26}" + "".join(f"{p(base, q):8.2f}" for q in (50, 95, 99)))
        print(f"{'ratio':26}" + "".join(f"{p(search, q) / p(base, q):7.1f}×" for q in (50, 95, 99)))
        print(
            f"{'dispositifs?q=&porteur=':26}"
            + "".join(f"{p(r['list_ms'], q):8.2f}" for q in (50, 95, 99))
            + f"   ({len(r['list_ms'])} requêtes)"
        )
        p95 = p(search, 95)
        print(
            f"cible p95 ≤ {TARGET_P95_MS:g} ms : {p95:.2f} ms → "
            f"{_support.verdict(p95, TARGET_P95_MS)}"
        )
        print(
            f"à part : construction de l'index {r['index_s']:.2f} s, des filtres "
            f"{r['facets_ms']:.0f} ms, 1re requête {r['first_ms']:.0f} ms, 1er ramassage "
            f"complet {r['first_gc_ms']:.0f} ms ; écriture des dispositifs {r['load_s']:.1f} s"
        )
        full = r["full_gc_ms"]
        print(
            f"ramassages complets (gc) pendant la mesure : {len(full)}"
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
        differ = [q for q, found in a["answers"].items() if b["answers"].get(q) != found]
        print(f"réponses différentes entre {first} et {second} : {len(differ)}")


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], default_databases="sqlite,postgres")
    parser.add_argument("--schemes", type=int, default=10_000, help="dispositifs synthétiques")
    parser.add_argument("--queries", type=int, default=1000, help="nombre de requêtes")
    args = parser.parse_args()
    if args.child:
        _support.report(measure(args.schemes, args.queries))
        return
    extra = ["--schemes", str(args.schemes), "--queries", str(args.queries)]
    print_report(_support.run_each_database(__file__, args, extra))


urlpatterns: list = []

if __name__ == "__main__":
    main()
