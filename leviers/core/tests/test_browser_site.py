"""End-to-end tests of the whole site in Debian's Chromium: the commune finder of the home page,
accessibility and third-party requests across the main pages, the 404 page, phone widths.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import re

import pytest

from leviers.testing.browser import (
    AXE_TAGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    FULL_CHROMIUM,
    PHONE,
    PHONE_OPTIONS,
    POMMERIEUX,
    assert_fits,
    axe_violations,
    commune_epci_path,
    format_violations,
    missing,
    open_context,
    screenshot,
    type_in_finder,
    visit,
    wait_until_quiet,
    wider_than_the_screen,
)

pytestmark = pytest.mark.browser


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_finder_suggests_pommerieux_and_keyboard_opens_its_page(page):
    visit(page, "/")
    box, listbox = type_in_finder(page, "pommerieux", "Pommerieux (53)")
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
        ("/a-propos/donnees/", 200),
    ]


def test_main_pages_have_no_axe_violation(page):
    reports = []
    for path, status in _pages_to_audit(page):
        visit(page, path, status)
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
    assert not reports, "\n\n".join(reports)


# What axe-core says of each rule it runs.
AXE_OUTCOMES = ("violations", "passes", "incomplete", "inapplicable")


def _what_the_browser_finds(browser, server_url: str, path: str) -> dict:
    """What a test reads of a page in `browser`: axe-core's verdict on each rule it runs, the
    page's width on a phone, its first heading."""
    from axe_playwright_python.sync_playwright import Axe

    context = open_context(browser, server_url, [], **PHONE_OPTIONS)
    try:
        page = context.new_page()
        visit(page, path)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
        response = Axe().run(page, options=options).response
        found = {kind: sorted(rule["id"] for rule in response[kind]) for kind in AXE_OUTCOMES}
        found["width"] = page.evaluate("document.documentElement.scrollWidth")
        found["heading"] = page.get_by_role("heading", level=1).inner_text()
        return found
    finally:
        context.close()


