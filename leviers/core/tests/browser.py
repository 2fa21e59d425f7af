"""Helpers for the end-to-end tests: a real Leviers server process and Debian's Chromium.

The server runs as in production (DEBUG off, static files collected and served by
WhiteNoise, real 404 page) on its own SQLite file in a temporary folder, loaded with the
data Leviers ships. The pytest database is not used: the browser sees what a visitor sees.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
# As root in a container, and quiet: no sandbox, no GPU, no call home (the network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERVER_HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((SERVER_HOST, 0))
        return sock.getsockname()[1]


def server_environment(var_dir: Path) -> dict[str, str]:
    """Production-like settings for the server process, on its own SQLite file."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "LEVIERS_VAR_DIR": str(var_dir),
            "STATIC_ROOT": str(var_dir / "static"),
            "DEBUG": "0",
            "ALLOWED_HOSTS": SERVER_HOST,
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _leviers(*args: str) -> list[str]:
    return [sys.executable, "-m", "leviers", *args]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"Le serveur Leviers s'est arrêté (code {process.returncode}) :\n"
                f"{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"Le serveur Leviers ne répond pas sur {url} après {timeout} s.")


@contextmanager
def leviers_server(var_dir: Path) -> Iterator[str]:
    """Migrate, load the shipped data, collect statics, serve; yield the base URL."""
    env = server_environment(var_dir)
    log = var_dir / "server.log"
    for command in (
        ("migrate", "--no-input"),
        ("bootstrap",),
        ("collectstatic", "--no-input"),
    ):
        done = subprocess.run(
            _leviers(*command), env=env, capture_output=True, text=True, timeout=300
        )
        if done.returncode:
            raise RuntimeError(
                f"`leviers {' '.join(command)}` a échoué (code {done.returncode}) :\n"
                f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
            )
    port = free_port()
    base_url = f"http://{SERVER_HOST}:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            _leviers("runserver", f"{SERVER_HOST}:{port}", "--noreload"),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_up(base_url + "/", process, log)
            yield base_url
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def is_local(url: str) -> bool:
    """True for the test server (and the browser's own data: / about: URLs)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "about", "blob") or parts.hostname == SERVER_HOST


def format_violations(url: str, violations: list[dict]) -> str:
    """axe-core violations, one block per rule, readable in a test failure."""
    lines = [f"{len(violations)} règle(s) d'accessibilité non respectée(s) sur {url} :"]
    for violation in violations:
        lines.append(
            f"\n- {violation['id']} ({violation['impact']}) : {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    · {' '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … et {len(violation['nodes']) - 10} autre(s)")
    return "\n".join(lines)
