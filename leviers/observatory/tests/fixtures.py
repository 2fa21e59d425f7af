"""Three ESS establishments in Pommerieux and the figures of its territories, for page tests."""

import pytest

from leviers.core.importing import Counts, record_dataset
from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
from leviers.territories.models import Commune

POMMERIEUX = "53180"


def _dataset():
    record_dataset(
        "sirene_ess",
        counts=Counts(),
        imported_from="test",
        label="Base SIRENE (stock)",
        producer="INSEE",
        vintage="stock du 01/01/2026",
        licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/",
    )


def _establishment(siret, name, **fields):
    values = {
        "siren": siret[:9],
        "name": name,
        "commune_id": POMMERIEUX,
        "family": "association",
        "ess_flag": True,
        "ess_legal_category": True,
        "legal_category": "9220",
        "naf_code": "94.99Z",
        "naf_label": "Autres organisations fonctionnant par adhésion volontaire",
        "naf_section": "S",
        "headcount_band": "NN",
        "employer": False,
    }
    values.update(fields)
    return EssEstablishment.objects.create(siret=siret, **values)


@pytest.fixture
def pommerieux():
    """Three ESS establishments in Pommerieux, with figures as an import would compute them."""
    _dataset()
    commune = Commune.objects.select_related("epci").get(code=POMMERIEUX)
    _establishment("10000000100011", "foyer rural de Pommerieux")
    _establishment(
        "10000000200011",
        "Coopérative agricole du Craonnais",
        family="cooperative",
        legal_category="6317",
        naf_code="01.61Z",
        naf_section="A",
        headcount_band="02",
        employer=True,
    )
    _establishment("10000000300011", "Amicale des anciens", headcount_band="01", employer=True)
    figures = {
        "establishments": 3,
        "legal_units": 3,
        "employer_establishments": 2,
        "headcount_low": 4,
        "headcount_high": 7,
        "by_family": {"association": 2, "cooperative": 1},
        "by_section": {"S": 2, "A": 1},
        "private_establishments": 40,
        "private_employer_establishments": 25,
    }
    CommuneEssStats.objects.create(commune=commune, **figures)
    for level, code, n, private, private_employers in (
        ("epci", commune.epci_id, 60, 900, 100),
        ("department", "53", 2400, 30000, 4000),
        ("region", "52", 31000, 400000, 50000),
        ("france", "FR", 700000, 9000000, 1000000),
    ):
        TerritoryEssStats.objects.create(
            level=level,
            code=code,
            establishments=n,
            legal_units=n,
            employer_establishments=n // 5,
            headcount_low=n,
            headcount_high=3 * n,
            by_family={"association": n * 4 // 5, "cooperative": n - n * 4 // 5},
            by_section={"S": n // 2, "Q": n - n // 2},
            private_establishments=private,
            private_employer_establishments=private_employers,
        )
    return commune
