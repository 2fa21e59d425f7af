"""The journal in Debian's Chromium, on a phone: a visit typed with the network cut is kept on
the page, said so, and sent once the network is back (nothing lost, nothing sent twice);
axe-core on the record and the form, and every button, field and link there at least 44 px
high (a finger's target); the search by initials in no address the browser asks for, and
back from a record found shows the journal. The kit is leviers/testing/browser.py."""

import os

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

TEAM = "/aller-vers/equipeallerv/"
PERSON = TEAM + "personnes/personne1234/"
PASSWORD = "mot-de-passe-du-test-navigateur"

SETUP = f"""
from leviers.accounts.models import Membership, Organisation, User
from leviers.outreach.models import Consent, Person
from leviers.territories.models import Commune

team = Organisation.objects.create(public_id="equipeallerv", name="Locaux moteurs",
                                   kind="association")
user = User.objects.create_user("intervenante", password="{PASSWORD}", is_staff=True,
                                first_name="Léa")
Membership.objects.create(user=user, organisation=team, role="intervenant")
person = Person.objects.create(public_id="personne1234", organisation=team, label="M. D.",
                               birth_year=1941, commune=Commune.objects.get(code="53180"))
Consent.objects.create(person=person, scopes=["journal"], recorded_by=user)
Person.objects.create(public_id="personne5678", organisation=team, label="R. T.",
                      birth_year=1938, commune=Commune.objects.get(code="53180"))
"""


@pytest.fixture(scope="module")
def outreach_server_url(browser_site, tmp_path_factory):
    previous = os.environ.get("LEVIERS_OUTREACH")
    os.environ["LEVIERS_OUTREACH"] = "1"  # read by the server process's environment
    try:
        with leviers_server(
            tmp_path_factory.mktemp("leviers-outreach"), browser_site, ("shell", "-c", SETUP)
        ) as url:
            yield url
    finally:
        if previous is None:
            os.environ.pop("LEVIERS_OUTREACH", None)
        else:
            os.environ["LEVIERS_OUTREACH"] = previous


def _sign_in(page, path):
    visit(page, "/admin/login/?next=" + path)
    page.get_by_label("Nom d’utilisateur").fill("intervenante")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**" + path)


def _check(page, name):
    violations = axe_violations(page)
    assert not violations, format_violations(name, violations)


# What a finger touches in the journal's main area: its buttons, fields and links (a box or a
# round choice by its row, whose label takes the touch too), and the team's menu.
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'main button, main input:not([type=hidden]), main select, main textarea, '
        + 'main .actions a, .outreach-nav a')]
    .map(e => [e, ['checkbox', 'radio'].includes(e.type) ? e.closest('li') : e])
    .filter(([e, target]) => target.getBoundingClientRect().height < 44)
    .map(([e, target]) => (e.name || e.textContent.trim()) + ' : '
         + Math.round(target.getBoundingClientRect().height) + ' px')"""


def _assert_large_targets(page, name):
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"{name} : cibles de moins de 44 px de haut : {small}"


def test_a_visit_typed_offline_is_kept_then_sent_when_the_network_is_back(
    tabs, outreach_server_url, blocked
):
    with tabs.open(outreach_server_url, blocked, **PHONE_OPTIONS) as page:
        _sign_in(page, PERSON + "visites/nouvelle/")
        _check(page, "formulaire de visite")
        assert_fits(page, "formulaire de visite")
        _assert_large_targets(page, "formulaire de visite")
        page.get_by_label("Date de la visite").fill("2026-04-02")
        page.get_by_label("Portage de repas").check()
        page.get_by_label("Besoins, en quelques mots").fill("Repas livrés trois fois par semaine")

        page.context.set_offline(True)
        page.get_by_role("button", name="Enregistrer la visite").click()
        status = page.get_by_role("status").filter(has_text="Pas de réseau")
        status.wait_for()
        # Still on the form, with what was typed; a copy in this tab's sessionStorage only.
        assert page.get_by_label("Besoins, en quelques mots").input_value() == (
            "Repas livrés trois fois par semaine"
        )
        assert page.get_by_label("Portage de repas").is_checked()
        kept = page.evaluate("Object.keys(sessionStorage)")
        assert kept == [f"keep-form:{PERSON}visites/nouvelle/"]
        # (The admin's sign-in page leaves its theme there; nothing typed goes there.)
        assert "Repas" not in page.evaluate("JSON.stringify(localStorage)")

        page.context.set_offline(False)
        page.wait_for_url("**" + PERSON)
        assert "Visite notée." in page.content()
        assert page.content().count("Repas livrés trois fois par semaine") == 1
        assert page.evaluate("sessionStorage.length") == 0
        _check(page, "fiche de la personne")
        assert_fits(page, "fiche de la personne")
        _assert_large_targets(page, "fiche de la personne")
    assert blocked == []


def test_the_search_stays_out_of_addresses_and_back_shows_the_journal(
    tabs, outreach_server_url, blocked
):
    """Typed initials are POSTed: no address the browser asks for holds them. Back from a
    record found, and a reload of the results, show the journal again (a plain visit,
    search.js), without asking to send the form again."""
    with tabs.open(outreach_server_url, blocked, **PHONE_OPTIONS) as page:
        _sign_in(page, TEAM)
        addresses = []
        page.on("request", lambda request: addresses.append((request.method, request.url)))
        page.get_by_label("Chercher par initiales ou pseudonyme").fill("M. D")
        page.get_by_role("button", name="Chercher").click()
        page.get_by_text("Voir toutes les personnes").wait_for()
        assert page.url == outreach_server_url + TEAM
        assert page.get_by_role("link", name="R. T.").count() == 0
        _check(page, "résultats de la recherche")
        _assert_large_targets(page, "résultats de la recherche")
        page.get_by_role("link", name="M. D.").click()
        page.wait_for_url("**" + PERSON)

        before_back = len(addresses)
        page.go_back()
        page.get_by_role("link", name="R. T.").wait_for()  # the whole journal again
        assert ("GET", outreach_server_url + TEAM) in addresses[before_back:]
        assert page.reload().request.method == "GET"
        assert ("POST", outreach_server_url + TEAM) in addresses  # the search itself
        assert not [url for _method, url in addresses if "M.%20D" in url or "q=" in url]
    assert blocked == []
