import shutil
import zipfile

import pytest
from django.core.management import call_command

from leviers.core.importing import ImportFileError
from leviers.core.models import Dataset
from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
from leviers.observatory.perimeter import perimeter
from leviers.observatory.sirene import ARRONDISSEMENTS, import_sirene
from leviers.territories.models import Commune
from leviers.testing.sirene import ESTABLISHMENT_HEADER, UNIT_HEADER, read_rows, write_rows

pytestmark = pytest.mark.django_db

UNITS = "StockUniteLegale_utf8.csv"
ESTABLISHMENTS = "StockEtablissement_utf8.csv"


def _run(folder, **options):
    return import_sirene(folder / UNITS, folder / ESTABLISHMENTS, progress=False, **options)


def _expected(folder):
    """The ESS establishments and private counts, recomputed row by row in plain Python."""
    rules = perimeter()
    units = {r["siren"]: r for r in read_rows(folder / UNITS)}
    communes = set(Commune.objects.values_list("code", flat=True))
    ess, private = set(), 0
    for row in read_rows(folder / ESTABLISHMENTS):
        if row["etatAdministratifEtablissement"] != "A":
            continue
        commune = ARRONDISSEMENTS.get(
            row["codeCommuneEtablissement"], row["codeCommuneEtablissement"]
        )
        if commune not in communes:
            continue
        unit = units[row["siren"]]
        cj = unit["categorieJuridiqueUniteLegale"]
        flagged = unit["economieSocialeSolidaireUniteLegale"] == "O"
        if rules.is_private(cj) or flagged:
            private += 1
        if rules.is_in(cj, flagged, unit["activitePrincipaleUniteLegale"]):
            ess.add(row["siret"])
    return ess, private


def test_import_keeps_exactly_the_active_establishments_of_ess_units(synthetic_stock):
    counts = _run(synthetic_stock)
    expected, private = _expected(synthetic_stock)
    assert set(EssEstablishment.objects.values_list("siret", flat=True)) == expected
    assert counts.created == len(expected) > 100
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    assert france.establishments == len(expected)
    assert france.private_establishments == private
    assert counts.rejected == 0


def test_both_criteria_are_recorded(synthetic_stock):
    _run(synthetic_stock)
    flagged_only = EssEstablishment.objects.filter(ess_flag=True, ess_legal_category=False)
    category_only = EssEstablishment.objects.filter(ess_flag=False, ess_legal_category=True)
    assert flagged_only.exists() and category_only.exists()
    assert set(flagged_only.values_list("family", flat=True)) <= {
        "societe_commerciale",
        "autre",
        "association",
    }


def test_every_commune_has_figures_and_communes_add_up_to_france(synthetic_stock):
    _run(synthetic_stock)
    assert CommuneEssStats.objects.count() == Commune.objects.count()
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    communes = list(CommuneEssStats.objects.all())
    assert sum(c.establishments for c in communes) == france.establishments
    assert sum(c.headcount_high for c in communes) == france.headcount_high
    assert sum(sum(c.by_family.values()) for c in communes) == france.establishments
    assert TerritoryEssStats.objects.filter(level="department").count() > 100
    paris = CommuneEssStats.objects.get(commune_id="75056")
    assert paris.establishments > 0  # SIRENE writes Paris by arrondissement


def test_headcount_range_is_the_sum_of_band_bounds(synthetic_stock):
    _run(synthetic_stock)
    from leviers.observatory.headcount import headcount_range

    bands = {}
    for band in EssEstablishment.objects.values_list("headcount_band", flat=True):
        bands[band] = bands.get(band, 0) + 1
    france = TerritoryEssStats.objects.get(level="france", code="FR")
    estimate = headcount_range(bands)
    assert (france.headcount_low, france.headcount_high) == (estimate.low, estimate.high)
    assert france.headcount_low < france.headcount_high


def test_second_import_of_the_same_files_gives_the_same_rows(synthetic_stock):
    _run(synthetic_stock)
    first = set(EssEstablishment.objects.values_list("siret", "family", "commune_id"))
    counts = _run(synthetic_stock)
    assert set(EssEstablishment.objects.values_list("siret", "family", "commune_id")) == first
    assert counts.created == len(first)


def test_failed_import_with_a_missing_column_keeps_the_previous_data(synthetic_stock, tmp_path):
    _run(synthetic_stock)
    before = EssEstablishment.objects.count()
    vintage = Dataset.objects.get(key="sirene_ess").vintage
    rows = read_rows(synthetic_stock / ESTABLISHMENTS)
    header = [h for h in ESTABLISHMENT_HEADER if h != "codeCommuneEtablissement"]
    broken = write_rows(
        tmp_path / ESTABLISHMENTS,
        header,
        [{k: v for k, v in r.items() if k in header} for r in rows[:50]],
    )
    with pytest.raises(ImportFileError) as error:
        import_sirene(synthetic_stock / UNITS, broken, progress=False, vintage="autre")
    assert "codeCommuneEtablissement" in str(error.value)
    assert str(broken) in str(error.value)
    assert EssEstablishment.objects.count() == before
    assert Dataset.objects.get(key="sirene_ess").vintage == vintage


