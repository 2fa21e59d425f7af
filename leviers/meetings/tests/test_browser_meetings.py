"""End-to-end tests of the meetings pages in Debian's Chromium: axe-core on the public pages
and on the team's forms (with their errors), on a desktop and on a phone.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

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

PROJECT = "/projets/guinguette01/"
MEETING = PROJECT + "reunions/samedi000001/"
PASSWORD = "mot-de-passe-du-test-navigateur"

# A project of Pommerieux with its Saturday meeting, a sitting, a decision and a copil; an
# admin of the commune (staff, to sign in through the admin's form until accounts have theirs).
SETUP = f"""
from datetime import date, datetime
from zoneinfo import ZoneInfo
from leviers.accounts.models import Membership, Organisation, User
from leviers.meetings.models import CommitteeMember, Decision, Meeting, Sitting
from leviers.territories.models import Commune
from leviers.workspace.models import Project

commune = Commune.objects.get(code="53180")
organisation = Organisation.objects.create(name="Commune de Pommerieux", kind="commune",
                                           commune=commune)
user = User.objects.create_user("secretaire", password="{PASSWORD}", is_staff=True,
                                first_name="Anne", last_name="Secrétaire")
Membership.objects.create(user=user, organisation=organisation, role="admin")
project = Project.objects.create(public_id="guinguette01", organisation=organisation,
                                 title="Une guinguette au bord de l'étang", commune=commune)
meeting = Meeting.objects.create(
    public_id="samedi000001", project=project, title="Réunion participative du samedi",
    place="Salle des fêtes", starts_at=datetime(2026, 6, 6, 10, tzinfo=ZoneInfo("Europe/Paris")),
    frequency="hebdomadaire", skipped_months=[8], registration=True, capacity=30,
    agenda="Tour de table ; le nom de la guinguette.")
sitting = Sitting.objects.create(meeting=meeting, held_on=date(2026, 6, 6), headcount=14,
                                 minutes="Le nom « Chez Nous » est retenu.")
Decision.objects.create(project=project, title="Ouvrir le vendredi soir", body="copil",
                        decided_on=date(2026, 6, 6), method="vote", votes_for=9, votes_against=2,
                        sitting=sitting)
for college, name in [("elus", "Mme la Maire"), ("associations", "Comité des fêtes"),
                      ("agriculteurs", "GAEC du Pré"), ("habitants", "Jeanne D.")]:
    CommitteeMember.objects.create(project=project, college=college, name=name)
"""


@pytest.fixture(scope="session")
def meetings_server_url(browser_site, tmp_path_factory):
    with leviers_server(
        tmp_path_factory.mktemp("leviers-meetings"), browser_site, ("shell", "-c", SETUP)
    ) as url:
        yield url


def _check(page, path):
    violations = axe_violations(page)
    assert not violations, format_violations(path, violations)


@pytest.mark.parametrize(
    "path",
    [PROJECT + "reunions/", MEETING, PROJECT + "decisions/"],
    ids=["liste", "reunion", "decisions"],
)
def test_public_meeting_pages_have_no_axe_violation_and_fit_a_phone(
    tabs, meetings_server_url, blocked, path
):
    for options in ({}, PHONE_OPTIONS):
        with tabs.open(meetings_server_url, blocked, **options) as page:
            visit(page, path)
            _check(page, path)
            if options:
                assert_fits(page, path)
    assert blocked == []


def test_the_team_plans_a_meeting_and_sees_its_copil(tabs, meetings_server_url, blocked):
    with tabs.open(meetings_server_url, blocked, **PHONE_OPTIONS) as page:
        visit(page, "/admin/login/?next=" + PROJECT + "copil/")
        page.get_by_label("Nom d’utilisateur").fill("secretaire")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Connexion").click()
        page.wait_for_url("**/copil/")
        assert "Sans représentant : Artisans et commerçants, Partenaires." in page.content()
        _check(page, "copil")
        assert_fits(page, "copil")
        visit(page, PROJECT + "reunions/nouvelle/")
        page.get_by_label("Intitulé").fill("Copil de rentrée")
        page.get_by_label("Lieu").fill("Mairie")
        page.get_by_label("Première date").fill("2026-09-05T10:00")
        page.get_by_label("Répétition").select_option("hebdomadaire")
        page.get_by_label("septembre").check()
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        assert "La première date tombe en septembre" in page.content()
        _check(page, "formulaire de réunion (erreurs)")
        assert_fits(page, "formulaire de réunion")
        page.get_by_label("septembre").uncheck()
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_load_state("load")
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading.startswith("Copil de rentrée"), page.locator("main").inner_text()
    assert blocked == []


def _sign_in(page, next_path):
    visit(page, "/admin/login/?next=" + next_path)
    page.get_by_label("Nom d’utilisateur").fill("secretaire")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**" + next_path)


def test_the_team_makes_its_secret_calendar_address(tabs, meetings_server_url, blocked):
    with tabs.open(meetings_server_url, blocked, **PHONE_OPTIONS) as page:
        _sign_in(page, PROJECT + "reunions/agenda-equipe/")
        page.get_by_role("button", name="Créer mon adresse").click()
        page.wait_for_load_state("load")
        address = page.get_by_label("Adresse de l'agenda").input_value()
        assert "/reunions/agenda-equipe/" in address and address.endswith(".ics")
        _check(page, "agenda de l'équipe")
        assert_fits(page, "agenda de l'équipe")
        feed = page.context.request.get(address)
        assert feed.ok and "BEGIN:VCALENDAR" in feed.text()
    assert blocked == []


def test_the_second_to_save_a_decision_sees_the_conflict(tabs, meetings_server_url, blocked):
    with (
        tabs.open(meetings_server_url, blocked) as first,
        tabs.open(meetings_server_url, blocked, **PHONE_OPTIONS) as second,
    ):
        pages = [first, second]
        for page in pages:
            _sign_in(page, PROJECT + "decisions/")
            page.get_by_role("link", name="Ouvrir le vendredi soir").click()
            page.get_by_role("link", name="Modifier").click()
        pages[0].get_by_label("Précisions").fill("Vote à main levée.")
        pages[0].get_by_role("button", name="Enregistrer").click()
        pages[0].wait_for_load_state("load")
        pages[1].get_by_label("Précisions").fill("Après débat.")
        pages[1].get_by_role("button", name="Enregistrer").click()
        pages[1].wait_for_load_state("load")
        assert "Quelqu'un a enregistré entre-temps" in pages[1].content()
        assert pages[1].get_by_label("Précisions").input_value() == "Après débat."
        _check(pages[1], "conflit d'enregistrement")
        assert_fits(pages[1], "conflit d'enregistrement")
    assert blocked == []
