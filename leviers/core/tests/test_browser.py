"""End-to-end tests in Debian's Chromium against a real Leviers server process.

One server and one browser for the whole session; each test gets a fresh browser context
that lets only requests to the test server through and records any other it blocked.
Skipped, with the reason, where /usr/bin/chromium or Playwright is missing.
"""

import os
import re
import urllib.request
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


# The catalogue's pages (issue 3), with the shipped content.
CATALOGUE_PAGES = [
    ("catalogue", "/catalogue/?q=tiers+lieux"),
    ("catalogue-filtres", "/catalogue/?type=dispositifs&porteur=commune&besoin=commerce"),
    ("levier", "/catalogue/leviers/cafe-associatif/"),
    ("experience", "/catalogue/experiences/ernee-guinguette/"),
    ("dispositif", "/catalogue/dispositifs/rural-consult/"),
    ("ressource", "/catalogue/ressources/avise-dla/"),
]


def test_a_suggestion_picked_on_home_keeps_the_ticked_needs(page):
    visit(page, "/")
    page.get_by_role("checkbox", name="Commerce de proximité").check()
    box = page.get_by_role("combobox", name="Votre commune ou votre intercommunalité")
    box.press_sequentially("pommerieux", delay=30)
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    box.press("ArrowDown")
    with page.expect_navigation(url=re.compile(r"/projets/recommandations/")):
        box.press("Enter")
    assert "commune=53180" in page.url and "besoin=commerce" in page.url


