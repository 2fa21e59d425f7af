"""The registry of official files is checked when read: a mistake names the entry at fault."""

import pytest

from leviers.core.official_sources import RegistryError, parse

ENTRY = {
    "cle": "france-services",
    "nom": "Sites France Services",
    "producteur": "ANCT",
    "licence": "Licence Ouverte 2.0",
    "page": "https://www.data.gouv.fr/",
    "fichiers": [{"role": "source", "adresse": "https://exemple.fr/fs.csv", "verifiee": "oui"}],
}


def test_an_entry_without_licence_is_refused_naming_it():
    with pytest.raises(RegistryError, match="jeu n° 2 : champ\\(s\\) manquant\\(s\\) licence"):
        parse([ENTRY, {**ENTRY, "cle": "autre", "licence": ""}])


def test_a_plain_http_address_is_refused():
    file = {"role": "source", "adresse": "http://exemple.fr/fs.csv", "verifiee": "oui"}
    with pytest.raises(RegistryError, match="https:// attendu"):
        parse([{**ENTRY, "fichiers": [file]}])


def test_a_key_used_twice_is_refused():
    with pytest.raises(RegistryError, match="déjà utilisée"):
        parse([ENTRY, ENTRY])


def test_a_source_without_file_is_not_automatic():
    (source,) = parse([{**ENTRY, "fichiers": []}])
    assert not source.automatic
