"""End-to-end tests of the training pages in Debian's Chromium: axe-core on a module, the
self-check (questions, errors, results) and the certificate of a person who completed the
path, on a phone. The site is built by `leviers bootstrap`, whose training step loads the
modules. The kit (server, browser, fixtures) is leviers/testing/browser.py."""

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

MODULE = "/formation/modules/ess-loi-2014/"
SELF_CHECK = MODULE + "auto-evaluation/"
CERTIFICATE = "/formation/parcours/nouvel-elu/attestation/"
PASSWORD = "mot-de-passe-du-test-navigateur"

# A councillor who passed every module of the path (staff, to sign in through the admin's form).
SETUP = f"""
from django.utils import timezone
from leviers.accounts.models import User
from leviers.training.models import Module, Progress

user = User.objects.create_user("conseillere", password="{PASSWORD}", is_staff=True,
                                first_name="Claire", last_name="Martin")
now = timezone.now()
for module in Module.objects.all():
    Progress.objects.create(user=user, module=module, read_on=now, attempts=1,
                            best_score=len(module.questions), questions=len(module.questions),
                            passed_on=now)
"""


@pytest.fixture(scope="session")
def training_server_url(browser_site, tmp_path_factory):
    with leviers_server(
        tmp_path_factory.mktemp("leviers-training"), browser_site, ("shell", "-c", SETUP)
    ) as url:
        yield url


def _check(page, label):
    violations = axe_violations(page)
    assert not violations, format_violations(label, violations)


def test_a_module_and_its_self_check_on_a_phone(tabs, training_server_url, blocked):
    with tabs.open(training_server_url, blocked, **PHONE_OPTIONS) as page:
        visit(page, MODULE)
        assert "Une façon d'entreprendre" in page.content()
        _check(page, "module")
        assert_fits(page, "module")
        visit(page, SELF_CHECK)
        _check(page, "auto-évaluation")
        assert_fits(page, "auto-évaluation")
        # One question left unanswered: named in the error summary, nothing kept.
        page.get_by_label("Oui, par son statut.").check()
        page.get_by_role("button", name="Voir mes résultats").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        assert "Choisissez une réponse à la question 2." in page.content()
        _check(page, "auto-évaluation (erreurs)")
        for answer in (
            "Oui, si ses statuts respectent les conditions de l'ESS et qu'elle recherche une "
            "utilité sociale.",
            "Une gouvernance démocratique, où le pouvoir ne dépend pas seulement du capital "
            "apporté.",
            "La chambre régionale de l'ESS (CRESS).",
        ):
            page.get_by_label(answer).check()
        page.get_by_role("button", name="Voir mes résultats").click()
        page.wait_for_load_state("load")
        assert "4 bonnes réponses sur 4" in page.content()
        _check(page, "résultats")
        assert_fits(page, "résultats")
    assert blocked == []


def test_the_certificate_on_a_phone(tabs, training_server_url, blocked):
    with tabs.open(training_server_url, blocked, **PHONE_OPTIONS) as page:
        visit(page, "/admin/login/?next=" + CERTIFICATE)
        page.get_by_label("Nom d’utilisateur").fill("conseillere")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Connexion").click()
        page.wait_for_url("**" + CERTIFICATE)
        assert "Claire Martin" in page.content() and "Parcours terminé le" in page.content()
        _check(page, "attestation")
        assert_fits(page, "attestation")
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger le PDF").click()
        assert download.value.suggested_filename == "attestation-nouvel-elu.pdf"
    assert blocked == []
