"""End-to-end tests in Debian's Chromium against a real Leviers server process.

One server and one browser for the whole session; each test gets a fresh browser context
that lets only requests to the test server through and records any other it blocked.
Skipped, with the reason, where /usr/bin/chromium or Playwright is missing.
"""

import os
import re
from pathlib import Path

import pytest

from leviers.core.tests.browser import (
    AXE_TAGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    format_violations,
    is_local,
    leviers_server,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
PHONE = {"width": 375, "height": 812}
POMMERIEUX = "/territoires/communes/53180/"


@pytest.fixture(scope="session")
def chromium():
    # Skipped on a workstation without Chromium; in CI (CI=true) a missing browser fails.
    missing = pytest.fail if os.environ.get("CI", "").lower() == "true" else pytest.skip
    if not CHROMIUM.exists():
        missing(
            f"Chromium absent ({CHROMIUM}) : `apt-get install chromium` — "
            "browser tests skipped (no Chromium)."
        )
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright absent (`pip install -e '.[dev]'`) — browser tests skipped.")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server_url(chromium, tmp_path_factory):
    """A real server process (started only once Chromium is known to be there)."""
    with leviers_server(tmp_path_factory.mktemp("leviers-browser")) as url:
        yield url


@pytest.fixture
def blocked():
    """The URLs of third-party requests the page attempted (and the test refused)."""
    return []


def _open_context(chromium, server_url, blocked, **options):
    context = chromium.new_context(base_url=server_url, locale="fr-FR", **options)
    context.set_default_timeout(10_000)

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


@pytest.fixture
def page(chromium, server_url, blocked):
    context = _open_context(chromium, server_url, blocked)
    yield context.new_page()
    context.close()
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


@pytest.fixture
def phone(chromium, server_url, blocked):
    context = _open_context(
        chromium, server_url, blocked, viewport=PHONE, device_scale_factor=2, is_mobile=True
    )
    yield context.new_page()
    context.close()
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


def visit(page, path: str, status: int = 200):
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == status, (path, response)
    return response


def commune_epci_path(page) -> str:
    visit(page, POMMERIEUX)
    href = page.locator("#epci-title + p a").first.get_attribute("href")
    assert href and href.startswith("/territoires/epci/"), href
    return href


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def test_finder_suggests_pommerieux_and_keyboard_opens_its_page(page):
    visit(page, "/")
    box = page.get_by_role("combobox", name="Votre commune ou votre intercommunalité")
    box.press_sequentially("pommerieux", delay=30)

    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    first = listbox.get_by_role("option").first
    assert first.inner_text().startswith("Pommerieux (53)")
    suggested = re.search(r"· ([\d\s\u202f\u00a0]+) hab\.", first.inner_text())
    assert suggested, first.inner_text()

    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    # The open list, with an option highlighted, is accessible too.
    violations = axe_violations(page)
    assert not violations, format_violations("/ (suggestions ouvertes)", violations)

    with page.expect_navigation():
        box.press("Enter")

    assert page.url.endswith(POMMERIEUX)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Pommerieux")
    figure = page.locator(".figure", has=page.locator("dt", has_text="Population municipale"))
    assert "habitants" in figure.locator("dd").inner_text()
    shown = figure.locator("dd strong").inner_text()
    assert digits(shown) and digits(shown) == digits(suggested.group(1)), (shown, suggested)
    codes = page.locator(".figure", has=page.locator("dt", has_text="Codes")).inner_text()
    assert "code postal 53400" in codes, codes


def _pages_to_audit(page) -> list[tuple[str, int]]:
    return [
        ("/", 200),
        ("/territoires/recherche/?q=saint", 200),
        (POMMERIEUX, 200),
        (commune_epci_path(page), 200),
        ("/territoires/communes/99999/", 404),
        ("/a-propos/", 200),
    ]


def test_main_pages_have_no_axe_violation(page):
    reports = []
    for path, status in _pages_to_audit(page):
        visit(page, path, status)
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
    assert not reports, "\n\n".join(reports)


def test_not_found_page_is_leviers_own(page):
    visit(page, "/territoires/communes/99999/", 404)
    assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert page.get_by_role("search").count() == 1
    # Production-like server: the stylesheet is served (WhiteNoise, collected statics).
    color = page.evaluate("getComputedStyle(document.querySelector('.site-header')).color")
    assert color == "rgb(255, 255, 255)"


@pytest.mark.parametrize(("name", "path"), [("home", "/"), ("commune-53180", POMMERIEUX)])
def test_phone_width_does_not_overflow(phone, name, path):
    visit(phone, path)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"phone-375-{name}.png", full_page=True)
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= PHONE["width"], f"{path} déborde : {widths[0]} px pour {PHONE['width']}"
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.closest('.table-wrapper, .visually-hidden, .skip-link'))
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
    )
    assert wide == [], f"{path} : éléments plus larges que l'écran : {wide}"


def test_pages_request_nothing_from_another_site(page, blocked):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path, status in _pages_to_audit(page):
        visit(page, path, status)
        page.wait_for_load_state("networkidle")
    assert any(url.endswith("/static/leviers/leviers.css") for url in requested)
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


def test_epci_members_table_fits_a_phone(phone):
    visit(phone, commune_epci_path(phone))
    wrapper = phone.locator(".table-wrapper")
    assert wrapper.get_attribute("role") == "region"
    scroll, client = wrapper.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client, f"le tableau des communes membres défile : {scroll} > {client} px"


def test_guard_blocks_and_records_third_party_requests(chromium, server_url):
    from playwright.sync_api import Error

    blocked = []
    context = _open_context(chromium, server_url, blocked)
    try:
        with pytest.raises(Error):
            context.new_page().goto("http://tiers.example/")
    finally:
        context.close()
    assert blocked == ["http://tiers.example/"]
