"""The real SIRENE sample of ../shared/data (3,375 ESS legal units of the digital sector).

The sample holds legal units only, with a subset of the columns: a StockUniteLegale file in
the official format is built from it, and one establishment per unit is placed in real
communes (Pommerieux, Durtal, Paris 11e arrondissement...).
"""

import csv
from collections import Counter

import pytest

from leviers.observatory.models import EssEstablishment, TerritoryEssStats
from leviers.observatory.sirene import import_sirene
from leviers.testing.sirene import ESTABLISHMENT_HEADER, UNIT_HEADER, write_rows

pytestmark = pytest.mark.django_db

COMMUNES = ["53180", "49127", "75111", "72264", "44109"]


def test_families_found_match_the_sample_legal_categories(shared_data, tmp_path):
    with (shared_data / "sirene_ess_sample_numerique.csv").open(encoding="utf-8") as handle:
        sample = list(csv.DictReader(handle))
    units = [
        {
            "siren": r["siren"],
            "denominationUniteLegale": r["denominationUniteLegale"],
            "nomUniteLegale": r["nomUniteLegale"],
            "activitePrincipaleUniteLegale": r["activitePrincipaleUniteLegale"],
            "economieSocialeSolidaireUniteLegale": r["economieSocialeSolidaireUniteLegale"],
            "categorieJuridiqueUniteLegale": r["categorieJuridiqueUniteLegale"],
            "trancheEffectifsUniteLegale": r["trancheEffectifsUniteLegale"],
            "etatAdministratifUniteLegale": "A",
            "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
        }
        for r in sample
    ]
    establishments = [
        {
            "siren": r["siren"],
            "nic": "00011",
            "siret": f"{r['siren']}00011",
            "etatAdministratifEtablissement": "A",
            "codeCommuneEtablissement": COMMUNES[i % len(COMMUNES)],
            "activitePrincipaleEtablissement": r["activitePrincipaleUniteLegale"],
            "trancheEffectifsEtablissement": r["trancheEffectifsUniteLegale"],
            "caractereEmployeurEtablissement": "N"
            if r["trancheEffectifsUniteLegale"] in ("NN", "00")
            else "O",
            "etablissementSiege": "true",
            "libelleVoieEtablissement": "DE LA MAIRIE",
        }
        for i, r in enumerate(sample)
    ]
    write_rows(tmp_path / "StockUniteLegale_utf8.csv", UNIT_HEADER, units)
    write_rows(tmp_path / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, establishments)

    counts = import_sirene(
        tmp_path / "StockUniteLegale_utf8.csv",
        tmp_path / "StockEtablissement_utf8.csv",
        progress=False,
    )

    categories = Counter(r["categorieJuridiqueUniteLegale"] for r in sample)
    assert counts.created == len(sample) == EssEstablishment.objects.count()
    families = Counter(EssEstablishment.objects.values_list("family", flat=True))
    # Every association category of the sample (9220, 9260, 9230, 9221) is an association.
    assert families["association"] == sum(n for cj, n in categories.items() if cj.startswith("92"))
    assert families["fondation"] == categories["9300"]
    by_category = dict(EssEstablishment.objects.values_list("legal_category", "family").distinct())
    assert by_category["5710"] == "societe_commerciale"  # SCOP/SCIC in SAS: flag only
    assert by_category["5458"] == "cooperative"  # SCOP SARL
    assert by_category["5460"] == "cooperative"
    assert EssEstablishment.objects.filter(ess_flag=True).count() == len(sample)
    assert EssEstablishment.objects.filter(commune_id="75056").exists()
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    assert set(france.by_section) == {"J"}  # the sample is the digital sector only