def test_failure_while_writing_rolls_everything_back(synthetic_stock, monkeypatch):
    _run(synthetic_stock)
    before = EssEstablishment.objects.count()
    from leviers.observatory.sirene import write

    def broken_record(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(write, "record_dataset", broken_record)
    with pytest.raises(RuntimeError):
        _run(synthetic_stock)
    assert EssEstablishment.objects.count() == before
    assert TerritoryEssStats.objects.filter(level="france").exists()


def test_malformed_rows_are_counted_and_reported(synthetic_stock, tmp_path):
    folder = tmp_path / "stock"
    shutil.copytree(synthetic_stock, folder)
    with (folder / ESTABLISHMENTS).open("a", encoding="utf-8") as handle:
        handle.write("123,cassée\n")  # too few columns
        handle.write("123456789,00001,12345,O" + "," * (len(ESTABLISHMENT_HEADER) - 4) + "\n")
    with (folder / UNITS).open("a", encoding="utf-8") as handle:
        handle.write("ABC" + "," * (len(UNIT_HEADER) - 1) + "\n")  # SIREN invalide
    counts = _run(folder)
    assert counts.malformed_establishments == 2
    assert counts.malformed_units == 1
    assert counts.rejected == 3
    assert any("SIRET invalide" in r for r in counts.rejections)
    assert any("illisible" in r or "ligne" in r for r in counts.rejections)


def test_zipped_stock_files_are_read(synthetic_stock, tmp_path):
    for name in (UNITS, ESTABLISHMENTS):
        with zipfile.ZipFile(tmp_path / name.replace(".csv", ".zip"), "w") as archive:
            archive.write(synthetic_stock / name, name)
    counts = import_sirene(
        tmp_path / UNITS.replace(".csv", ".zip"),
        tmp_path / ESTABLISHMENTS.replace(".csv", ".zip"),
        progress=False,
    )
    assert counts.created == len(_expected(synthetic_stock)[0])


def test_added_columns_are_ignored(synthetic_stock, tmp_path):
    rows = read_rows(synthetic_stock / UNITS)
    for row in rows:
        row["nouvelleColonne2027"] = "x"
    write_rows(tmp_path / UNITS, [*UNIT_HEADER[:3], "nouvelleColonne2027", *UNIT_HEADER[3:]], rows)
    shutil.copy(synthetic_stock / ESTABLISHMENTS, tmp_path / ESTABLISHMENTS)
    counts = _run(tmp_path)
    assert counts.created == len(_expected(synthetic_stock)[0])


def test_command_prints_counts_and_records_the_dataset(synthetic_stock, capsys):
    call_command(
        "import-sirene",
        unites=str(synthetic_stock / UNITS),
        etablissements=str(synthetic_stock / ESTABLISHMENTS),
        vintage="stock de janvier 2026",
    )
    out = capsys.readouterr().out
    assert "Import terminé : établissements de l'ESS=" in out
    assert "lignes malformées=0" in out
    dataset = Dataset.objects.get(key="sirene_ess")
    assert dataset.vintage == "stock de janvier 2026"
    assert dataset.producer == "INSEE"


def test_command_with_a_file_of_another_kind_changes_nothing(synthetic_stock):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"(?s)StockUniteLegale.*Rien n.a été modifié"):
        call_command(
            "import-sirene",
            unites=str(synthetic_stock / ESTABLISHMENTS),
            etablissements=str(synthetic_stock / ESTABLISHMENTS),
        )
    assert not EssEstablishment.objects.exists()


X, Y = "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement"


def test_lambert_positions_are_kept_as_longitude_and_latitude(synthetic_stock):
    from leviers.observatory.lambert import to_wgs84

    counts = _run(synthetic_stock)
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


def test_unreadable_or_absent_positions_leave_establishments_unlocated(synthetic_stock, tmp_path):
    rows = read_rows(synthetic_stock / ESTABLISHMENTS)
    for n, row in enumerate(rows):
        if row["codeCommuneEtablissement"].startswith("97"):
            continue
        row[X], row[Y] = [("abc", "6861580"), ("652469,0", "6861580,0"), ("12", "34")][n % 3]
    write_rows(tmp_path / ESTABLISHMENTS, ESTABLISHMENT_HEADER, rows)
    shutil.copy(synthetic_stock / UNITS, tmp_path / UNITS)
    counts = _run(tmp_path)
    located = EssEstablishment.objects.filter(longitude__isnull=False)
    assert counts.located == located.count() > 0  # the decimal comma is read
    assert {round(lat, 3) for lat in located.values_list("latitude", flat=True)} == {48.853}
    assert counts.invalid_coordinates > 0
    assert any("coordonnées Lambert-93" in note for note in counts.notes)
    header = [h for h in ESTABLISHMENT_HEADER if h not in (X, Y)]
    write_rows(tmp_path / ESTABLISHMENTS, header, [{h: r[h] for h in header} for r in rows])
    counts = _run(tmp_path)
    assert counts.located == counts.invalid_coordinates == 0
    assert not EssEstablishment.objects.filter(latitude__isnull=False).exists()


@pytest.mark.parametrize("empty", [UNITS, ESTABLISHMENTS])
def test_command_with_a_file_without_rows_refuses_and_changes_nothing(
    synthetic_stock, tmp_path, pommerieux, empty
):
    from django.core.management.base import CommandError

    shutil.copy(synthetic_stock / UNITS, tmp_path / UNITS)
    shutil.copy(synthetic_stock / ESTABLISHMENTS, tmp_path / ESTABLISHMENTS)
    header = UNIT_HEADER if empty == UNITS else ESTABLISHMENT_HEADER
    write_rows(tmp_path / empty, header, [])
    before = set(EssEstablishment.objects.values_list("siret", flat=True))
    with pytest.raises(CommandError) as error:
        call_command(
            "import-sirene",
            unites=str(tmp_path / UNITS),
            etablissements=str(tmp_path / ESTABLISHMENTS),
        )
    message = str(error.value)
    assert str(tmp_path / empty) in message
    assert "aucune ligne" in message and "Rien n'a été modifié" in message
    assert set(EssEstablishment.objects.values_list("siret", flat=True)) == before
    assert CommuneEssStats.objects.filter(commune_id="53180", establishments=3).exists()
