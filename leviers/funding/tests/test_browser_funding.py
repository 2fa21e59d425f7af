"""End-to-end tests of the funding plan in Debian's Chromium: axe-core on the plan, an
application (with its catalogue facts) and the application form with its errors, on a desktop
and on a phone. The kit (server, browser, fixtures) is leviers/testing/browser.py."""

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

PLAN = "/projets/tiersaubigne/financement/"
APPLICATION = PLAN + "demandes/convivialit1/"
PASSWORD = "mot-de-passe-du-test-navigateur"

# Aubigné-Racan's tiers-lieu: a budget over three years, the Lieux de convivialité fund granted
# in three instalments, LEADER under review; an admin of the commune (staff, to sign in through
# the admin's form).
SETUP = f"""
from datetime import date, timedelta
from decimal import Decimal
from leviers.accounts.models import Membership, Organisation, User
from leviers.funding.models import Application, BudgetLine, Deadline, Document, Instalment
from leviers.territories.models import Commune
from leviers.workspace.models import Project

commune = Commune.objects.get(code="72013")
organisation = Organisation.objects.create(name="Commune d'Aubigné-Racan", kind="commune",
                                           commune=commune)
user = User.objects.create_user("secretaire", password="{PASSWORD}", is_staff=True)
Membership.objects.create(user=user, organisation=organisation, role="admin")
project = Project.objects.create(public_id="tiersaubigne", organisation=organisation,
                                 title="Un tiers-lieu à Aubigné-Racan", commune=commune)
for year in (2026, 2027, 2028):
    BudgetLine.objects.create(project=project, label="Travaux", year=year, amount=30000)
    BudgetLine.objects.create(project=project, kind="benevolat", label="Chantiers", year=year,
                              hours=200, valued=True)
BudgetLine.objects.create(project=project, kind="fonds-propres", label="Commune", year=2026,
                          amount=Decimal("20000"))
granted = Application.objects.create(
    public_id="convivialit1", project=project, title="Rénovation du local",
    scheme_slug="lieux-de-convivialite", amount_asked=30000, amount_granted=30000,
    status="accorde", year=2026)
for year in (2026, 2027, 2028):
    Instalment.objects.create(application=granted, year=year, amount=10000)
Deadline.objects.create(application=granted, label="Justificatifs de dépenses",
                        due_on=date.today() + timedelta(days=20))
Document.objects.create(application=granted, name="Délibération", state="transmis")
Application.objects.create(project=project, title="Équipement", scheme_slug="leader",
                           amount_asked=25000, status="en-instruction", year=2027)
"""


@pytest.fixture(scope="session")
def funding_server_url(browser_site, tmp_path_factory):
    with leviers_server(
        tmp_path_factory.mktemp("leviers-funding"), browser_site, ("shell", "-c", SETUP)
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


@pytest.mark.parametrize("options", [{}, PHONE_OPTIONS], ids=["ordinateur", "telephone"])
def test_the_plan_and_an_application_have_no_axe_violation(
    tabs, funding_server_url, blocked, options
):
    with tabs.open(funding_server_url, blocked, **options) as page:
        _sign_in(page, PLAN)
        assert "Reste à trouver" in page.content()
        _check(page, "plan")
        visit(page, APPLICATION)
        assert "Ce que dit le catalogue" in page.content()
        _check(page, "demande")
        if options:
            assert_fits(page, "demande")
    assert blocked == []


def test_a_wrong_amount_is_shown_accessibly(tabs, funding_server_url, blocked):
    with tabs.open(funding_server_url, blocked, **PHONE_OPTIONS) as page:
        _sign_in(page, PLAN + "demandes/nouvelle/")
        page.get_by_label("Objet de la demande").fill("Fonds de démarrage")
        page.get_by_label("Financeur").fill("Fondation de France")
        page.get_by_label("Montant demandé (€)").fill("quinze mille")
        page.get_by_label("Année").fill("2026")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        assert "n'est pas un montant en euros" in page.content()
        _check(page, "formulaire de demande (erreurs)")
        assert_fits(page, "formulaire de demande")
    assert blocked == []
