"""The recommendations' default view on a phone (issue 11, point 1): « Par où commencer » first,
about eight screens (375 × 812) and at most 80 kB of HTML, everything else one tap away; axe-core
finds nothing, closed or open; no request leaves the site. The three journeys of the user
trial: Pommerieux (commerce, lien social), Moutier-d'Ahun (nothing chosen), CC Anjou Loir et
Sarthe (tiers-lieu).

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import urllib.request

import pytest

from leviers.testing.browser import (
    PHONE,
    assert_fits,
    axe_violations,
    format_violations,
    screenshot,
    visit,
)

pytestmark = pytest.mark.browser

JOURNEYS = {
    "pommerieux": "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social",
    "moutier-d-ahun": "/projets/recommandations/?commune=23138",
    "cc-anjou-loir-et-sarthe": "/projets/recommandations/?epci=200068955&besoin=tiers-lieu",
}
# « About eight screens »: half a screen of slack for the fonts of another Chromium.
MAX_HEIGHT = int(8.5 * PHONE["height"])
MAX_HTML_BYTES = 80_000


@pytest.mark.parametrize("name", JOURNEYS)
def test_the_default_view_is_short_on_a_phone(phone, server_url, name):
    path = JOURNEYS[name]
    with urllib.request.urlopen(server_url + path, timeout=30) as response:
        weight = len(response.read())
    assert weight <= MAX_HTML_BYTES, f"{name} : {weight} octets de HTML"
    visit(phone, path)
    # The first heading one sees after the title and the situation: « Par où commencer ».
    headings = phone.locator("main h2").all_inner_texts()
    assert headings[:2] == ["Votre situation", "Par où commencer"], headings
    height = phone.evaluate("document.documentElement.scrollHeight")
    screenshot(phone, f"recommandations-{name}-375")
    assert height <= MAX_HEIGHT, f"{name} : {height} px ({height / PHONE['height']:.1f} écrans)"
    assert_fits(phone, name)
    # The roadmap button is within the page, not 50,000 px down.
    assert phone.locator("#creer").bounding_box()["y"] < MAX_HEIGHT
    violations = axe_violations(phone)
    assert violations == [], format_violations(path, violations)
    # Everything one tap away: every group opened, still accessible and no wider.
    phone.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    assert phone.locator("details[open] .compact-list li").count() > 0
    violations = axe_violations(phone)
    assert violations == [], format_violations(path + " (tout ouvert)", violations)
    assert_fits(phone, name + " (tout ouvert)")
