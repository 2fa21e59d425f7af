"""The shared kit of the end-to-end tests (`leviers/<app>/tests/test_browser_*.py`): a real
Leviers server process, Debian's Chromium, and the fixtures every browser test uses.

The server runs as in production (DEBUG off, static files collected and served by
WhiteNoise, real 404 page) on its own SQLite file in a temporary folder, loaded with the
data Leviers ships. The pytest database is not used: the browser sees what a visitor sees.

The site (migrated database with the shipped data, collected statics) is prepared once per
run, for every xdist worker, then copied into the folder of each server. One browser per
test module, which sends nothing beyond the loopback; its contexts record any request to
another site the browser refused. A test gets a page through `Tabs` (the `page` and `phone`
fixtures, or `tabs.open(...)`): a page used by an earlier test of the module, reset as a
fresh context would be, rather than a new context (a renderer process, about half a
CPU-second each). Skipped, with the reason, where Debian's Chromium or Playwright is missing
(in CI, CI=true, a missing browser fails instead).

Registered as a plugin by `leviers/conftest.py`.
"""

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from leviers.testing.database import (
    SERVER_HOST,
    copy_loaded_database,
    databases_built,
    databases_lock,
    leviers_command,
    run_in_folder,
    run_leviers,
    run_root,
    server_environment,
    start_in_folder,
)

# Debian's Chromium, run as its headless shell (package chromium-headless-shell: the same source
# and Blink engine as the chromium package, without the browser around them; what Playwright
# itself runs headless): half the CPU of `chromium --headless` over the suite (decision 50).
# The full browser where the shell is missing; core/tests/test_browser_site.py checks that both
# find the same.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
FULL_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM = HEADLESS_SHELL if HEADLESS_SHELL.exists() else FULL_CHROMIUM
# As root in a container, and quiet: no sandbox, no GPU, no call home (the network is closed).
# Every request but to the loopback goes to a proxy that is not there (the discard port) and
# fails at once: Chromium never sends loopback requests through a proxy unless told to. This
# blocks another site without routing each request through Playwright and back (a quarter of
# the time of a page load), and keeps the browser's cache.
CHROMIUM_ARGS = [
    "--proxy-server=http://127.0.0.1:9",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Pictures for a human to look at after the run (no test reads them): only when asked for.
SCREENSHOTS = os.environ.get("LEVIERS_CAPTURES", "") == "1"
PHONE = {"width": 375, "height": 812}
TIMEOUT_MS = 10_000  # for any wait of Playwright's
POMMERIEUX = "/territoires/communes/53180/"
SITE = "leviers-site"  # the prepared site's folder, in the run's common temporary folder


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((SERVER_HOST, 0))
        return sock.getsockname()[1]


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
        time.sleep(0.05)  # it answers about a second after its start
    raise RuntimeError(f"Le serveur Leviers ne répond pas sur {url} après {timeout} s.")


# The site's preparation, in one process: `migrate` (nothing left to apply: the system checks,
# which the servers skip), `bootstrap` (what the run's loaded database lacks: town halls,
# outlines, the example club, training), `collectstatic`.
PREPARE_SITE = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, skip_checks=False)
call_command("bootstrap")
call_command("collectstatic", interactive=False)
"""


def shared_site(root: Path) -> Path:
    """A migrated site with the shipped data and collected statics, under `root`: built by the
    first process that asks (the others wait on a file lock), then reused as it is. Its
    database starts as a copy of the run's loaded one (leviers/testing/database.py: migrated,
    with the shipped referential and catalogue), which `bootstrap` finds already loaded."""

    def run(site: Path, command: list[str]) -> bool:
        run_in_folder(site, command, "la préparation du site de test", timeout=600)
        return True

    return _prepare_site(root, run)


def start_preparing_site(root: Path) -> Callable[[], None]:
    """Prepare the site of `shared_site` in the background, as soon as the run's databases are
    built, while the xdist workers run their first tests (the site takes some ten seconds, which
    a worker otherwise spends in its first browser test while the other waits on the lock).
    Returns `stop`, for the end of the run: it ends a preparation nobody waited for. One that
    fails leaves no ready site: the first worker that asks prepares it again and reports why."""
    stopping = threading.Event()
    running: list[subprocess.Popen] = []

    def run(site: Path, command: list[str]) -> bool:
        if stopping.is_set():
            return False
        process = start_in_folder(site, command)
        running.append(process)
        return process.wait() == 0 and not stopping.is_set()

    def prepare() -> None:
        if _wait_for_databases(root, stopping):
            _prepare_site(root, run)

    thread = threading.Thread(target=prepare, name="leviers-site", daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        for process in running:
            if process.poll() is None:
                process.kill()
        thread.join()

    return stop


def _prepare_site(root: Path, run: Callable[[Path, list[str]], bool]) -> Path:
    """Under the site's lock, unless it is ready: the site folder emptied, a copy of the run's
    loaded database, then PREPARE_SITE run there by `run(site, command)`; the site is marked
    ready when `run` says it succeeded. Returns the site's folder."""
    site = root / SITE
    with (root / f"{SITE}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / ".ready").exists():
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            copy_loaded_database(root, site)
            if run(site, [sys.executable, "-c", PREPARE_SITE]):
                (site / ".ready").touch()
    return site


def _wait_for_databases(root: Path, stopping: threading.Event) -> bool:
    """Wait until nobody builds the run's databases any more (their lock is free); True if they
    are built, False if the build failed or the run ends first."""
    with databases_lock(root).open("w") as lock:
        while not stopping.is_set():
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                stopping.wait(0.1)
                continue
            return databases_built(root) is not None
    return False


@contextmanager
def leviers_server(var_dir: Path, site: Path, *commands: tuple[str, ...]) -> Iterator[str]:
    """Copy the prepared `site` into `var_dir`, run the `leviers` `commands` on the copy (more
    data to import), serve it; yield the base URL."""
    shutil.copytree(site, var_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".ready"))
    for command in commands:
        run_leviers(var_dir, *command)
    env = server_environment(var_dir)
    log = var_dir / "server.log"
    port = free_port()
    base_url = f"http://{SERVER_HOST}:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            # The site's `migrate` ran the system checks already (shared_site).
            leviers_command("runserver", f"{SERVER_HOST}:{port}", "--noreload", "--skip-checks"),
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


