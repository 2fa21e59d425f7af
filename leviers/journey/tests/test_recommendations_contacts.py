"""Who to call on the recommendations and in the roadmap: the territory's own contacts."""

import re

import pytest

from leviers.journey.models import Roadmap

pytestmark = pytest.mark.django_db

URL = "/projets/recommandations/"


def contact_blocks(html: str) -> str:
    """The « Qui contacter » blocks of the cards (sources may cite other territories)."""
    return "\n".join(re.findall(r'<div class="card-contacts">.*?</div>', html, re.S))


def test_a_creuse_commune_sees_its_region_s_contacts_and_no_pays_de_la_loire_one(
    client, shipped_catalogue
):
    html = contact_blocks(
        client.get(
            URL,
            {
                "commune": "23138",
                "besoin": ["commerce", "lien-social"],
                "porteur": "commune",
                "vue": "detail",  # every card
            },
        ).content.decode()
    )
    assert "Qui contacter" in html
    assert html.count("card-contacts") > 10
    assert "CRESS Nouvelle-Aquitaine" in html
    assert "Annuaire national des DLA (info-dla.fr)" in html
    for elsewhere in ("CRESS des Pays de la Loire", "CEAS 72", "Pays de la Loire"):
        assert elsewhere not in html, elsewhere


def test_a_sarthe_commune_sees_the_sarthe_dla_operator(client, shipped_catalogue):
    html = contact_blocks(
        client.get(URL, {"commune": "72013", "besoin": ["tiers-lieu"]}).content.decode()
    )
    assert "CRESS des Pays de la Loire" in html and "CEAS 72" in html
    assert "CRESS Nouvelle-Aquitaine" not in html


def test_the_roadmap_starts_with_the_territory_s_contacts(client, shipped_catalogue):
    client.post(
        "/projets/feuilles-de-route/",
        {
            "commune": "23138",
            "besoin": ["commerce"],
            "porteur": "commune",
            "levier": ["cafe-associatif"],
            "dispositif": ["dla", "rural-consult"],
        },
    )
    contacts = [item.contact for item in Roadmap.objects.get().items.all()]
    assert contacts[0] == "CRESS Nouvelle-Aquitaine"
    assert contacts[1] == "Annuaire national des DLA (info-dla.fr) — https://www.info-dla.fr"
    assert contacts[2] == "Banque des Territoires, direction régionale Nouvelle-Aquitaine"
