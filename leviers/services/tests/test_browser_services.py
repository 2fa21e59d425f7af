"""End-to-end tests of the directory in Debian's Chromium: axe-core on the search with its
results, a service card and the « Qui appeler » sheet, on a desktop and on a phone (375 px);
the sheet printed (print media) still has no axe violation and fits one A4 page; the commune
box suggests communes (finder.js) and keeps the chosen need.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import re
from pathlib import Path

import pytest

from leviers.testing.browser import (
    PHONE_OPTIONS,
    assert_fits,
    axe_violations,
    format_violations,
    leviers_server,
    visit,
)

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"
SETUP = """
from leviers.services.models import Service, Structure
from leviers.territories.models import Commune, CommuneOutline, TownHall

for code, (lon, lat) in {"53180": (-0.83, 47.82), "53062": (-0.70, 47.83),
                         "53084": (-1.01, 47.85)}.items():
    CommuneOutline.objects.update_or_create(commune_id=code, defaults=dict(
        path="M0 0l1 0 0 1z", points=3, centroid_longitude=lon, centroid_latitude=lat,
        min_longitude=lon - 0.02, max_longitude=lon + 0.02, min_latitude=lat - 0.02,
        max_latitude=lat + 0.02))
commune = Commune.objects.get(code="53180")
structure = Structure.objects.create(name="Les Amis de Pommerieux", commune=commune)
Service.objects.create(public_id="visites000001", structure=structure, commune=commune,
                       name="Visites de convivialité", local_themes=["visites-isolement"],
                       phone="06 12 34 56 78", opening_hours="Le mardi après-midi")
TownHall.objects.update_or_create(commune=commune, defaults={"phone": "02 43 70 70 70"})
"""
PAGES = {
    "recherche": "/services/?commune=53180&distance=30",
    "fiche": "/services/visites000001/",
    "qui-appeler": "/services/qui-appeler/53180/",
}


@pytest.fixture(scope="session")
def services_server_url(browser_site, tmp_path_factory):
    files = [
        str(DATA / name)
        for name in ("structures.json", "services.json", "structures.csv", "services.csv")
    ]
    with leviers_server(
        tmp_path_factory.mktemp("leviers-services"),
        browser_site,
        ("importer-services", *files),
        ("shell", "-c", SETUP),
    ) as url:
        yield url


@pytest.mark.parametrize("options", [{}, PHONE_OPTIONS], ids=["bureau", "telephone"])
def test_directory_pages_have_no_axe_violation_and_fit_a_phone(
    tabs, services_server_url, blocked, options
):
    with tabs.open(services_server_url, blocked, **options) as page:
        for name, path in PAGES.items():
            visit(page, path)
            violations = axe_violations(page)
            assert not violations, format_violations(name, violations)
            if options:
                assert_fits(page, name)
        visit(page, PAGES["recherche"])
        call = page.get_by_role("link", name="Appeler 06 12 34 56 78")
        assert call.get_attribute("href") == "tel:+33612345678"
        box = call.bounding_box()
        assert box["height"] >= 44  # a thumb's target
    assert blocked == []


def test_the_sheet_prints_on_one_page_in_large_print(tabs, services_server_url, blocked):
    with tabs.open(services_server_url, blocked) as page:
        visit(page, PAGES["qui-appeler"])
        page.emulate_media(media="print")
        violations = axe_violations(page)
        assert not violations, format_violations("qui-appeler (impression)", violations)
        assert page.locator(".site-header").is_hidden()
        assert page.get_by_role("link", name="Télécharger en PDF").is_hidden()
        size = page.locator(".call-number").first.evaluate("e => getComputedStyle(e).fontSize")
        assert float(size.removesuffix("px")) >= 24  # 18 pt
        pdf = page.pdf(format="A4", print_background=True)
        pages = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
        assert pages and max(pages) == 1, f"la fiche tient sur {max(pages or [0])} pages A4"
    assert blocked == []


def test_the_commune_box_suggests_and_keeps_the_search(tabs, services_server_url, blocked):
    import re as regex

    from playwright.sync_api import expect

    with tabs.open(services_server_url, blocked, **PHONE_OPTIONS) as page:
        visit(page, "/services/")
        page.get_by_label("Besoin").select_option("aide-a-domicile")
        box = page.get_by_role("combobox", name="Commune")
        box.press_sequentially("Pommerieux", delay=30)
        listbox = page.get_by_role("listbox", name="Suggestions")
        ours = listbox.get_by_role("option", name=regex.compile(r"^Pommerieux \(53\)"))
        expect(ours).to_be_visible()
        ours.click()
        page.wait_for_url(regex.compile(r"commune=53180"))
        assert page.get_by_role("heading", level=1).inner_text() == "Services près de Pommerieux"
        assert "theme=aide-a-domicile" in page.url
        expect(page.get_by_role("heading", name="1 service à moins de 20 km")).to_be_visible()
    assert blocked == []