# --- Fixtures ---------------------------------------------------------------------------------


def missing(reason: str) -> None:
    """Skip the test for want of a browser or a tool, saying why; in CI (CI=true), fail it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_available() -> None:
    """Skips where Chromium or Playwright is missing; in CI (CI=true) fails instead."""
    if not CHROMIUM.exists():
        missing(
            f"Chromium absent ({CHROMIUM}) : `apt-get install chromium-headless-shell` — "
            "browser tests skipped (no Chromium)."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright absent (`pip install -e '.[dev]'`) — browser tests skipped.")


@pytest.fixture(scope="module")
def chromium(chromium_available):
    """One browser per test module. Not per session: Playwright's synchronous API keeps an
    event loop running in the thread, and Django then refuses database access to the tests
    that the same xdist worker runs next (SynchronousOnlyOperation)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_site(chromium_available, request, tmp_path_factory) -> Path:
    """The prepared site, shared by the xdist workers of this run (their common temporary
    folder) or by this session alone."""
    return shared_site(run_root(request, tmp_path_factory))


@pytest.fixture(scope="session")
def server_url(browser_site, tmp_path_factory):
    """A server with the data Leviers ships (started only once Chromium is known to be there)."""
    with leviers_server(tmp_path_factory.mktemp("leviers-browser"), browser_site) as url:
        yield url


@pytest.fixture
def blocked():
    """The URLs of third-party requests the page attempted (and the test refused)."""
    return []