def _pages_to_audit(page) -> list[tuple[str, int]]:
    return [
        ("/", 200),
        ("/territoires/recherche/?q=saint", 200),
        (POMMERIEUX, 200),
        (commune_epci_path(page), 200),
        ("/territoires/communes/99999/", 404),
        ("/a-propos/", 200),
        *((path, 200) for _, path in CATALOGUE_PAGES),
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


@pytest.mark.parametrize(
    ("name", "path"), [("home", "/"), ("commune-53180", POMMERIEUX), *CATALOGUE_PAGES]
)
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


# --- The elected official's journey (leviers/journey) ---------------------------------------

RECOMMENDATIONS = (
    "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social"
    "&porteur=commune&etape=emergence"
)
MAX_PAGE_BYTES = 300_000


def _create_roadmap(page) -> tuple[str, str]:
    """From the recommendations, a roadmap with a lever and a scheme: (edit URL, share URL)."""
    visit(page, RECOMMENDATIONS)
    page.locator("#choisir-levier-cafe-associatif").check()
    page.locator("#choisir-dispositif-rural-consult").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Créer la feuille de route").click()
    share = page.locator(".links-box a.long-url").first.get_attribute("href")
    return page.url, share


def _to_png(pdf: Path, stem: str) -> Path | None:
    """First page of `pdf` as a PNG next to it (None where poppler-utils is missing)."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        return None
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            ARTIFACTS / stem,
        ],
        check=True,
        timeout=60,
    )
    return ARTIFACTS / f"{stem}.png"


def test_journey_from_pommerieux_to_a_printed_roadmap(page, chromium, server_url, blocked):
    # Home → the finder → the commune's diagnosis page.
    visit(page, "/")
    box = page.get_by_role("combobox", name="Votre commune ou votre intercommunalité")
    box.press_sequentially("pommerieux", delay=20)
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith(POMMERIEUX)
    # The call to action → the situation form.
    with page.expect_navigation():
        page.get_by_role("link", name="Trouver des leviers pour Pommerieux").click()
    assert "/projets/situation/?commune=53180" in page.url
    page.get_by_text("Commerce de proximité", exact=True).click()
    page.get_by_text("Lien social et convivialité", exact=True).click()
    page.get_by_label("Qui porte le projet ?").select_option("commune")
    page.get_by_label("Où en est le projet ?").select_option("emergence")
    with page.expect_navigation():
        page.get_by_role("button", name="Voir les leviers").click()
    assert "besoin=commerce&besoin=lien-social" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Des leviers pour Pommerieux"

    # A question under a scheme "à vérifier": the verdict is updated, the place kept.
    card = page.locator("#dispositif-france-services")
    assert "À vérifier" in card.locator(".verdict").inner_text()
    card.get_by_label("Oui").check()
    with page.expect_navigation():
        card.get_by_role("button", name=re.compile("Mettre à jour le verdict")).click()
    assert "reponse=deux-agents-24h%3Doui" in page.url
    assert page.url.endswith("#dispositif-france-services")
    card = page.locator("#dispositif-france-services")
    assert card.locator(".verdict").inner_text().endswith("Éligible")
    assert (
        page.evaluate(
            "Math.abs(document.querySelector('#dispositif-france-services')"
            ".getBoundingClientRect().top)"
        )
        < 200
    ), "la page n'est pas revenue au dispositif"

    # The roadmap: pick a lever and two schemes, then add a next step.
    page.locator("#choisir-levier-cafe-associatif").check()
    page.locator("#choisir-dispositif-rural-consult").check()
    page.locator("#choisir-dispositif-france-services").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Créer la feuille de route").click()
    assert "/projets/feuilles-de-route/modifier/" in page.url
    share = page.locator(".links-box a.long-url").first.get_attribute("href")
    page.get_by_role("group", name=re.compile("Café ou bar associatif")).get_by_label(
        "Prochaine étape"
    ).fill("Présenter le projet au conseil municipal de mars")
    page.get_by_role("group", name=re.compile("Café ou bar associatif")).get_by_label(
        "Échéance"
    ).fill("2026-03-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("status").inner_text().startswith("Vos modifications")

    # The share link opens read-only, in another browser (no cookie, no edit link).
    context = _open_context(chromium, server_url, blocked)
    try:
        reader = context.new_page()
        visit(reader, share)
        assert reader.locator("main form").count() == 0
        assert "modifier" not in reader.content()
        table = reader.locator(".next-steps table").inner_text()
        assert "Présenter le projet au conseil municipal de mars" in table
        assert "15 mars 2026" in table
        assert "Éligible" in reader.locator(".roadmap").inner_text()

        # Print: Chromium's print-to-PDF on A4 with the print stylesheet.
        ARTIFACTS.mkdir(exist_ok=True)
        printed = ARTIFACTS / "feuille-de-route-impression.pdf"
        reader.pdf(path=str(printed), format="A4", print_background=True)
        assert printed.read_bytes().startswith(b"%PDF")
        reader.emulate_media(media="print")
        assert reader.locator(".site-header nav").is_hidden()
        assert reader.locator(".actions").is_hidden()
        assert share in reader.locator(".share-line").inner_text()
        _to_png(printed, "feuille-de-route-impression")

        # The server-made PDF.
        response = reader.request.get(share + "pdf/")
        assert response.status == 200
        made = ARTIFACTS / "feuille-de-route-serveur.pdf"
        made.write_bytes(response.body())
        assert made.read_bytes().startswith(b"%PDF")
        _to_png(made, "feuille-de-route-serveur")
    finally:
        context.close()


def _journey_pages(page) -> list[tuple[str, str]]:
    edit, share = _create_roadmap(page)
    return [
        ("accueil", "/"),
        ("situation", "/projets/situation/?commune=53180&besoin=commerce"),
        ("recommandations", RECOMMENDATIONS + "&reponse=deux-agents-24h%3Doui"),
        ("feuille-de-route", share),
        ("feuille-de-route-modifier", edit),
    ]


def _transferred(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return len(response.read())


def test_journey_pages_have_no_axe_violation_and_stay_light(page):
    reports, weights = [], {}
    for _, path in _journey_pages(page):
        loaded: list[str] = []

        def listen(response, loaded=loaded):
            if response.status == 200:
                loaded.append(response.url)

        page.on("response", listen)
        visit(page, path)
        page.wait_for_load_state("networkidle")
        page.remove_listener("response", listen)
        # Sizes are read again over HTTP: a response's body is gone once the page navigates
        # (a redirect, an anchor), and the map, loaded apart, does not count.
        weights[path] = sum(
            _transferred(url) for url in dict.fromkeys(loaded) if "/carte.svg" not in url
        )
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
        # The collapsed group of schemes is audited open too.
        if page.locator("details.verdict-group").count():
            page.locator("details.verdict-group > summary").click()
            violations = axe_violations(page)
            if violations:
                reports.append(format_violations(path + " (non éligibles ouverts)", violations))
    assert not reports, "\n\n".join(reports)
    heavy = {path: size for path, size in weights.items() if size > MAX_PAGE_BYTES}
    assert not heavy, f"pages de plus de {MAX_PAGE_BYTES} octets : {heavy}"


@pytest.mark.parametrize("name", ["accueil", "situation", "recommandations", "feuille-de-route"])
def test_journey_fits_a_phone(phone, name):
    pages = dict(_journey_pages(phone))
    visit(phone, pages[name])
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"phone-375-{name}.png", full_page=True, timeout=60_000)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} déborde : {width} px"


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, no click)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} injoignable au clavier en {limit} tabulations")


def test_keyboard_alone_walks_the_journey(page):
    visit(page, "/")
    _tab_to(page, "#finder-input-main")
    page.keyboard.type("Durtal")
    # (Not Escape: it would empty a search field.) Tab leaves the suggestions.
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    _tab_to(page, "#accueil-besoin-commerce")
    page.keyboard.press("Space")
    _tab_to(page, "#accueil-besoin-lien-social")
    page.keyboard.press("Space")
    _tab_to(page, ".situation-step button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/projets/recommandations/?commune=49127&besoin=commerce&besoin=lien-social" in page.url

    # Answer a question, Space on the radio, Enter on its button.
    first_question = page.locator(".inline-questions input[type=radio][value=non]").first
    radio_id = first_question.get_attribute("id")
    _tab_to(page, f"#{radio_id.replace('-non', '-oui')}")
    page.keyboard.press("ArrowRight")  # moves to (and checks) "Non"
    assert page.locator(f"#{radio_id}").is_checked()
    _tab_to(page, ".inline-questions button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "reponse=" in page.url

    # Pick a lever, then create the roadmap.
    _tab_to(page, "input[name=levier]")
    page.keyboard.press("Space")
    _tab_to(page, "#creer button[type=submit]", limit=800)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/projets/feuilles-de-route/modifier/" in page.url
    _tab_to(page, "textarea, input[name$='next_step']")
    page.keyboard.type("Rencontrer la CRESS")
    _tab_to(page, ".roadmap-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name$='next_step']").first.input_value() == "Rencontrer la CRESS"


# --- The territory diagnosis (leviers/territories) --------------------------------------------

DIAGNOSIS_MAX_BYTES = 300_000  # HTML + CSS + JS of the diagnosis page, the map excepted


@pytest.fixture(scope="session")
def diagnosis_server_url(chromium, tmp_path_factory):
    """A server of its own whose database also holds the density grid and the France Services
    sites of ../shared/data when present, so that every chart and marker is drawn."""
    import subprocess
    import sys

    from leviers.conftest import SHARED_DATA
    from leviers.core.tests.browser import server_environment

    var_dir = tmp_path_factory.mktemp("leviers-diagnosis")
    with leviers_server(var_dir) as url:
        if SHARED_DATA.is_dir():
            for command, name in (
                ("import-densite", "grille_densite.csv"),
                ("import-france-services", "france_services_2024-08-01.csv"),
            ):
                subprocess.run(
                    [sys.executable, "-m", "leviers", command, "--source", SHARED_DATA / name],
                    env=server_environment(var_dir),
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
        yield url


def _diagnosis(chromium, diagnosis_server_url, blocked, **options):
    context = _open_context(chromium, diagnosis_server_url, blocked, **options)
    page = context.new_page()
    transferred = {}

    def measure(response):
        kind = response.request.resource_type
        sizes = response.request.sizes()
        transferred[response.url] = (kind, sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", lambda request: measure(request.response()))
    visit(page, POMMERIEUX)
    page.wait_for_load_state("networkidle")
    picture = page.locator(".map img")
    picture.scroll_into_view_if_needed()
    for _ in range(50):  # the map loads lazily (wait_for_function would need 'unsafe-eval')
        if picture.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    return context, page, transferred


def test_diagnosis_page_with_its_map_has_no_axe_violation(chromium, diagnosis_server_url, blocked):
    context, page, _ = _diagnosis(chromium, diagnosis_server_url, blocked)
    try:
        assert page.locator(".map img").get_attribute("alt").startswith("Carte de Pommerieux")
        assert page.get_by_role("heading", name="Pommerieux et ses territoires").count() == 1
        if page.locator("#fs-title + ol").count():  # France Services imported
            assert page.locator("svg.chart[role=img]").count() == 2
        violations = axe_violations(page)
        assert not violations, format_violations(POMMERIEUX + " (carte chargée)", violations)
    finally:
        context.close()
    assert blocked == []


def test_diagnosis_page_fits_a_phone_with_its_map(chromium, diagnosis_server_url, blocked):
    context, phone, _ = _diagnosis(
        chromium,
        diagnosis_server_url,
        blocked,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
    )
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=ARTIFACTS / "phone-375-diagnostic-53180.png", full_page=True)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"la page déborde : {width} px"
        box = phone.locator(".map img").bounding_box()
        assert box and box["width"] <= PHONE["width"] - 16 and box["height"] > 200, box
        for chart in phone.locator("svg.chart").all():
            assert chart.bounding_box()["width"] <= PHONE["width"] - 16
        table = phone.locator(".table-wrapper", has=phone.locator("table.comparisons"))
        scroll, client = table.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client, f"le tableau des comparaisons défile : {scroll} > {client} px"
    finally:
        context.close()
    assert blocked == []


def test_diagnosis_page_weighs_under_300_kb_without_its_map(
    chromium, diagnosis_server_url, blocked
):
    context, _, transferred = _diagnosis(chromium, diagnosis_server_url, blocked)
    context.close()
    counted = {"document", "stylesheet", "script"}
    total = sum(size for kind, size in transferred.values() if kind in counted)
    maps = [size for url, (_, size) in transferred.items() if url.endswith("/carte.svg")]
    assert maps and maps[0] < 300_000, maps
    assert 0 < total < DIAGNOSIS_MAX_BYTES, f"{total} octets : {transferred}"


# --- The directory of ESS actors (leviers/observatory) ----------------------------------------

DIRECTORY = "/observatoire/communes/53180/acteurs/"


def _tiny_stock(folder: Path) -> tuple[Path, Path]:
    """Four ESS establishments in Pommerieux (three placed by SIRENE, one not)."""
    from leviers.observatory.lambert import to_lambert93
    from leviers.testing.sirene import ESTABLISHMENT_HEADER, UNIT_HEADER, write_rows

    actors = [
        ("100000001", "9220", "FOYER RURAL DE POMMERIEUX", (-0.832, 47.823)),
        ("100000002", "5560", "COOPERATIVE AGRICOLE DU CRAONNAIS", (-0.826, 47.818)),
        ("100000003", "8210", "MUTUELLE DU HAUT-ANJOU", (-0.838, 47.828)),
        ("100000004", "9300", "FONDATION DES AMIS DU BOURG", None),
    ]
    units, establishments = [], []
    for siren, category, name, where in actors:
        units.append(
            {
                "siren": siren,
                "categorieJuridiqueUniteLegale": category,
                "economieSocialeSolidaireUniteLegale": "O",
                "activitePrincipaleUniteLegale": "94.99Z",
                "denominationUniteLegale": name,
            }
        )
        x, y = to_lambert93(*where) if where else ("", "")
        establishments.append(
            {
                "siren": siren,
                "siret": siren + "00011",
                "etatAdministratifEtablissement": "A",
                "codeCommuneEtablissement": "53180",
                "activitePrincipaleEtablissement": "94.99Z",
                "trancheEffectifsEtablissement": "NN",
                "caractereEmployeurEtablissement": "N",
                "dateCreationEtablissement": "2001-05-01",
                "etablissementSiege": "true",
                "codePostalEtablissement": "53400",
                "libelleVoieEtablissement": "DU BOURG",
                "coordonneeLambertAbscisseEtablissement": f"{x:.1f}" if where else "",
                "coordonneeLambertOrdonneeEtablissement": f"{y:.1f}" if where else "",
            }
        )
    return (
        write_rows(folder / "StockUniteLegale_utf8.csv", UNIT_HEADER, units),
        write_rows(folder / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, establishments),
    )


@pytest.fixture(scope="session")
def directory_server_url(chromium, tmp_path_factory):
    """A server of its own whose database holds a tiny SIRENE stock for Pommerieux."""
    import subprocess
    import sys

    from leviers.core.tests.browser import server_environment

    var_dir = tmp_path_factory.mktemp("leviers-directory")
    units, establishments = _tiny_stock(tmp_path_factory.mktemp("sirene-tiny"))
    with leviers_server(var_dir) as url:
        subprocess.run(
            [sys.executable, "-m", "leviers", "import-sirene"]
            + ["--unites", str(units), "--etablissements", str(establishments)],
            env=server_environment(var_dir),
            check=True,
            capture_output=True,
            timeout=120,
        )
        yield url


def _directory_page(chromium, url, blocked, path=DIRECTORY, **options):
    context = _open_context(chromium, url, blocked, **options)
    page = context.new_page()
    visit(page, path)
    picture = page.locator(".actors-map img")
    if picture.count():
        picture.scroll_into_view_if_needed()
        for _ in range(50):  # the map loads lazily
            if picture.evaluate("img => img.complete && img.naturalWidth > 0"):
                break
            page.wait_for_timeout(100)
    return context, page


def test_directory_with_its_map_has_no_axe_violation(chromium, directory_server_url, blocked):
    context, page = _directory_page(chromium, directory_server_url, blocked)
    try:
        picture = page.locator(".actors-map img")
        assert picture.get_attribute("alt").startswith("Carte des 4 acteurs de l'ESS")
        assert picture.evaluate("img => img.naturalWidth") > 0
        assert page.locator(".ess-actors > li").count() == 4
        violations = axe_violations(page)
        assert not violations, format_violations(DIRECTORY + " (carte chargée)", violations)
    finally:
        context.close()
    assert blocked == []


@pytest.mark.parametrize(
    "path", [DIRECTORY, DIRECTORY + "ajouter/", DIRECTORY + "10000000100011/completer/"]
)
def test_directory_and_contribution_forms_fit_a_phone(
    chromium, directory_server_url, blocked, path
):
    context, phone = _directory_page(
        chromium,
        directory_server_url,
        blocked,
        path,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
    )
    try:
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} déborde : {width} px"
        if path == DIRECTORY:
            box = phone.locator(".actors-map img").bounding_box()
            assert box and box["width"] <= PHONE["width"] - 16, box
    finally:
        context.close()
    assert blocked == []


def test_contribution_forms_have_no_axe_violation_even_with_errors(
    chromium, directory_server_url, blocked
):
    context, page = _directory_page(chromium, directory_server_url, blocked, DIRECTORY)
    try:
        page.get_by_role("link", name="Compléter cette fiche : FOYER RURAL DE POMMERIEUX").click()
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)
        visit(page, DIRECTORY + "ajouter/")
        page.get_by_label("Numéro RNA", exact=True).fill("W12")
        page.get_by_role("button", name="Envoyer la proposition").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        assert "W suivi de 9 chiffres" in page.content()
        violations = axe_violations(page)
        assert not violations, format_violations(page.url + " (erreurs)", violations)
        page.get_by_label("Nom de l'association").fill("Les jardins du bourg")
        page.get_by_label("Numéro RNA", exact=True).fill("W532000123")
        page.get_by_role("button", name="Envoyer la proposition").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Merci")
    finally:
        context.close()
    assert blocked == []
