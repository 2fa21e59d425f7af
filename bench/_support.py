"""What the benchmarks share: a fresh database per run, one subprocess per database, percentiles.

Each benchmark runs itself once per database in a child process (`--child`) whose
`DATABASE_URL` points at a database created for it and dropped afterwards; the child
prints its measures as one JSON line, and the parent prints them side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASES = ("sqlite", "postgres")
# The server where `--databases postgres` creates its throwaway database.
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
RESULT_PREFIX = "BENCH-RESULT "


def arguments(description: str, default_databases: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--databases",
        default=default_databases,
        help=f"bases à mesurer, séparées par des virgules, parmi {', '.join(DATABASES)}",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="serveur PostgreSQL où créer la base jetable (ou BENCH_POSTGRES_URL)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser


def databases(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in DATABASES]
    if unknown or not names:
        sys.exit(f"--databases : {', '.join(unknown) or 'vide'} (attendu : {', '.join(DATABASES)})")
    return names


@contextmanager
def fresh_database(kind: str, postgres_url: str) -> Iterator[str]:
    """The DATABASE_URL of an empty database, removed on exit."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="leviers-bench-") as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
        return
    import psycopg

    name = f"leviers_bench_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(postgres_url, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_child(script: str, database_url: str, extra: list[str] = ()) -> dict:
    """Run `script --child` against `database_url` and return the JSON it reports."""
    with tempfile.TemporaryDirectory(prefix="leviers-bench-var-") as var:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "leviers.settings",
            "LEVIERS_VAR_DIR": var,
            # Production-like: no query log kept in memory.
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
        }
        done = subprocess.run(
            [sys.executable, script, "--child", *extra],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
    return reported(done, f"{script} --child")


def reported(done: subprocess.CompletedProcess, what: str) -> dict:
    """The JSON a finished child process reported (`report`); exits, saying so, if it failed."""
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode or not lines:
        sys.exit(f"{what} a échoué (code {done.returncode})\n{done.stdout}")
    return json.loads(lines[-1][len(RESULT_PREFIX) :])


def run_each_database(script: str, args: argparse.Namespace, extra: list[str] = ()) -> dict:
    """{database: what `script --child` reported there, plus `wall_s`}, for each database of
    `--databases`, each in a fresh database."""
    results = {}
    for name in databases(args.databases):
        started = time.perf_counter()
        with fresh_database(name, args.postgres_url) as url:
            results[name] = run_child(script, url, extra)
        results[name]["wall_s"] = time.perf_counter() - started
    return results


def floor_view(request):
    """The framework floor the request benches pair with: one trivial query, a small JSON
    answer, through the same middleware."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (value,) = cursor.fetchone()
    return JsonResponse({"ok": value})


def floor_urlpatterns() -> list:
    """Leviers' URLs, with the floor at /bench/plancher."""
    from django.urls import include, path

    return [path("bench/plancher", floor_view), path("", include("leviers.urls"))]


def setup_django() -> None:
    """Configure Django in a child process (the parent never touches a database)."""
    import warnings

    # WhiteNoise warns that collectstatic has not run; irrelevant here.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
    import django

    django.setup()


def report(result: dict) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "MANQUÉ"


class GcPauses:
    """A `gc.callbacks` entry recording the durations (ms) of the full (generation 2)
    collections, which scan every object in memory: a bench reports them apart."""

    def __init__(self):
        self.full: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.full.append((time.perf_counter() - self._started) * 1000)


def page_times(paths: dict[str, str], rounds: int, username: str = "bench") -> dict[str, float]:
    """The p95 (ms, server time in process) of each page of `paths`, signed in as `username`:
    every path is asked once first (it must answer 200), then `rounds` times in turn. A
    streamed body (a CSV) is read to its end: its time is the whole download's."""
    from django.test import Client

    from leviers.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))

    def get(path: str):
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        response.close()
        return response

    times: dict[str, list[float]] = {name: [] for name in paths}
    for path in paths.values():
        assert get(path).status_code == 200, path
    for _ in range(rounds):
        for name, path in paths.items():
            started = time.perf_counter()
            response = get(path)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    return {name: percentile(values, 95) for name, values in times.items()}


def pages_bench(script: str, description: str, prepare, target_ms: float) -> None:
    """The whole of a bench of pages (`bench/funding.py`, `clubs.py`...): in the child, build the
    data with `prepare()` (page name → path) and measure `page_times`; in the parent, run one
    child per database and print each page's p95, its ratio to /sante/ and its verdict."""
    parser = arguments(description, "sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    if args.child:
        setup_django()
        report(page_times(prepare(), args.rounds))
        return
    results = run_each_database(script, args, ["--rounds", str(args.rounds)])
    names = [n for n in next(iter(results.values())) if n != "wall_s"]
    print(
        f"p95 en ms ({args.rounds} requêtes par page), rapport à /sante/, "
        f"cible ≤ {target_ms:.0f} ms"
    )
    print(f"{'page':<16}" + "".join(f"{db:>28}" for db in results))
    for name in names:
        cells = []
        for measured in results.values():
            p95, floor = measured[name], measured["sante"]
            cells.append(f"{p95:8.1f} ms ×{p95 / floor:5.1f} {verdict(p95, target_ms):>6}")
        print(f"{name:<16}" + "".join(f"{cell:>28}" for cell in cells))
