"""End-to-end tests of the directory of ESS actors in Debian's Chromium: its map, its
contribution forms (with their errors), on a desktop and on a phone.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest

from leviers.testing.browser import (
    PHONE,
    PHONE_OPTIONS,
    assert_fits,
    axe_violations,
    format_violations,
    leviers_server,
    visit,
    wait_for_image,
)

pytestmark = pytest.mark.browser

DIRECTORY = "/observatoire/communes/53180/acteurs/"


def _tiny_stock(folder: Path) -> tuple[Path, Path]:
    """Four ESS establishments in Pommerieux (three placed by SIRENE, one not)."""
    from leviers.observatory.lambert import to_lambert93
    from leviers.testing.sirene import ESTABLISHMENT_HEADER, UNIT_HEADER, write_rows

    actors = [
        ("100000001", "9220", "FOYER RURAL DE POMMERIEUX", (-0.832, 47.823)),
        ("100000002", "5560", "COOPERATIVE AGRICOLE DU CRAONNAIS", (-0.826, 47.818)),
        ("100000003", "8210", "MUTUELLE DU HAUT-ANJOU", (-0.838, 47.828)),
        ("100000004", "9300", "FONDATION DES AMIS DU BOURG", None),
    ]
    units, establishments = [], []
    for siren, category, name, where in actors:
        units.append(
            {
                "siren": siren,
                "categorieJuridiqueUniteLegale": category,
                "economieSocialeSolidaireUniteLegale": "O",
                "activitePrincipaleUniteLegale": "94.99Z",
                "denominationUniteLegale": name,
            }
        )
        x, y = to_lambert93(*where) if where else ("", "")
        establishments.append(
            {
                "siren": siren,
                "siret": siren + "00011",
                "etatAdministratifEtablissement": "A",
                "codeCommuneEtablissement": "53180",
                "activitePrincipaleEtablissement": "94.99Z",
                "trancheEffectifsEtablissement": "NN",
                "caractereEmployeurEtablissement": "N",
                "dateCreationEtablissement": "2001-05-01",
                "etablissementSiege": "true",
                "codePostalEtablissement": "53400",
                "libelleVoieEtablissement": "DU BOURG",
                "coordonneeLambertAbscisseEtablissement": f"{x:.1f}" if where else "",
                "coordonneeLambertOrdonneeEtablissement": f"{y:.1f}" if where else "",
            }
        )
    return (
        write_rows(folder / "StockUniteLegale_utf8.csv", UNIT_HEADER, units),
        write_rows(folder / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, establishments),
    )


@pytest.fixture(scope="session")
def directory_server_url(browser_site, tmp_path_factory):
    """A server of its own whose database holds a tiny SIRENE stock for Pommerieux."""
    units, establishments = _tiny_stock(tmp_path_factory.mktemp("sirene-tiny"))
    sirene = ("import-sirene", "--unites", str(units), "--etablissements", str(establishments))
    with leviers_server(tmp_path_factory.mktemp("leviers-directory"), browser_site, sirene) as url:
        yield url


@contextmanager
def _directory_page(tabs, url, blocked, path=DIRECTORY, **options):
    with tabs.open(url, blocked, **options) as page:
        visit(page, path)
        if page.locator(".actors-map img").count():
            wait_for_image(page, ".actors-map img")
        yield page


def test_directory_with_its_map_has_no_axe_violation(tabs, directory_server_url, blocked):
    with _directory_page(tabs, directory_server_url, blocked) as page:
        picture = page.locator(".actors-map img")
        assert picture.get_attribute("alt").startswith("Carte des 4 acteurs de l'ESS")
        assert picture.evaluate("img => img.naturalWidth") > 0
        assert page.locator(".ess-actors > li").count() == 4
        violations = axe_violations(page)
        assert not violations, format_violations(DIRECTORY + " (carte chargée)", violations)
    assert blocked == []


@pytest.mark.parametrize(
    "path", [DIRECTORY, DIRECTORY + "ajouter/", DIRECTORY + "10000000100011/completer/"]
)
def test_directory_and_contribution_forms_fit_a_phone(tabs, directory_server_url, blocked, path):
    with _directory_page(tabs, directory_server_url, blocked, path, **PHONE_OPTIONS) as phone:
        assert_fits(phone, path)
        if path == DIRECTORY:
            box = phone.locator(".actors-map img").bounding_box()
            assert box and box["width"] <= PHONE["width"] - 16, box
    assert blocked == []


def test_contribution_forms_have_no_axe_violation_even_with_errors(
    tabs, directory_server_url, blocked
):
    with _directory_page(tabs, directory_server_url, blocked, DIRECTORY) as page:
        page.get_by_role("link", name="Compléter cette fiche : FOYER RURAL DE POMMERIEUX").click()
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)
        visit(page, DIRECTORY + "ajouter/")
        page.get_by_label("Numéro RNA", exact=True).fill("W12")
        page.get_by_role("button", name="Envoyer la proposition").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("alert").count() == 1
        assert "W suivi de 9 chiffres" in page.content()
        violations = axe_violations(page)
        assert not violations, format_violations(page.url + " (erreurs)", violations)
        page.get_by_label("Nom de l'association").fill("Les jardins du bourg")
        page.get_by_label("Numéro RNA", exact=True).fill("W532000123")
        page.get_by_role("button", name="Envoyer la proposition").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Merci")
    assert blocked == []