def open_context(chromium, server_url, blocked, **options):
    """A fresh browser context on `server_url` that records in `blocked` any request to another
    site (which the browser's dead proxy refuses: CHROMIUM_ARGS). `context.blocked` is the list
    it records in (Tabs hands a reused context the list of its next test)."""
    context = chromium.new_context(base_url=server_url, locale="fr-FR", **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.blocked = blocked
    # The requests under way, for `wait_until_quiet`; the origins seen, for Tabs' reset.
    context.requests_in_flight = in_flight = set()
    context.origins = origins = set()

    def record(request):
        in_flight.add(request)
        parts = urlsplit(request.url)
        if not is_local(request.url):
            context.blocked.append(request.url)
        elif parts.scheme in ("http", "https"):
            origins.add(f"{parts.scheme}://{parts.netloc}")

    context.on("request", record)
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    return context


class Tabs:
    """The pages of one browser, handed from test to test: a new context and page cost
    Chromium a renderer process, about half a CPU-second, where resetting a used page costs a
    few hundredths. `open(server_url, blocked, **options)` gives a page of a context made with
    those options (open_context), reset since its last test as a fresh context would be: no
    other page, no cookie, no stored data (local and session storage, IndexedDB, caches,
    service workers) on the origins it visited, an empty HTTP cache, a blank history, no
    route, online, no extra header, permission or geolocation, media, viewport and timeouts
    as made. A page its test left with listeners of its own (Playwright cannot remove them
    for us), or that fails to reset, is not reused: its context is closed. A test that needs
    what a reset cannot undo (`add_init_script`, `expose_function`) uses open_context."""

    def __init__(self, chromium):
        self.chromium = chromium
        self.idle: dict[tuple, list] = {}

    @contextmanager
    def open(self, server_url: str, blocked: list, **options) -> Iterator:
        key = (server_url, repr(sorted(options.items())))
        idle = self.idle.setdefault(key, [])
        page = idle.pop() if idle else self._new_page(server_url, blocked, options)
        page.context.blocked = blocked
        try:
            yield page
        finally:
            if _reset(page):
                idle.append(page)
            else:
                page.context.close()

    def _new_page(self, server_url: str, blocked: list, options: dict):
        context = open_context(self.chromium, server_url, blocked, **options)
        page = context.new_page()
        page.viewport = page.viewport_size
        page.kit_listeners = _listeners(page)
        page.cdp = context.new_cdp_session(page)
        return page


def _listeners(page) -> tuple[dict, dict]:
    """How many listeners the page and its context have, by event (the kit's, on a new page).
    Playwright has no public way to list them: read from its implementation objects."""

    def count(emitter) -> dict:
        return {name: emitter.listener_count(name) for name in emitter.event_names()}

    return count(page._impl_obj), count(page.context._impl_obj)


def _reset(page) -> bool:
    """Bring a used page of Tabs back to the state of a new one; False if it cannot be."""
    from playwright.sync_api import Error

    context = page.context
    if page.is_closed() or _listeners(page) != page.kit_listeners:
        return False
    try:
        for other in context.pages:
            if other != page:
                other.close()
        page.unroute_all(behavior="ignoreErrors")
        context.unroute_all(behavior="ignoreErrors")
        page.goto("about:blank")
        page.cdp.send("Page.resetNavigationHistory")
        context.clear_cookies()
        for origin in context.origins:
            page.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        context.origins.clear()
        page.cdp.send("Network.clearBrowserCache")
        context.set_offline(False)
        context.set_extra_http_headers({})
        context.clear_permissions()
        context.set_geolocation(None)
        page.emulate_media(
            media="null", color_scheme="light", reduced_motion="no-preference", forced_colors="none"
        )
        page.set_viewport_size(page.viewport)
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
    except Error:
        return False
    context.requests_in_flight.clear()
    return True


# No request for this long and the page is taken as settled (see `wait_until_quiet`).
QUIET_SECONDS = 0.15


def wait_until_quiet(page, timeout: float = 10) -> None:
    """Wait until no request of the page's context has been under way for QUIET_SECONDS.

    Playwright's `wait_for_load_state("networkidle")` waits for 500 ms without one, nearly
    half a second a page. Leviers' pages start no request of their own once loaded (no polling;
    the finder's timer follows typing, the outreach form's follows a failed sending), so what
    follows the load event is the lazy images and scripts in view, which start at once."""
    in_flight = page.context.requests_in_flight
    deadline = time.monotonic() + timeout
    quiet_since = None
    while True:
        now = time.monotonic()
        if in_flight:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= QUIET_SECONDS:
            return
        if now > deadline:
            under_way = ", ".join(sorted(r.url for r in in_flight))
            raise AssertionError(f"requêtes toujours en cours après {timeout} s : {under_way}")
        page.wait_for_timeout(25)  # lets Playwright deliver the request events meanwhile


PHONE_OPTIONS = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture(scope="module")
def tabs(chromium):
    """The module's browser pages, reused from test to test (Tabs)."""
    return Tabs(chromium)


@pytest.fixture
def page(tabs, server_url, blocked):
    with tabs.open(server_url, blocked) as page:
        yield page
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


@pytest.fixture
def phone(tabs, server_url, blocked):
    with tabs.open(server_url, blocked, **PHONE_OPTIONS) as page:
        yield page
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


def visit(page, path: str, status: int = 200):
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == status, (path, response)
    return response


def commune_epci_path(page) -> str:
    """The address of Pommerieux's EPCI page, read from the commune page's link."""
    visit(page, POMMERIEUX)
    href = page.locator("#epci-title + p a").first.get_attribute("href")
    assert href and href.startswith("/territoires/epci/"), href
    return href


def type_in_finder(page, text: str, first: str):
    """Type `text` in the commune finder and wait until the suggestions answer it: their first
    option starts with `first`. (The list shows as soon as a shorter prefix has an answer, and
    under load the answer to the whole text may come later.) Returns the box and the list."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name="Votre commune ou votre intercommunalité")
    box.press_sequentially(text, delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox.get_by_role("option").first).to_have_text(re.compile("^" + re.escape(first)))
    return box, listbox


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def wait_for_image(page, selector: str) -> None:
    """Scroll a lazily loaded image into view and wait until it is drawn
    (wait_for_function would need 'unsafe-eval')."""
    picture = page.locator(selector)
    picture.scroll_into_view_if_needed()
    for _ in range(50):
        if picture.evaluate("img => img.complete && img.naturalWidth > 0"):
            return
        page.wait_for_timeout(100)


def screenshot(page, name: str, **options) -> None:
    """A full-page screenshot in test-artifacts/, for a human to look at after the run; taken
    only with LEVIERS_CAPTURES=1 (a second or so each, and no test reads it)."""
    if not SCREENSHOTS:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True, **options)


def assert_fits(page, label: str) -> None:
    """The page is no wider than the phone's screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{label} déborde : {width} px pour {PHONE['width']}"


def wider_than_the_screen(page) -> list[str]:
    """The elements that stick out of the screen (tables in their scrolling wrapper apart)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.closest('.table-wrapper, .visually-hidden, .skip-link'))
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
    )
