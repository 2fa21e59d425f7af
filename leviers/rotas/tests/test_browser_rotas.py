"""End-to-end tests of the rotas pages in Debian's Chromium: axe-core on the series list, a
volunteers' series, an associations' series, a slot (with a swap to answer or withdraw),
« qui manque », the calendars page and the series form with its errors, on a desktop and on a
phone (375 px).

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

PROJECT = "/projets/epicerie0001/"
ROTAS = PROJECT + "creneaux/"
BREAD = ROTAS + "pain00000001/"
EVENINGS = ROTAS + "soirees00001/"
PASSWORD = "mot-de-passe-du-test-navigateur"

# Pommerieux's grocery: the bread sale every day from today (two volunteers a slot, some
# signed up, one seeking a replacement) and five Friday evenings held by associations, two
# of which held and a swap proposed between them; an admin of the commune (staff, to sign in
# through the admin's form), member of the club that holds an evening.
SETUP = f"""
from datetime import date, time, timedelta
from leviers.accounts.models import Membership, Organisation, User
from leviers.rotas import actions
from leviers.rotas.models import Series, Slot, Volunteer
from leviers.territories.models import Commune
from leviers.workspace.models import Project

commune = Commune.objects.get(code="53180")
organisation = Organisation.objects.create(name="Commune de Pommerieux", kind="commune",
                                           commune=commune)
club = Organisation.objects.create(name="Club de foot de Pommerieux", kind="association")
fetes = Organisation.objects.create(name="Comité des fêtes", kind="association")
user = User.objects.create_user("secretaire", password="{PASSWORD}", is_staff=True,
                                first_name="Anne", last_name="Secrétaire")
Membership.objects.create(user=user, organisation=organisation, role="admin")
Membership.objects.create(user=user, organisation=club, role="membre")
project = Project.objects.create(public_id="epicerie0001", organisation=organisation,
                                 title="L'épicerie du bourg", commune=commune)
today = date.today()
bread = actions.series_create(Series(
    public_id="pain00000001", project=project, kind="benevoles", title="Vente de pain",
    place="Épicerie", first_day=today, last_day=today + timedelta(days=29),
    weekdays="0123456", start_time=time(7, 30), end_time=time(9), capacity=2))
evenings = actions.series_create(Series(
    public_id="soirees00001", project=project, kind="associations", title="Guinguette",
    place="Bord de l'étang", first_day=today, last_day=today + timedelta(days=34),
    weekdays=str(today.weekday()), start_time=time(18), end_time=time(23),
    needs_licence=True), [club, fetes])
people = [Volunteer.objects.create(project=project, name=n) for n in ("Léa", "Jo", "Marc")]
for i, slot in enumerate(bread.slots.all()[:12]):
    signup = actions.sign_up(slot, people[i % 3])
    if i == 9:
        actions.replacement_ask(signup)
first, second = evenings.slots.all()[:2]
Slot.objects.filter(pk=first.pk).update(public_id="soiree000001")
first.refresh_from_db()
actions.slot_take(first, club)
actions.slot_take(second, fetes)
actions.swap_propose(first, second, actor=user)
"""

TEAM_PAGES = {
    "liste": ROTAS,
    "pain": BREAD,
    "soirees": EVENINGS,
    "creneau": EVENINGS + "soiree000001/",
    "qui-manque": ROTAS + "qui-manque/",
    "agendas": ROTAS + "agendas/",
    "modifier": EVENINGS + "modifier/",
}


@pytest.fixture(scope="session")
def rotas_server_url(browser_site, tmp_path_factory):
    with leviers_server(
        tmp_path_factory.mktemp("leviers-rotas"), browser_site, ("shell", "-c", SETUP)
    ) as url:
        yield url


def _check(page, path):
    violations = axe_violations(page)
    assert not violations, format_violations(path, violations)


def _sign_in(page, path):
    visit(page, "/admin/login/?next=" + path)
    page.get_by_label("Nom d’utilisateur").fill("secretaire")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**" + path)


@pytest.mark.parametrize(
    "path", [ROTAS, BREAD, EVENINGS, EVENINGS + "soiree000001/"], ids=list(TEAM_PAGES)[:4]
)
def test_public_rota_pages_have_no_axe_violation_and_fit_a_phone(
    tabs, rotas_server_url, blocked, path
):
    for options in ({}, PHONE_OPTIONS):
        with tabs.open(rotas_server_url, blocked, **options) as page:
            visit(page, path)
            _check(page, path)
            if options:
                assert_fits(page, path)
    assert blocked == []


@pytest.mark.parametrize("options", [{}, PHONE_OPTIONS], ids=["bureau", "telephone"])
def test_the_team_pages_have_no_axe_violation_and_fit_a_phone(
    tabs, rotas_server_url, blocked, options
):
    with tabs.open(rotas_server_url, blocked, **options) as page:
        _sign_in(page, ROTAS)
        for name, path in TEAM_PAGES.items():
            visit(page, path)
            _check(page, name)
            if options:
                assert_fits(page, name)
        visit(page, TEAM_PAGES["creneau"])
        assert page.get_by_role("button", name="Retirer ma proposition").count() == 1
        visit(page, TEAM_PAGES["qui-manque"])
        assert "à compléter" in page.locator("main").inner_text()
    assert blocked == []


def test_a_series_form_with_an_error_is_accessible_and_changes_nothing(
    tabs, rotas_server_url, blocked
):
    with tabs.open(rotas_server_url, blocked, **PHONE_OPTIONS) as page:
        _sign_in(page, TEAM_PAGES["modifier"])
        page.get_by_label("Titre").fill("")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        _check(page, "modifier la série (erreurs)")
        assert_fits(page, "modifier la série (erreurs)")
        page.get_by_label("Titre").fill("Guinguette de l'étang")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url("**" + EVENINGS)
        assert page.get_by_role("heading", level=1).inner_text().startswith("Guinguette de l'étang")
    assert blocked == []
