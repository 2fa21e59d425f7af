"""What one import of the synthetic SIRENE stock gives: the tests here only read its result,
so the module imports once (test_import_sirene.py tests the imports that change things)."""

import pytest

from leviers.core.models import Dataset
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
from leviers.observatory.sirene import import_sirene
from leviers.territories.models import Commune
from leviers.testing.sirene import expected_ess, read_rows

pytestmark = pytest.mark.django_db

UNITS = "StockUniteLegale_utf8.csv"
ESTABLISHMENTS = "StockEtablissement_utf8.csv"
X, Y = "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement"


@pytest.fixture(scope="module")
def imported(synthetic_stock, django_db_setup, django_db_blocker):
    """The counts of one import, kept in the database for this module, then removed."""
    with django_db_blocker.unblock():
        yield import_sirene(
            synthetic_stock / UNITS, synthetic_stock / ESTABLISHMENTS, progress=False
        )
        EssEstablishment.objects.all().delete()
        CommuneEssStats.objects.all().delete()
        TerritoryEssStats.objects.all().delete()
        Dataset.objects.filter(key=DATASET_KEY).delete()


def test_import_keeps_exactly_the_active_establishments_of_ess_units(synthetic_stock, imported):
    counts = imported
    expected, private, employers = expected_ess(
        synthetic_stock / UNITS, synthetic_stock / ESTABLISHMENTS
    )
    assert set(EssEstablishment.objects.values_list("siret", flat=True)) == expected
    assert counts.created == len(expected) > 100
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    assert france.establishments == len(expected)
    assert france.private_establishments == private
    assert 0 < france.private_employer_establishments == employers < private
    assert france.employer_establishments == EssEstablishment.objects.filter(employer=True).count()
    assert counts.marked_not_ess > 0  # the synthetic stock marks some ESS categories `N`
    assert counts.rejected == 0


def test_both_criteria_are_recorded(imported):
    flagged_only = EssEstablishment.objects.filter(ess_flag=True, ess_legal_category=False)
    category_only = EssEstablishment.objects.filter(ess_flag=False, ess_legal_category=True)
    assert flagged_only.exists() and category_only.exists()
    assert set(flagged_only.values_list("family", flat=True)) <= {
        "societe_commerciale",
        "autre",
        "association",
    }


def test_every_commune_has_figures_and_communes_add_up_to_france(imported):
    assert CommuneEssStats.objects.count() == Commune.objects.count()
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    communes = list(CommuneEssStats.objects.all())
    assert sum(c.establishments for c in communes) == france.establishments
    assert sum(c.headcount_high for c in communes) == france.headcount_high
    assert sum(sum(c.by_family.values()) for c in communes) == france.establishments
    assert TerritoryEssStats.objects.filter(level="department").count() > 100
    paris = CommuneEssStats.objects.get(commune_id="75056")
    assert paris.establishments > 0  # SIRENE writes Paris by arrondissement


def test_headcount_range_is_the_sum_of_band_bounds(imported):
    from leviers.observatory.headcount import headcount_range

    bands = {}
    for band in EssEstablishment.objects.values_list("headcount_band", flat=True):
        bands[band] = bands.get(band, 0) + 1
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    estimate = headcount_range(bands)
    assert (france.headcount_low, france.headcount_high) == (estimate.low, estimate.high)
    assert france.headcount_low < france.headcount_high


def test_lambert_positions_are_kept_as_longitude_and_latitude(synthetic_stock, imported):
    from leviers.observatory.lambert import to_wgs84

    counts = imported
    rows = {r["siret"]: r for r in read_rows(synthetic_stock / ESTABLISHMENTS)}
    stored = EssEstablishment.objects.values_list("siret", "commune_id", "longitude", "latitude")
    located = 0
    for siret, commune, longitude, latitude in stored:
        x, y = rows[siret][X], rows[siret][Y]
        if x in ("", "[ND]") or commune.startswith("97"):
            assert longitude is None and latitude is None
            continue
        expected = to_wgs84(float(x), float(y))
        assert longitude == pytest.approx(expected[0], abs=1e-8)
        assert latitude == pytest.approx(expected[1], abs=1e-8)
        located += 1
    assert counts.located == located > 50
    assert EssEstablishment.objects.filter(longitude__isnull=True).exists()
    assert counts.invalid_coordinates == 0


def test_every_row_is_written_whole_in_siret_order(synthetic_stock, imported):
    """SQLite receives the rows several to an INSERT (write.ROWS_PER_INSERT): each one is
    written with its own values, in SIRET order, the last incomplete statement included."""
    from leviers.observatory.sirene.write import ROWS_PER_INSERT

    source = {r["siret"]: r for r in read_rows(synthetic_stock / ESTABLISHMENTS)}
    written = list(
        EssEstablishment.objects.order_by("id").values_list(
            "siret", "siren", "postal_code", "naf_code", "created_on", "head_office"
        )
    )
    assert len(written) > ROWS_PER_INSERT and len(written) % ROWS_PER_INSERT
    assert [siret for siret, *_ in written] == sorted(siret for siret, *_ in written)
    for siret, siren, postal_code, naf_code, created_on, head_office in written:
        row = source[siret]
        assert (siren, postal_code, naf_code, created_on.isoformat(), head_office) == (
            row["siren"],
            row["codePostalEtablissement"],
            row["activitePrincipaleEtablissement"],
            row["dateCreationEtablissement"],
            row["etablissementSiege"] == "true",
        )
