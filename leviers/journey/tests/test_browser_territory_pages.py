"""End-to-end tests of the commune and EPCI pages in Debian's Chromium: the diagnosis with its
map and charts, on a desktop and on a phone, and its weight.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

from contextlib import contextmanager

import pytest

from leviers.conftest import SHARED_DATA
from leviers.testing.browser import (
    PHONE,
    PHONE_OPTIONS,
    POMMERIEUX,
    assert_fits,
    axe_violations,
    commune_epci_path,
    format_violations,
    leviers_server,
    screenshot,
    visit,
    wait_for_image,
    wait_until_quiet,
    wider_than_the_screen,
)

pytestmark = pytest.mark.browser

DIAGNOSIS_MAX_BYTES = 300_000  # HTML + CSS + JS of the diagnosis page, the map excepted


def test_epci_members_table_fits_a_phone(phone):
    visit(phone, commune_epci_path(phone))
    wrapper = phone.locator(".table-wrapper", has=phone.locator("#members-caption"))
    assert wrapper.get_attribute("role") == "region"
    scroll, client = wrapper.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client, f"le tableau des communes membres défile : {scroll} > {client} px"


@pytest.fixture(scope="session")
def diagnosis_server_url(browser_site, tmp_path_factory):
    """A server of its own whose database also holds the density grid and the France Services
    sites of ../shared/data when present, so that every chart and marker is drawn."""
    imports = []
    if SHARED_DATA.is_dir():
        imports = [
            ("import-densite", "--source", str(SHARED_DATA / "grille_densite.csv")),
            (
                "import-france-services",
                "--source",
                str(SHARED_DATA / "france_services_2024-08-01.csv"),
            ),
        ]
    var_dir = tmp_path_factory.mktemp("leviers-diagnosis")
    with leviers_server(var_dir, browser_site, *imports) as url:
        yield url


@contextmanager
def _diagnosis(tabs, diagnosis_server_url, blocked, **options):
    """Pommerieux's page with its map loaded; yields the page and the bytes of each response."""
    transferred = {}

    def measure(request):
        response = request.response()
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        transferred[response.url] = (request.resource_type, size)

    with tabs.open(diagnosis_server_url, blocked, **options) as page:
        page.on("requestfinished", measure)
        visit(page, POMMERIEUX)
        wait_until_quiet(page)
        wait_for_image(page, ".map img")
        wait_until_quiet(page)
        page.remove_listener("requestfinished", measure)
        yield page, transferred


def test_diagnosis_page_with_its_map_has_no_axe_violation(tabs, diagnosis_server_url, blocked):
    with _diagnosis(tabs, diagnosis_server_url, blocked) as (page, _):
        assert page.locator(".map img").get_attribute("alt").startswith("Carte de Pommerieux")
        assert page.get_by_role("heading", name="Pommerieux et ses territoires").count() == 1
        if page.locator("#fs-title + ol").count():  # France Services imported
            assert page.locator("svg.chart[role=img]").count() == 2
        violations = axe_violations(page)
        assert not violations, format_violations(POMMERIEUX + " (carte chargée)", violations)
    assert blocked == []


def test_diagnosis_page_fits_a_phone_with_its_map(tabs, diagnosis_server_url, blocked):
    with _diagnosis(tabs, diagnosis_server_url, blocked, **PHONE_OPTIONS) as (phone, _):
        screenshot(phone, "phone-375-diagnostic-53180")
        assert_fits(phone, "la page")
        box = phone.locator(".map img").bounding_box()
        assert box and box["width"] <= PHONE["width"] - 16 and box["height"] > 200, box
        for chart in phone.locator("svg.chart").all():
            assert chart.bounding_box()["width"] <= PHONE["width"] - 16
        table = phone.locator(".table-wrapper", has=phone.locator("table.comparisons"))
        scroll, client = table.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client, f"le tableau des comparaisons défile : {scroll} > {client} px"
    assert blocked == []


def test_diagnosis_page_weighs_under_300_kb_without_its_map(tabs, diagnosis_server_url, blocked):
    with _diagnosis(tabs, diagnosis_server_url, blocked) as (_, transferred):
        pass
    counted = {"document", "stylesheet", "script"}
    total = sum(size for kind, size in transferred.values() if kind in counted)
    maps = [size for url, (_, size) in transferred.items() if url.endswith("/carte.svg")]
    assert maps and maps[0] < 300_000, maps
    assert 0 < total < DIAGNOSIS_MAX_BYTES, f"{total} octets : {transferred}"
    assert blocked == []


# The intercommunality: its page and its member matrix, at phone size.

ANJOU_LOIR_SARTHE = "/territoires/epci/200068955/"


def test_epci_page_with_its_map_fits_a_phone_with_no_axe_violation(
    tabs, diagnosis_server_url, blocked
):
    with tabs.open(diagnosis_server_url, blocked, **PHONE_OPTIONS) as phone:
        visit(phone, ANJOU_LOIR_SARTHE)
        wait_for_image(phone, ".map img")
        wait_until_quiet(phone)
        screenshot(phone, "phone-375-epci-200068955")
        assert phone.locator(".map img").evaluate("img => img.naturalWidth") > 0
        button = phone.get_by_role("link", name="Trouver des leviers pour CC Anjou Loir et Sarthe")
        assert button.get_attribute("href").endswith("epci=200068955&porteur=epci")
        assert phone.get_by_role("link", name="Durtal").count() >= 1
        # The example club (bootstrap) covers Pays de la Loire: the page names it.
        clubs = phone.get_by_role("region", name="Échanger avec d'autres collectivités")
        club = "Club des collectivités pour l'ESS en Pays de la Loire"
        assert clubs.get_by_role("link", name=club).is_visible()
        assert_fits(phone, "la page de l'intercommunalité")
        assert wider_than_the_screen(phone) == []
        violations = axe_violations(phone)
        assert not violations, format_violations(ANJOU_LOIR_SARTHE, violations)
    assert blocked == []


def test_member_matrix_fits_a_phone_prints_and_has_no_axe_violation(
    tabs, diagnosis_server_url, blocked
):
    with tabs.open(diagnosis_server_url, blocked, **PHONE_OPTIONS) as phone:
        visit(phone, ANJOU_LOIR_SARTHE + "communes-membres/")
        screenshot(phone, "phone-375-epci-200068955-communes-membres")
        table = phone.locator("table.matrix")
        assert table.locator("tbody tr").count() > 5
        assert_fits(phone, "le tableau des communes membres")
        assert wider_than_the_screen(phone) == []
        violations = axe_violations(phone)
        assert not violations, format_violations("communes-membres", violations)
        phone.emulate_media(media="print")
        assert phone.locator(".matrix-actions").is_hidden()
    assert blocked == []
