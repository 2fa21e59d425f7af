"""The club's public page, the Durtal meeting and its report « Retour sur » in Debian's
Chromium on a phone: axe-core finds no violation, nothing is wider than the screen, and the
programme prints without its buttons and forms. The example is loaded by `leviers bootstrap`
on the shared test site (leviers/testing/browser.py)."""

import pytest

from leviers.testing.browser import (
    assert_fits,
    axe_violations,
    format_violations,
    visit,
    wider_than_the_screen,
)

pytestmark = pytest.mark.browser

CLUB = "/clubs/pays-de-la-loire/"


def _check(page, label):
    violations = axe_violations(page)
    assert not violations, format_violations(label, violations)
    assert_fits(page, label)
    assert wider_than_the_screen(page) == [], label


def test_the_club_its_meeting_and_report_on_a_phone(phone):
    visit(phone, CLUB)
    assert "Club des collectivités pour l'ESS en Pays de la Loire" in phone.content()
    _check(phone, "page du club")
    report = phone.get_by_role(
        "link", name="Retour sur la rencontre de Durtal du 11 septembre 2025"
    )
    meeting_path = report.get_attribute("href").removesuffix("retour/")
    visit(phone, meeting_path)
    assert "Emma Lorée" in phone.content()
    _check(phone, "rencontre de Durtal")
    visit(phone, meeting_path + "retour/")
    assert "neuf mois de co-construction" in phone.content()
    _check(phone, "retour sur la rencontre")


def test_the_programme_prints_without_buttons(page):
    visit(page, CLUB)
    href = page.get_by_role("link", name="Retour sur la rencontre de Durtal").get_attribute("href")
    visit(page, href.removesuffix("retour/"))
    page.emulate_media(media="print")
    assert page.locator(".registration").is_hidden()
    assert page.locator(".breadcrumb").is_hidden()
    assert page.locator(".programme").is_visible()
    assert page.locator(".print-only").is_visible()
