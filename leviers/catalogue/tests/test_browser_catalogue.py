"""End-to-end tests of the catalogue's pages in Debian's Chromium, with the shipped content.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import pytest

from leviers.testing.browser import (
    assert_fits,
    axe_violations,
    format_violations,
    screenshot,
    visit,
    wait_until_quiet,
    wider_than_the_screen,
)

pytestmark = pytest.mark.browser

CATALOGUE_PAGES = [
    ("catalogue", "/catalogue/?q=tiers+lieux"),
    ("catalogue-filtres", "/catalogue/?type=dispositifs&porteur=commune&besoin=commerce"),
    ("levier", "/catalogue/leviers/cafe-associatif/"),
    ("experience", "/catalogue/experiences/ernee-guinguette/"),
    ("dispositif", "/catalogue/dispositifs/rural-consult/"),
    # Contacts named by their departments, a perimeter of « toutes les régions sauf … ».
    ("dispositif-contacts", "/catalogue/dispositifs/france-active-garantie/"),
    ("dispositif-regions", "/catalogue/dispositifs/cress/"),
    ("ressource", "/catalogue/ressources/avise-dla/"),
]


def test_catalogue_pages_have_no_axe_violation_and_request_nothing_elsewhere(page):
    # The `page` fixture fails the test if any request went to another site.
    reports = []
    for _, path in CATALOGUE_PAGES:
        visit(page, path)
        wait_until_quiet(page)
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize(("name", "path"), CATALOGUE_PAGES)
def test_catalogue_pages_fit_a_phone(phone, name, path):
    visit(phone, path)
    screenshot(phone, f"phone-375-{name}")
    assert_fits(phone, path)
    wide = wider_than_the_screen(phone)
    assert wide == [], f"{path} : éléments plus larges que l'écran : {wide}"