def test_the_full_chromium_finds_what_the_headless_shell_finds(chromium, server_url):
    """The suite runs Debian's Chromium as its headless shell (decision 50): the full browser,
    package chromium, gives the same axe-core verdicts, rule by rule, and the same layout."""
    if CHROMIUM == FULL_CHROMIUM or not FULL_CHROMIUM.exists():
        missing(f"il faut les deux : {FULL_CHROMIUM} et {CHROMIUM} (apt-get install chromium)")
    full = chromium.browser_type.launch(
        executable_path=str(FULL_CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        for path in ("/", POMMERIEUX):
            shell = _what_the_browser_finds(chromium, server_url, path)
            assert shell["passes"] and shell["violations"] == [], shell
            assert _what_the_browser_finds(full, server_url, path) == shell, path
    finally:
        full.close()


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
    screenshot(phone, f"phone-375-{name}")
    assert_fits(phone, path)
    wide = wider_than_the_screen(phone)
    assert wide == [], f"{path} : éléments plus larges que l'écran : {wide}"


def test_phone_header_shows_every_link_without_taking_the_screen(phone):
    """Seven links and the account's on a 375 px phone: they wrap in tight rows, each in
    sight and on the screen, and the header keeps to the top third of it."""
    visit(phone, "/clubs/")
    links = phone.locator(".site-header nav a")
    assert links.count() >= 7
    for link in links.all():
        box = link.bounding_box()
        assert link.is_visible() and box and box["x"] >= 0, link.inner_text()
        assert box["x"] + box["width"] <= PHONE["width"], link.inner_text()
    current = phone.locator('.site-header a[aria-current="page"]')
    assert current.all_inner_texts() == ["Clubs et rencontres"]
    height = phone.locator(".site-header").bounding_box()["height"]
    assert height <= PHONE["height"] / 3, f"en-tête de {height} px sur {PHONE['height']}"
    screenshot(phone, "phone-375-header")


def test_pages_request_nothing_from_another_site(page, blocked):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path, status in _pages_to_audit(page):
        visit(page, path, status)
        wait_until_quiet(page)
    assert any(url.endswith("/static/leviers/leviers.css") for url in requested)
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


def test_guard_blocks_and_records_third_party_requests(chromium, server_url):
    from playwright.sync_api import Error

    blocked = []
    context = open_context(chromium, server_url, blocked)
    try:
        with pytest.raises(Error):
            context.new_page().goto("http://tiers.example/")
    finally:
        context.close()
    assert blocked == ["http://tiers.example/"]


def test_waiting_for_quiet_waits_for_a_request_started_after_the_load(page):
    """`wait_until_quiet` stands for Playwright's "networkidle" (500 ms without a request):
    a request the page starts after its load is waited for, to its end. Here the test holds
    the answer back until it has seen the wait refuse to end."""
    held, finished = [], []
    page.route("**/sante/", lambda route: held.append(route))
    page.on("requestfinished", lambda request: finished.append(request.url))
    visit(page, "/")
    page.evaluate("() => { fetch('/sante/').then(response => response.text()); }")
    with pytest.raises(AssertionError, match="toujours en cours après 1 s : .*/sante/"):
        wait_until_quiet(page, timeout=1)
    assert len(held) == 1 and not any(url.endswith("/sante/") for url in finished)
    held[0].fulfill(status=200, body="ok")
    wait_until_quiet(page)
    assert any(url.endswith("/sante/") for url in finished)
    assert not page.context.requests_in_flight


# What a page shows of the state a test can leave behind, read in the page.
STATE = """() => [localStorage.length, sessionStorage.length, document.cookie, history.length,
    matchMedia('print').matches, innerWidth, navigator.onLine]"""
KEEP = """() => { localStorage.setItem('k', 'v'); sessionStorage.setItem('k', 'v');
    document.cookie = 'k=v; path=/'; }"""


def _observe(page) -> dict:
    """Visit the about page and tell what the browser kept: STATE, the page's text, whether
    the stylesheet came over the network (not from a cache), the answer of a fetch, the
    headers sent."""
    fetched, headers = [], set()

    def finished(request):
        headers.update(request.headers)
        if request.url.endswith(".css"):
            fetched.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", finished)
    visit(page, "/a-propos/")
    wait_until_quiet(page)
    page.remove_listener("requestfinished", finished)
    return {
        "state": page.evaluate(STATE),
        "rerouted": "ailleurs" in page.content(),
        "stylesheet fetched": bool(fetched) and min(fetched) > 0,
        "health answers": page.evaluate("fetch('/sante/').then(r => r.ok, () => false)"),
        "extra header": "x-essai" in headers,
    }


def test_a_reused_page_keeps_nothing_of_its_last_test(tabs, chromium, server_url):
    """Tabs hands the next test a used page only once it is like a fresh one: no cookie,
    stored data, cache, history, route, media, viewport or offline state left. Pages of
    other contexts, in use meanwhile, keep theirs."""
    blocked = []
    fresh = open_context(chromium, server_url, blocked, **PHONE_OPTIONS)
    try:
        expected = _observe(fresh.new_page())
    finally:
        fresh.close()
    with tabs.open(server_url, blocked) as other:
        visit(other, "/")
        other.evaluate(KEEP)
        with tabs.open(server_url, blocked, **PHONE_OPTIONS) as used:
            visit(used, "/")
            used.evaluate(KEEP)
            visit(used, "/a-propos/")
            used.route("**/a-propos/", lambda route: route.fulfill(body="<p>ailleurs</p>"))
            used.context.route("**/sante/", lambda route: route.abort())
            used.emulate_media(media="print")
            used.set_viewport_size({"width": 500, "height": 600})
            used.context.new_page()
            used.context.set_extra_http_headers({"X-Essai": "1"})
            dirty = _observe(used)
            assert all(dirty[key] != expected[key] for key in expected), (dirty, expected)
            used.context.set_offline(True)
        assert other.evaluate(STATE)[:3] == [1, 1, "k=v"]
    with tabs.open(server_url, blocked, **PHONE_OPTIONS) as page:
        assert page is used
        assert page.url == "about:blank" and page.context.pages == [page]
        assert _observe(page) == expected
    assert blocked == []


def test_a_page_left_with_a_listener_of_its_test_is_not_reused(tabs, server_url):
    """Playwright cannot remove a test's listeners for it: Tabs closes that page's context."""
    with tabs.open(server_url, []) as left:
        left.on("dialog", lambda dialog: dialog.accept())
    with tabs.open(server_url, []) as page:
        assert page is not left and left.is_closed()
