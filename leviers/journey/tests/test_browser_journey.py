"""End-to-end tests of the elected official's journey in Debian's Chromium: from the home page
to the recommendations, the roadmap, its share link and its printed forms; with the keyboard
alone; on a phone.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import re
import urllib.request
from pathlib import Path

import pytest

from leviers.testing.browser import (
    ARTIFACTS,
    POMMERIEUX,
    SCREENSHOTS,
    assert_fits,
    axe_violations,
    format_violations,
    open_context,
    screenshot,
    type_in_finder,
    visit,
    wait_until_quiet,
)

pytestmark = pytest.mark.browser

RECOMMENDATIONS = (
    "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social"
    "&porteur=commune&etape=emergence"
)
MAX_PAGE_BYTES = 300_000


def test_a_suggestion_picked_on_home_keeps_the_ticked_needs(page):
    visit(page, "/")
    page.get_by_role("checkbox", name="Commerce de proximité").check()
    box, _ = type_in_finder(page, "pommerieux", "Pommerieux (53)")
    box.press("ArrowDown")
    with page.expect_navigation(url=re.compile(r"/projets/recommandations/")):
        box.press("Enter")
    assert "commune=53180" in page.url and "besoin=commerce" in page.url


def _create_roadmap(page) -> tuple[str, str]:
    """From the recommendations, a roadmap with a lever and a scheme: (edit URL, share URL)."""
    visit(page, RECOMMENDATIONS + "&vue=detail&levier=cafe-associatif")
    page.locator("#choisir-dispositif-rural-consult").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Créer la feuille de route").click()
    share = page.locator(".links-box a.long-url").first.get_attribute("href")
    return page.url, share


def _to_png(pdf: Path, stem: str) -> Path | None:
    """First page of `pdf` as a PNG next to it, for a human to look at (None where
    poppler-utils is missing, or without LEVIERS_CAPTURES=1, like the screenshots)."""
    import shutil
    import subprocess

    if not SCREENSHOTS or not shutil.which("pdftoppm"):
        return None
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            ARTIFACTS / stem,
        ],
        check=True,
        timeout=60,
    )
    return ARTIFACTS / f"{stem}.png"


def test_journey_from_pommerieux_to_a_printed_roadmap(page, tabs, server_url, blocked):
    # Home → the finder → the commune's diagnosis page.
    visit(page, "/")
    box, _ = type_in_finder(page, "pommerieux", "Pommerieux (53)")
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith(POMMERIEUX)
    # The call to action → the situation form.
    with page.expect_navigation():
        page.get_by_role("link", name="Trouver des leviers pour Pommerieux").click()
    assert "/projets/situation/?commune=53180" in page.url
    page.get_by_text("Commerce de proximité", exact=True).click()
    page.get_by_text("Lien social et convivialité", exact=True).click()
    page.get_by_label("Qui porte le projet ?").select_option("commune")
    page.get_by_label("Où en est le projet ?").select_option("emergence")
    with page.expect_navigation():
        page.get_by_role("button", name="Voir les leviers").click()
    assert "besoin=commerce&besoin=lien-social" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Des leviers pour Pommerieux"

    # « Par où commencer »: a question under a lever's money, answered there; the lever ticked
    # before answering stays ticked after the page comes back, at the same place.
    page.locator("#choisir-levier-cafe-associatif").check()
    start = page.locator("#levier-cafe-associatif")
    start.locator("#q-cafe-absent-ou-menace-oui").check()
    with page.expect_navigation():
        start.get_by_role("button", name=re.compile("Mettre à jour les verdicts")).click()
    assert "reponse=cafe-absent-ou-menace%3Doui" in page.url
    assert page.url.endswith("#levier-cafe-associatif")
    assert page.locator("#choisir-levier-cafe-associatif").is_checked()

    # The detail view: every scheme's card; the lever ticked is kept (it has no box there).
    with page.expect_navigation():
        page.get_by_role("button", name="Voir le détail de chaque aide").click()
    assert "vue=detail" in page.url and "levier=cafe-associatif" in page.url
    card = page.locator("#dispositif-france-services")
    assert "À vérifier" in card.locator(".verdict").inner_text()
    card.locator("#q-deux-agents-24h-oui").check()
    card.locator("#q-implantation-validee-prefet-oui").check()
    with page.expect_navigation():
        card.get_by_role("button", name=re.compile("Mettre à jour le verdict")).click()
    assert "reponse=deux-agents-24h%3Doui" in page.url and "vue=detail" in page.url
    assert page.url.endswith("#dispositif-france-services")
    card = page.locator("#dispositif-france-services")
    assert card.locator(".verdict").inner_text().endswith("Éligible")
    assert (
        page.evaluate(
            "Math.abs(document.querySelector('#dispositif-france-services')"
            ".getBoundingClientRect().top)"
        )
        < 200
    ), "la page n'est pas revenue au dispositif"
    # The answered question stays on the card, with its answer, to change it there.
    assert card.locator("#q-deux-agents-24h-oui").is_checked()

    # The roadmap: pick a lever and two schemes, then add a next step.
    page.locator("#choisir-dispositif-rural-consult").check()
    page.locator("#choisir-dispositif-france-services").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Créer la feuille de route").click()
    assert "/projets/feuilles-de-route/modifier/" in page.url
    share = page.locator(".links-box a.long-url").first.get_attribute("href")
    page.get_by_role("group", name=re.compile("Café ou bar associatif")).get_by_label(
        "Prochaine étape"
    ).fill("Présenter le projet au conseil municipal de mars")
    page.get_by_role("group", name=re.compile("Café ou bar associatif")).get_by_label(
        "Échéance"
    ).fill("2026-03-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("status").inner_text().startswith("Vos modifications")

    # The share link opens read-only, in another browser (no cookie, no edit link).
    with tabs.open(server_url, blocked) as reader:
        visit(reader, share)
        assert reader.locator("main form").count() == 0
        assert "modifier" not in reader.content()
        table = reader.locator(".next-steps table").inner_text()
        assert "Présenter le projet au conseil municipal de mars" in table
        assert "15 mars 2026" in table
        assert "Éligible" in reader.locator(".roadmap").inner_text()

        # Print: Chromium's print-to-PDF on A4 with the print stylesheet.
        ARTIFACTS.mkdir(exist_ok=True)
        printed = ARTIFACTS / "feuille-de-route-impression.pdf"
        reader.pdf(path=str(printed), format="A4", print_background=True)
        assert printed.read_bytes().startswith(b"%PDF")
        reader.emulate_media(media="print")
        navigation = reader.locator(".site-header nav")  # the site's and the account's
        assert navigation.count() == 2
        assert all(nav.is_hidden() for nav in navigation.all())
        assert reader.locator(".actions").is_hidden()
        assert share in reader.locator(".share-line").inner_text()
        _to_png(printed, "feuille-de-route-impression")

        # The server-made PDF.
        response = reader.request.get(share + "pdf/")
        assert response.status == 200
        made = ARTIFACTS / "feuille-de-route-serveur.pdf"
        made.write_bytes(response.body())
        assert made.read_bytes().startswith(b"%PDF")
        _to_png(made, "feuille-de-route-serveur")


@pytest.fixture(scope="module")
def journey_pages(chromium, server_url) -> list[tuple[str, str]]:
    """The journey's pages, with one roadmap created (once) from the recommendations."""
    blocked = []
    context = open_context(chromium, server_url, blocked)
    try:
        edit, share = _create_roadmap(context.new_page())
    finally:
        context.close()
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"
    return [
        ("accueil", "/"),
        ("situation", "/projets/situation/?commune=53180&besoin=commerce"),
        ("recommandations", RECOMMENDATIONS + "&reponse=deux-agents-24h%3Doui"),
        ("feuille-de-route", share),
        ("feuille-de-route-modifier", edit),
    ]


