"""The sign-in pages in Debian's Chromium: no axe-core violation, usable on a phone."""

import pytest

from leviers.testing.browser import assert_fits, axe_violations, format_violations, visit

pytestmark = pytest.mark.browser

PAGES = ["/compte/connexion/", "/compte/connexion/code/", "/compte/inscription/"]


def test_sign_in_pages_have_no_axe_violation(page):
    reports = []
    for path in PAGES:
        visit(page, path)
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
    assert not reports, "\n\n".join(reports)


def test_sign_in_pages_fit_a_phone(phone):
    for path in PAGES:
        visit(phone, path)
        assert_fits(phone, path)


def test_asking_for_a_code_leads_to_the_code_page(page):
    visit(page, "/compte/connexion/code/")
    page.fill("input[name=email]", "camille@mairie.example")
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    assert "/compte/connexion/code/confirmer/" in page.url
    assert page.locator("input[name=code]").count() == 1
