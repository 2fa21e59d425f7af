"""Scale-out: two app servers behind nginx, one stopped in the middle of a mixed load.

On loopback only: a PostgreSQL database created for the run, Redis at 127.0.0.1:6379 (a
dedicated database number, flushed before and after), two gunicorn servers (2 workers each,
production settings), nginx in front with TLS (a self-signed certificate, configuration
generated in a temporary folder, not a daemon), and locust headless driving the visitors and
the signed-in team members of `scale_out_locustfile.py` (`--membres`, 8 by default: accounts
with a password, organisations and private projects made by `scale_out_accounts.py`).
Half-way, one app server is stopped: `--arret propre` (default) sends SIGTERM, gunicorn's
graceful stop as `systemctl stop` does; `brutal` sends SIGKILL, as a crash; `retrait` first
takes it out of nginx (`down`, then a reload of nginx), waits, then sends SIGTERM: the
procedure of docs/deploiement.md.

nginx replays the roadmap creation and the contribution typed by the team (both idempotent:
the page's token) on the other server even after sending them; `--sans-rejeu` does not.
`--arret aucun` stops nothing (a memory run: `--duree 600 --arret aucun`).

Prints, measured in the same run: requests/s and p50/p95/p99 with two servers and with one
(all, visitors, members), the server errors (5xx or no answer: must be 0), the requests
refused by the rate limit (429), the lost writes (every roadmap creation a visitor saw
succeed, every contribution a member saw recorded, must be in the database) and the
duplicated ones, the members' password sign-ins, their signed-in pages sent back to the
sign-in page (a session lost between the servers: must be 0; sessions are in the database,
Django's default engine) and how many members were served by both servers, the requests
nginx sent to the stopped server without an answer (from its log), and the RSS of every
gunicorn worker before the load, after 1 min, half-way and at the end.

nginx binds its connection to the app to the visitor's own loopback address (`proxy_bind`),
so the application sees one address per visitor whatever the rate limiter reads; those
addresses are the trusted proxies of the run. Bounded: about 90 s of set-up, then the load.

    .venv/bin/python bench/scale_out.py                # 16 visitors, 8 members, 90 s of load
    .venv/bin/python bench/scale_out.py --arret brutal
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _support import DEFAULT_POSTGRES_URL, ROOT, fresh_database, percentile  # noqa: E402

BIN = Path(sys.executable).parent
WARM_UP_S = 10
# What the signed-in members write in each contribution they type (scale_out_locustfile.py).
MARK = "mesure-"
SIGN_IN = "/compte/connexion/"
SETTLE_S = 5
MEMORY_EVERY_S = 10
# Territories the visitors pick from (varied pages, so that per-process caches would show).
SAMPLE_COMMUNES, SAMPLE_EPCIS = 3000, 300

NGINX_CONF = r"""
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream leviers_app {{
        server 127.0.0.1:{app_a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{app_b} max_fails=1 fail_timeout=10s{b_down};
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        client_max_body_size 10m;
        gzip on;
        gzip_types text/css application/json image/svg+xml;
        proxy_bind $remote_addr;
        # Which app server answered (the members' pages: a session seen by both servers).
        add_header X-Leviers-Serveur $upstream_addr always;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;
        proxy_read_timeout 30s;
        location / {{
            proxy_pass http://leviers_app;
            proxy_next_upstream error timeout http_502 http_503;
        }}
        # As deploy/nginx/leviers.conf: the roadmap creation and the contribution typed by
        # the team are idempotent (the page's token), so replayed.
        location = /projets/feuilles-de-route/ {{
            proxy_pass http://leviers_app;
            proxy_next_upstream error timeout http_502 http_503{replay};
        }}
        location ~ ^/projets/[\w-]+/contributions/saisir/$ {{
            proxy_pass http://leviers_app;
            proxy_next_upstream error timeout http_502 http_503{replay};
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/sante/")
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"Le serveur 127.0.0.1:{port} ne répond pas à /sante/.")
        time.sleep(0.3)


def workers_of(master: int) -> list[int]:
    """The worker processes of a gunicorn master: its children."""
    try:
        return [
            int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()
        ]
    except OSError:
        return []


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process, in MB (None once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class MemorySampler(threading.Thread):
    """Every MEMORY_EVERY_S seconds, the RSS of each worker of each server: (t, server, pid, MB)."""

    def __init__(self, masters: dict[str, int]):
        super().__init__(daemon=True)
        self.masters, self.samples, self.done = masters, [], threading.Event()

    def sample(self) -> None:
        now = time.time()
        for name, master in self.masters.items():
            for pid in workers_of(master):
                if (mb := rss_mb(pid)) is not None:
                    self.samples.append((now, name, pid, mb))

    def run(self) -> None:
        while not self.done.wait(MEMORY_EVERY_S):
            self.sample()


def memory_table(samples: list, started: float, duration: float) -> list[str]:
    """One row per worker: its RSS before the load, after one minute, half-way through the
    run, at the end, and how fast it still grew over the second half (workers that lived
    through it). A dash: the worker was not there at that time."""
    by_worker: dict[tuple, list] = {}
    for t, name, pid, mb in samples:
        by_worker.setdefault((name, pid), []).append((t - started, mb))

    def at(series: list, second: float) -> tuple[float, float] | None:
        point = min(series, key=lambda point: abs(point[0] - second))
        return point if abs(point[0] - second) <= MEMORY_EVERY_S else None

    def cell(point) -> str:
        return f"{point[1]:.0f}" if point else "—"

    lines = [
        "| Worker | avant la charge (Mo) | après 1 min | à mi-parcours | à la fin "
        "| 2e moitié (Mo/min) |",
        "|---|---|---|---|---|---|",
    ]
    for (name, pid), series in sorted(by_worker.items()):
        first, half, last = series[0], at(series, duration / 2), series[-1]
        last = last if last[0] >= duration - MEMORY_EVERY_S else None
        slope = (
            f"{(last[1] - half[1]) / ((last[0] - half[0]) / 60):+.2f}"
            if half and last and last[0] > half[0]
            else "—"
        )
        before = cell(first) if first[0] <= 0 else "—"
        lines.append(
            f"| {name} pid {pid} | {before} | {cell(at(series, 60))} | {cell(half)} "
            f"| {cell(last)} | {slope} |"
        )
    return lines


# What nginx logs when a request it had sent fails (a refused connection is "while connecting").
SENT_PHASES = ("sending request to", "reading response header from")


def passed_on(error_log: Path) -> Counter:
    """The requests nginx sent to a server that failed them (reset, closed before answering:
    so passed to the other server), by request line, from nginx's error log. A refused
    connection is left out: nothing was sent."""
    counts: Counter = Counter()
    for line in error_log.read_text(errors="replace").splitlines():
        if "[error]" not in line or not any(f"while {ph} upstream" in line for ph in SENT_PHASES):
            continue
        if found := re.search(r'request: "(\w+) ([^ ?"]*)', line):
            counts[f"{found[1]} {found[2]}"] += 1
    return counts


def run(command: list, env: dict, what: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{what} a échoué :\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def summary(rows: list[dict], start: float, end: float) -> dict:
    window = [row for row in rows if start <= row["t"] < end]
    times = [row["ms"] for row in window]
    if not times:
        return {"requests": 0, "rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0}
    return {
        "requests": len(window),
        "rps": len(window) / (end - start),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visiteurs", type=int, default=16, help="visiteurs simultanés (16)")
    parser.add_argument(
        "--membres", type=int, default=8, help="membres d'équipe connectés simultanés (8)"
    )
    parser.add_argument("--duree", type=int, default=90, help="secondes de charge (90, ≤ 900)")
    parser.add_argument(
        "--arret", choices=("propre", "brutal", "retrait", "aucun"), default="propre"
    )
    parser.add_argument(
        "--sans-rejeu",
        action="store_true",
        help="nginx ne rejoue pas la création d'une feuille de route (comme avant)",
    )
    parser.add_argument("--redis-db", type=int, default=13, help="base Redis de la mesure (13)")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    args = parser.parse_args()
    if not 30 <= args.duree <= 900 or not 1 <= args.visiteurs <= 200 or not 0 <= args.membres <= 50:
        sys.exit("--duree entre 30 et 900 secondes, --visiteurs entre 1 et 200, --membres ≤ 50.")
    for tool in ("nginx", "openssl"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} est nécessaire (Debian : apt-get install {tool}).")
    for tool in ("gunicorn", "locust"):
        if not (BIN / tool).exists():
            sys.exit(f"{BIN / tool} manque : pip install -e '.[dev,redis]'.")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"

    import redis

    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    store = redis.Redis.from_url(redis_url)
    store.flushdb()

    processes: list[subprocess.Popen] = []
    with (
        tempfile.TemporaryDirectory(prefix="leviers-scale-out-") as folder,
        fresh_database("postgres", args.postgres_url) as database_url,
    ):
        tmp = Path(folder)
        port, app_a, app_b = free_port(), free_port(), free_port()
        users = args.visiteurs + args.membres
        visitors = [f"127.0.1.{n}" for n in range(1, users + 1)]
        env = {
            **os.environ,
            "LEVIERS_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "STATIC_ROOT": str(tmp / "static"),
            "LEVIERS_VAR_DIR": str(tmp / "var"),
            "LEVIERS_TRUSTED_PROXIES": ",".join(["127.0.0.1", *visitors]),
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        leviers = str(BIN / "leviers")
        setup = {
            "migrate": run([leviers, "migrate", "--no-input"], env, "migrate"),
            "collectstatic": run([leviers, "collectstatic", "--no-input"], env, "collectstatic"),
            "bootstrap": run([leviers, "bootstrap"], env, "bootstrap"),
        }
        people = tmp / "people.json"
        setup["comptes"] = run(
            [sys.executable, Path(__file__).parent / "scale_out_accounts.py", people,
             str(max(args.membres, 1))],
            env, "la création des comptes",
        )  # fmt: skip
        territories = tmp / "territories.json"
        import psycopg

        with psycopg.connect(database_url) as connection:
            communes = connection.execute(
                "SELECT code FROM territories_commune ORDER BY random() LIMIT %s",
                (SAMPLE_COMMUNES,),
            ).fetchall()
            epcis = connection.execute(
                "SELECT siren FROM territories_epci ORDER BY random() LIMIT %s", (SAMPLE_EPCIS,)
            ).fetchall()
        territories.write_text(
            json.dumps({"communes": [c for (c,) in communes], "epcis": [e for (e,) in epcis]})
        )
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", tmp / "key.pem", "-out", tmp / "cert.pem"],
            check=True, capture_output=True,
        )  # fmt: skip
        try:
            servers = {}
            for name, app_port in (("A", app_a), ("B", app_b)):
                servers[name] = subprocess.Popen(
                    [BIN / "gunicorn", "leviers.wsgi", "--bind", f"127.0.0.1:{app_port}",
                     "--workers", "2", "--timeout", "30", "--graceful-timeout", "20"],
                    env=env, cwd=ROOT, start_new_session=True,
                    stdout=open(tmp / f"gunicorn-{name}.log", "w"),  # noqa: SIM115 (lives with it)
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
                processes.append(servers[name])
            for app_port in (app_a, app_b):
                wait_healthy(app_port)
            replay = "" if args.sans_rejeu else " non_idempotent"
            (tmp / "nginx.conf").write_text(
                NGINX_CONF.format(
                    tmp=tmp, port=port, app_a=app_a, app_b=app_b, b_down="", replay=replay
                )
            )
            processes.append(
                proxy := subprocess.Popen(
                    [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                    start_new_session=True,
                )
            )
            time.sleep(1)

            records = tmp / "records.jsonl"
            load_env = {
                **os.environ,
                "SCALE_OUT_RECORDS": str(records),
                "SCALE_OUT_TERRITORIES": str(territories),
                "SCALE_OUT_PEOPLE": str(people),
                "SCALE_OUT_MEMBERS": str(args.membres),
            }
            memory = MemorySampler({name: server.pid for name, server in servers.items()})
            memory.sample()  # before the load
            memory.start()
            started = time.time()
            locust = subprocess.Popen(
                [BIN / "locust", "-f", Path(__file__).parent / "scale_out_locustfile.py",
                 "--headless", "--users", str(users),
                 "--spawn-rate", str(users), "--run-time", f"{args.duree}s",
                 "--host", f"https://127.0.0.1:{port}", "--only-summary",
                 "--loglevel", "WARNING", "--stop-timeout", "10",
                 "Visitor", *(["Member"] if args.membres else [])],
                env=load_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                stderr=open(tmp / "locust.log", "w"),  # noqa: SIM115 (lives with it)
            )  # fmt: skip
            processes.append(locust)
            stopped_at = started + args.duree / 2
            time.sleep(max(0.0, stopped_at - time.time()))
            stopped_at = time.time()
            if args.arret == "aucun":
                stopped_at = started + args.duree + 60  # (no phase with one server)
                locust.wait(timeout=args.duree + 60)
            elif args.arret == "retrait":
                (tmp / "nginx.conf").write_text(
                    NGINX_CONF.format(
                        tmp=tmp, port=port, app_a=app_a, app_b=app_b, b_down=" down", replay=replay
                    )
                )
                proxy.send_signal(signal.SIGHUP)  # nginx reloads; old workers finish their requests
                time.sleep(3)
            if args.arret != "aucun":
                os.killpg(
                    servers["B"].pid, signal.SIGKILL if args.arret == "brutal" else signal.SIGTERM
                )
                locust.wait(timeout=args.duree + 60)
            memory.sample()  # after the load, before the servers stop
            memory.done.set()
        finally:
            for process in reversed(processes):
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

        rows = [json.loads(line) for line in records.read_text().splitlines()]
        sent_to_a_failing_server = passed_on(tmp / "nginx-error.log")
        tokens = [row["token"] for row in rows if "token" in row]
        # The pages whose creation may have written: answered 302, or never answered.
        sent = {
            row["jeton"]
            for row in rows
            if "jeton" in row and (row["status"] in (302, 0) or row["status"] >= 500)
        }
        with psycopg.connect(database_url) as connection:
            found = {
                token
                for (token,) in connection.execute(
                    "SELECT edit_token FROM journey_roadmap WHERE edit_token = ANY(%s)",
                    (tokens,),
                )
            }
            (in_database,) = connection.execute("SELECT count(*) FROM journey_roadmap").fetchone()
            typed = Counter(
                mark[0]
                for (text,) in connection.execute(
                    "SELECT text FROM participation_contribution WHERE text LIKE %s",
                    (f"%{MARK}%",),
                )
                if (mark := re.search(rf"{MARK}\w+", text))
            )
    store.flushdb()
    marks_seen = {row["marque"] for row in rows if "marque" in row and row["status"] == 302}
    # The marks whose sending may have written: answered 302, or never answered.
    marks_sent = {
        row["marque"]
        for row in rows
        if "marque" in row and (row["status"] in (302, 0) or row["status"] >= 500)
    }
    sign_ins = [row for row in rows if row["name"] == f"POST {SIGN_IN}"]
    signed_in = sum(1 for row in sign_ins if row["status"] == 302)
    sessions_lost = [row for row in rows if row.get("signin")]
    servers_of: dict[str, set] = {}
    for row in rows:
        if row.get("membre") and row.get("serveur") and row["t"] < stopped_at:
            servers_of.setdefault(row["membre"], set()).add(row["serveur"])
    on_both = sum(1 for answered in servers_of.values() if len(answered) > 1)

    # Phases read from the records themselves (locust's own start and stop are not load).
    first, last = min(row["t"] for row in rows), max(row["t"] for row in rows)
    two = summary(rows, first + WARM_UP_S, stopped_at)
    one = summary(rows, stopped_at + SETTLE_S, last)
    members = [row for row in rows if row.get("membre")]
    others = [row for row in rows if not row.get("membre")]
    server_errors = [row for row in rows if row["status"] >= 500 or row["status"] == 0]
    limited = sum(1 for row in rows if row["status"] == 429)
    other_4xx = sum(1 for row in rows if 400 <= row["status"] < 500 and row["status"] != 429)
    print(
        f"Mise en place : migrate {setup['migrate']:.0f} s, collectstatic "
        f"{setup['collectstatic']:.0f} s, bootstrap {setup['bootstrap']:.0f} s, comptes "
        f"{setup['comptes']:.0f} s ; "
        f"{args.visiteurs} visiteurs et {args.membres} membres connectés, {args.duree} s de "
        f"charge, arrêt {args.arret} du "
        f"serveur B à t={stopped_at - started:.0f} s ; création "
        f"{'non rejouées' if args.sans_rejeu else 'rejouées'} par nginx."
    )
    print()
    print("| Serveurs | Requêtes | Requêtes/s | p50 (ms) | p95 (ms) | p99 (ms) |")
    print("|---|---|---|---|---|---|")
    phases = (
        ("2 (A et B)", first + WARM_UP_S, stopped_at),
        ("1 (A seul)", stopped_at + SETTLE_S, last),
    )
    groups = (("", rows), (", visiteurs", others), (", membres connectés", members))
    for group, selected in groups if args.membres else groups[:1]:
        for label, start, end in phases:
            if not (s := summary(selected, start, end))["requests"]:
                continue
            print(
                f"| {label}{group} | {s['requests']} | {s['rps']:.1f} | {s['p50']:.0f} "
                f"| {s['p95']:.0f} | {s['p99']:.0f} |"
            )
    if one["rps"]:
        print(f"\nRatio débit 2 serveurs / 1 serveur : {two['rps'] / one['rps']:.2f}")
    print(f"\nRequêtes en tout : {len(rows)}")
    print(f"Erreurs serveur (5xx ou sans réponse) : {len(server_errors)} (attendu : 0)")
    for row in server_errors[:5]:
        print(
            f"  t={row['t'] - started:.1f} s {row['name']} {row['status']} {row.get('error', '')}"
        )
    print(f"Refusées par la limite de débit (429) : {limited}")
    for name, n in Counter(row["name"] for row in rows if row["status"] == 429).most_common():
        print(f"  {n} × {name}")
    print(f"Autres réponses 4xx : {other_4xx}")
    lost = len(set(tokens) - found)
    print(
        f"Feuilles de route créées (302 vu par le visiteur) : {len(tokens)} ; "
        f"absentes de la base : {lost} (attendu : 0)"
    )
    # Each creation comes from its own page (its own token): more roadmaps in the database than
    # pages sent would be a request created twice.
    print(
        f"Feuilles de route en base : {in_database} pour {len(sent)} envois (302 ou sans "
        f"réponse) ; "
        f"créations sans réponse réussie : {in_database - len(set(tokens))} ; en double : "
        f"{max(0, in_database - len(sent))} (attendu : 0)"
    )
    if args.membres:
        lost_typed = len(marks_seen - set(typed))
        print(
            f"Connexions par mot de passe réussies (302) : {signed_in} sur {len(sign_ins)} ; "
            f"pages connectées renvoyées vers la connexion (session perdue) : "
            f"{len(sessions_lost)} (attendu : 0) ; membres servis par A et par B avant "
            f"l'arrêt : {on_both} sur {len(servers_of)}"
        )
        print(
            f"Contributions saisies (302 vu par le membre) : {len(marks_seen)} ; absentes de "
            f"la base : {lost_typed} (attendu : 0) ; en base : {sum(typed.values())} pour "
            f"{len(marks_sent)} envois (302 ou sans réponse) ; en double : "
            f"{sum(n - 1 for n in typed.values())} (attendu : 0)"
        )
    posts = sum(n for line, n in sent_to_a_failing_server.items() if line.startswith("POST"))
    print(
        f"Requêtes envoyées au serveur arrêté sans réponse, donc passées à l'autre ou en "
        f"erreur (journal de nginx) : {sum(sent_to_a_failing_server.values())}, dont {posts} "
        f"créations (POST)"
    )
    for line, n in sorted(sent_to_a_failing_server.items()):
        print(f"  {n} × {line}")
    print(f"\nMémoire des workers gunicorn (RSS, relevée toutes les {MEMORY_EVERY_S} s) :\n")
    print("\n".join(memory_table(memory.samples, started, args.duree)))


if __name__ == "__main__":
    main()