def _transferred(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return len(response.read())


def test_journey_pages_have_no_axe_violation_and_stay_light(page, journey_pages):
    reports, weights = [], {}
    for _, path in journey_pages:
        loaded: list[str] = []

        def listen(response, loaded=loaded):
            if response.status == 200:
                loaded.append(response.url)

        page.on("response", listen)
        visit(page, path)
        wait_until_quiet(page)
        page.remove_listener("response", listen)
        # Sizes are read again over HTTP: a response's body is gone once the page navigates
        # (a redirect, an anchor), and the map, loaded apart, does not count.
        weights[path] = sum(
            _transferred(url) for url in dict.fromkeys(loaded) if "/carte.svg" not in url
        )
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(path, violations))
        # The collapsed group of schemes is audited open too.
        if page.locator("details.verdict-group").count():
            for summary in page.locator("details.verdict-group > summary").all():
                summary.click()
            violations = axe_violations(page)
            if violations:
                reports.append(format_violations(path + " (non éligibles ouverts)", violations))
    assert not reports, "\n\n".join(reports)
    heavy = {path: size for path, size in weights.items() if size > MAX_PAGE_BYTES}
    assert not heavy, f"pages de plus de {MAX_PAGE_BYTES} octets : {heavy}"


@pytest.mark.parametrize("name", ["accueil", "situation", "recommandations", "feuille-de-route"])
def test_journey_fits_a_phone(phone, journey_pages, name):
    visit(phone, dict(journey_pages)[name])
    screenshot(phone, f"phone-375-{name}", timeout=60_000)
    assert_fits(phone, name)


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, no click)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} injoignable au clavier en {limit} tabulations")


def test_keyboard_alone_walks_the_journey(page):
    visit(page, "/")
    _tab_to(page, "#finder-input-main")
    page.keyboard.type("Durtal")
    # (Not Escape: it would empty a search field.) Tab leaves the suggestions.
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    _tab_to(page, "#accueil-besoin-commerce")
    page.keyboard.press("Space")
    _tab_to(page, "#accueil-besoin-lien-social")
    page.keyboard.press("Space")
    _tab_to(page, ".situation-step button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/projets/recommandations/?commune=49127&besoin=commerce&besoin=lien-social" in page.url

    # Answer a question, Space on the radio, Enter on its button.
    first_question = page.locator(".start-card input[type=radio][value=non]").first
    radio_id = first_question.get_attribute("id")
    _tab_to(page, f"#{radio_id.replace('-non', '-oui')}")
    page.keyboard.press("ArrowRight")  # moves to (and checks) "Non"
    assert page.locator(f"#{radio_id}").is_checked()
    _tab_to(page, ".start-card button[name=ancre]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "reponse=" in page.url

    # Pick a lever, then create the roadmap.
    _tab_to(page, "input[name=levier]")
    page.keyboard.press("Space")
    _tab_to(page, "#creer button[type=submit]", limit=800)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/projets/feuilles-de-route/modifier/" in page.url
    _tab_to(page, "textarea, input[name$='next_step']")
    page.keyboard.type("Rencontrer la CRESS")
    _tab_to(page, ".roadmap-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name$='next_step']").first.input_value() == "Rencontrer la CRESS"
