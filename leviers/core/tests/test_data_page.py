"""The « À propos des données » page: what is loaded, and what is not yet, in plain French."""

import re

import pytest
from django.core.management import get_commands

from leviers.core.importing import Counts, record_dataset
from leviers.core.official_sources import official_sources

pytestmark = pytest.mark.django_db


def missing_items(html: str) -> str:
    return html.split("Données pas encore chargées", 1)[1]


def test_official_datasets_not_loaded_are_listed_with_their_publisher(client):
    html = missing_items(client.get("/a-propos/donnees/").content.decode())
    assert "Sites France Services" in html
    assert (
        'href="https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/"' in html
    )


def test_a_loaded_dataset_leaves_the_not_loaded_list(client):
    record_dataset(
        "france-services",
        counts=Counts(),
        imported_from="test",
        label="Sites France Services",
        producer="ANCT",
        vintage="liste du 1er août 2024",
        licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/",
    )
    html = client.get("/a-propos/donnees/").content.decode()
    assert "liste du 1er août 2024" in html
    assert "Sites France Services" not in missing_items(html)


def leviers_commands() -> list[str]:
    """The project's own commands with a name no French sentence holds."""
    return [
        name
        for name, app in get_commands().items()
        if app.startswith("leviers") and ("-" in name or name == "bootstrap")
    ]


def test_public_about_pages_name_no_command(client):
    commands = leviers_commands()
    assert "importer-donnees-officielles" in commands
    for url in ("/a-propos/", "/a-propos/donnees/"):
        html = client.get(url).content.decode()
        assert not [name for name in commands if name in html], url
        assert not re.search(r"\s--[a-z]", html), url


def test_every_official_source_is_listed_once_with_https_addresses():
    sources = official_sources()
    assert len({s.key for s in sources}) == len(sources)
    for source in sources:
        assert source.page.startswith("https://"), source.key
        assert all(f.url.startswith("https://") for f in source.files if f.url), source.key
