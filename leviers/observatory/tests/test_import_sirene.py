import shutil
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection

from leviers.core.importing import ImportFileError
from leviers.core.models import Dataset
from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
from leviers.observatory.sirene import import_sirene
from leviers.testing.sirene import (
    ESTABLISHMENT_HEADER,
    UNIT_HEADER,
    expected_ess,
    read_rows,
    write_rows,
)

pytestmark = pytest.mark.django_db

UNITS = "StockUniteLegale_utf8.csv"
ESTABLISHMENTS = "StockEtablissement_utf8.csv"


def _run(folder, **options):
    return import_sirene(folder / UNITS, folder / ESTABLISHMENTS, progress=False, **options)


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


def _constraints() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, EssEstablishment._meta.db_table)


def _indexes():
    return {name: c["columns"] for name, c in _constraints().items() if c["index"]}


def test_import_leaves_the_table_with_its_indexes(synthetic_stock):
    before = _indexes()
    assert "ess_estab_commune_name" in before
    _run(synthetic_stock)
    assert _indexes() == before
    # The directory's alphabetical list of a commune is served by its index.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT name FROM observatory_essestablishment "
                "WHERE commune_id = %s ORDER BY LOWER(name)",
                ["53180"],
            )
            assert "ess_estab_commune_name" in " ".join(str(row) for row in cursor.fetchall())


def test_the_establishment_table_has_only_the_indexes_its_pages_read():
    """Each one is rewritten for every row an import writes: the primary key, the SIRET's
    uniqueness, the SIREN, and the commune with the name (no `_like` pattern index on
    PostgreSQL, no second index of the commune alone)."""
    indexed = sorted(
        (tuple(column for column in c["columns"] if column), bool(c["unique"]))
        for c in _constraints().values()
        if (c["index"] or c["unique"]) and not c["primary_key"]
    )
    # (`None` is the expression LOWER(name), as SQLite describes it; PostgreSQL leaves it out.)
    assert indexed == [(("commune_id",), False), (("siren",), False), (("siret",), True)]


def test_failure_while_writing_the_establishments_keeps_rows_and_indexes(
    synthetic_stock, monkeypatch
):
    _run(synthetic_stock)
    before = set(EssEstablishment.objects.values_list("siret", flat=True))
    indexes = _indexes()
    from leviers.observatory.sirene import write

    written = write._write_establishments

    def write_then_fail(*args, **kwargs):
        written(*args, **kwargs)  # the rows are in, the indexes dropped (SQLite)
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(write, "_write_establishments", write_then_fail)
    with pytest.raises(RuntimeError):
        _run(synthetic_stock)
    assert set(EssEstablishment.objects.values_list("siret", flat=True)) == before
    assert _indexes() == indexes


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
    assert counts.created == len(
        expected_ess(synthetic_stock / UNITS, synthetic_stock / ESTABLISHMENTS)[0]
    )


def test_added_columns_are_ignored(synthetic_stock, tmp_path):
    rows = read_rows(synthetic_stock / UNITS)
    for row in rows:
        row["nouvelleColonne2027"] = "x"
    write_rows(tmp_path / UNITS, [*UNIT_HEADER[:3], "nouvelleColonne2027", *UNIT_HEADER[3:]], rows)
    shutil.copy(synthetic_stock / ESTABLISHMENTS, tmp_path / ESTABLISHMENTS)
    counts = _run(tmp_path)
    assert counts.created == len(
        expected_ess(synthetic_stock / UNITS, synthetic_stock / ESTABLISHMENTS)[0]
    )


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
