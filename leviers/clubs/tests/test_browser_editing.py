"""A facilitator of the example club, with no « équipe » account, creates a meeting and one
sequence of its programme on a phone, in Debian's Chromium: the host commune is chosen in the
territories suggestions, axe-core finds no violation on either form, nothing is wider than the
screen. The kit is leviers/testing/browser.py."""

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

CLUB = "/clubs/pays-de-la-loire/"
PASSWORD = "mot-de-passe-du-test-navigateur"
EMAIL = "animatrice@cress.example"

SETUP = f"""
from allauth.account.models import EmailAddress
from leviers.accounts.models import Membership, User
from leviers.clubs.models import Club

club = Club.objects.get(slug="pays-de-la-loire")
user = User.objects.create_user("animatrice", email="{EMAIL}", password="{PASSWORD}",
                                first_name="Anne")
EmailAddress.objects.create(user=user, email="{EMAIL}", verified=True, primary=True)
Membership.objects.create(user=user, organisation=club.organisers.first(), role="animateur")
"""


@pytest.fixture(scope="module")
def editing_server_url(browser_site, tmp_path_factory):
    with leviers_server(
        tmp_path_factory.mktemp("leviers-clubs-editing"), browser_site, ("shell", "-c", SETUP)
    ) as url:
        yield url


def _check(page, name):
    violations = axe_violations(page)
    assert not violations, format_violations(name, violations)
    assert_fits(page, name)


def test_a_facilitator_creates_a_meeting_and_a_sequence_on_a_phone(
    tabs, editing_server_url, blocked
):
    from playwright.sync_api import expect

    with tabs.open(editing_server_url, blocked, **PHONE_OPTIONS) as page:
        visit(page, "/compte/connexion/?next=" + CLUB)
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form:has(input[name=password]) button[type=submit]").first.click()
        page.wait_for_url("**" + CLUB)
        page.get_by_role("link", name="Nouvelle rencontre").click()
        _check(page, "nouvelle rencontre")
        page.get_by_label("Titre").fill("Rencontre d'automne du club")
        page.get_by_label("Date", exact=True).fill("2030-10-02")
        box = page.get_by_label("Commune d'accueil")
        box.press_sequentially("Durtal", delay=30)
        option = page.get_by_role("listbox", name="Suggestions").get_by_role("option").first
        expect(option).to_contain_text("Durtal")
        option.dispatch_event("mousedown")
        expect(box).to_have_value("Durtal (49127)")
        page.get_by_label("Places").fill("40")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url("**/programme/")
        assert "Rencontre enregistrée." in page.content()
        _check(page, "préparer la rencontre")

        page.get_by_role("link", name="Ajouter une séquence").click()
        _check(page, "nouvelle séquence")
        page.get_by_label("Titre", exact=True).fill("La guinguette d'Ernée")
        page.locator("#id_speakers-0-name").fill("Une adjointe")
        page.locator("#id_speakers-0-organisation_name").fill("Commune d'Ernée")
        page.get_by_label("Fiches du catalogue présentées").select_option(
            "lever:guinguette-associative"
        )
        page.get_by_role("button", name="Enregistrer la séquence").click()
        page.wait_for_url("**/programme/")
        assert "La guinguette d" in page.content() and "Une adjointe" in page.content()
        _check(page, "programme avec une séquence")
    assert blocked == []
