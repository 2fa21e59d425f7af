"""The scans, on an in-memory DuckDB (no Django database): the quick test of a row on the text
as written gives the same answer as the trimmed one, the establishments scan's table is the one
a single grouping on every column gave, and the units scan reads a cooperative's name only where
the perimeter asks for it."""

from pathlib import Path

import duckdb

from leviers.observatory.duck import create_table
from leviers.observatory.sirene.read import (
    ESTABLISHMENT_COLUMNS,
    UNIT_COLUMNS,
    as_trimmed,
    clean,
    column,
    digits,
    prepare,
    reader,
    trimmed_digits,
)
from leviers.observatory.sirene.scan import (
    DETAIL_COLUMNS,
    WELL_FORMED,
    connect,
    load_tables,
    scan_establishments,
    scan_units,
)
from leviers.testing.sirene import (
    ESTABLISHMENT_HEADER,
    UNIT_HEADER,
    generate,
    read_rows,
    write_rows,
)

UNITS, ESTABLISHMENTS = "StockUniteLegale_utf8.csv", "StockEtablissement_utf8.csv"

# (siren, siret) as a SIRENE file may write them.
ROWS = [
    ("123456789", "12345678900011"),  # well formed
    ("123456789", "98765432100011"),  # another unit's SIRET
    (" 123456789", "12345678900011 "),  # spaces around: well formed once trimmed
    ("123456789", " 1234567890001"),  # 13 digits
    ("12345678", "12345678000112"),  # SIREN of 8 digits
    ("12345678A", "12345678A00011"),  # a letter
    ("123456789", None),
    (None, "12345678900011"),  # no SIREN: neither true nor false, as before
    (None, None),
    ("", ""),
    ("123456789", "1234567890001X"),
]
# The check as the scan wrote it before (trimmed values only).
TRIMMED = f"{digits('siret', 14)} AND length(siren_text) = 9 AND starts_with(siret, siren_text)"


def test_the_quick_check_answers_as_the_trimmed_one():
    db = duckdb.connect()
    db.execute("CREATE TABLE rows (siren_as_written VARCHAR, siret_as_written VARCHAR)")
    db.executemany("INSERT INTO rows VALUES (?, ?)", ROWS)
    answers = db.execute(
        f"""
        SELECT siren_as_written, siret_as_written, {WELL_FORMED}, {TRIMMED}
        FROM (SELECT *, TRIM(siren_as_written) AS siren_text, TRIM(siret_as_written) AS siret
              FROM rows)
        """
    ).fetchall()
    assert [(siren, siret, quick) for siren, siret, quick, _ in answers] == [
        (siren, siret, trimmed) for siren, siret, _, trimmed in answers
    ]
    assert [quick for *_, quick, _ in answers] == [
        True, False, True, False, False, False, False, None, False, False, False
    ]  # fmt: skip


def test_trimmed_digits_answers_as_digits_of_the_trimmed_text():
    db = duckdb.connect()
    values = ["123456789", " 123456789 ", "12345678", "12345678A", "", None, "1234567890"]
    db.execute("CREATE TABLE rows (siren VARCHAR)")
    db.executemany("INSERT INTO rows VALUES (?)", [(v,) for v in values])
    answers = db.execute(
        f"SELECT {trimmed_digits('siren', 9)}, {digits('TRIM(siren)', 9)} FROM rows"
    ).fetchall()
    assert [quick for quick, _ in answers] == [trimmed for _, trimmed in answers]
    assert [quick for quick, _ in answers] == [True, True, False, False, False, False, False]


def test_as_trimmed_compares_and_casts_as_the_trimmed_text():
    db = duckdb.connect()
    values = ["A", " A", "A ", "\u00a0A", " ", "", "AA", "F", None, "\tA", "123456789",
              " 123456789", "12345678 ", "\u00a0123456789\u00a0", "12345678A"]  # fmt: skip
    db.execute("CREATE TABLE rows (written VARCHAR)")
    db.executemany("INSERT INTO rows VALUES (?)", [(v,) for v in values])
    answers = db.execute(
        f"""
        SELECT {as_trimmed("written", 1)} = 'A', TRIM(written) = 'A',
               TRY_CAST({as_trimmed("written", 9)} AS INTEGER),
               TRY_CAST(TRIM(written) AS INTEGER)
        FROM rows
        """
    ).fetchall()
    assert [(quick, cast) for quick, _, cast, _ in answers] == [
        (trimmed, trimmed_cast) for _, trimmed, _, trimmed_cast in answers
    ]
    assert sum(1 for quick, *_ in answers if quick) == 4
    assert sum(1 for *_, cast, _ in answers if cast == 123456789) == 3


# The establishments scan as it was written in one query: every kept row joined to its legal
# unit and to the referential, then grouped on all its columns (NULL but for the ESS rows).
# The scan now groups in two steps; both must give the same table, row for row.
def _reference_establishments(source) -> str:
    c = lambda name: column(source, name)  # noqa: E731
    raw_columns = {alias: name for alias, name in DETAIL_COLUMNS.items()}
    raw_columns["employer"] = "caractereEmployeurEtablissement"
    selected = ", ".join(f"{c(name)} AS {alias}" for alias, name in raw_columns.items())
    address = (
        "NULLIF(TRIM(CONCAT_WS(' ', "
        + ", ".join(clean(f"r.{a}") for a in ("number", "repeat", "street_type", "street"))
        + ")), '')"
    )
    ess = "WHEN k.kind = 'ess' THEN"
    return f"""
        CREATE TABLE reference AS
        WITH raw AS (
            SELECT TRIM(siren) AS siren_text, TRIM(siret) AS siret,
                   etatAdministratifEtablissement AS state,
                   TRIM(codeCommuneEtablissement) AS commune_raw, {selected},
                   COALESCE(TRIM(caractereEmployeurEtablissement) = 'O', false) AS employs
            FROM {reader(source, "reference")}
        ), checked AS (
            SELECT *, {TRIMMED} AS well_formed FROM raw
        ), kept_rows AS (
            SELECT *,
                   CASE WHEN well_formed THEN TRY_CAST(siren_text AS INTEGER) END AS siren_key
            FROM checked
            WHERE TRIM(state) = 'A' OR NOT well_formed
        )
        SELECT r.well_formed, r.commune_raw, g.commune, k.kind, r.employs,
               CASE {ess} r.siret END AS siret,
               CASE {ess} r.siren_text END AS siren,
               CASE {ess} k.name END AS name,
               CASE {ess} COALESCE({clean("r.sign")}, {clean("r.usual_name")}) END AS trade_name,
               CASE {ess} CONCAT_WS(', ', {address}, {clean("r.complement")}) END AS address,
               CASE {ess} {clean("r.postal")} END AS postal_code,
               CASE {ess} TRIM(r.naf) END AS naf,
               CASE {ess} k.cj END AS cj,
               CASE {ess} k.family END AS family,
               CASE {ess} k.flag END AS flag,
               CASE {ess} k.ess_category END AS ess_category,
               CASE {ess} {clean("r.band")} END AS band,
               CASE {ess} TRIM(r.employer) END AS employer,
               CASE {ess} TRY_CAST(TRIM(r.created) AS DATE) END AS created_on,
               CASE {ess} TRIM(r.head) = 'true' END AS head_office,
               CASE {ess} {clean("r.lambert_x")} END AS lambert_x,
               CASE {ess} {clean("r.lambert_y")} END AS lambert_y,
               COUNT(*) AS n
        FROM kept_rows r
        LEFT JOIN kept k ON k.siren = r.siren_key
        LEFT JOIN geo g ON g.raw = r.commune_raw
        GROUP BY ALL
    """


def _tricky_stock(folder: Path) -> tuple[Path, Path]:
    """A small synthetic stock, plus the rows a real file may hold and the scan must treat
    alike: duplicates, spaces, malformed identifiers, unknown or absent communes, units written
    twice."""
    generate(folder, 600, 800)
    units_file, establishments_file = folder / UNITS, folder / ESTABLISHMENTS
    units, establishments = read_rows(units_file), read_rows(establishments_file)
    association = {
        "categorieJuridiqueUniteLegale": "9220",
        "economieSocialeSolidaireUniteLegale": "O",
        "activitePrincipaleUniteLegale": "94.99Z",
        "denominationUniteLegale": "ASSOCIATION DES ESSAIS",
    }
    units += [
        {**association, "siren": "900000001"},
        {**association, "siren": "900000002", "denominationUniteLegale": "[ND]"},
        # Written twice, with two names: each establishment counts once per row.
        {**association, "siren": "900000003"},
        {**association, "siren": "900000003", "denominationUniteLegale": "AUTRE NOM"},
        # ESS once, public-law once.
        {**association, "siren": "900000004"},
        {**association, "siren": "900000004", "categorieJuridiqueUniteLegale": "7210",
         "economieSocialeSolidaireUniteLegale": ""},
        {**association, "siren": " 900000005 ", "economieSocialeSolidaireUniteLegale": " O"},
        {**association, "siren": "900000006", "categorieJuridiqueUniteLegale": "5710",
         "denominationUniteLegale": "SCOP DES ESSAIS"},
        {"siren": "ABC"},
    ]  # fmt: skip
    commune = next(r["codeCommuneEtablissement"] for r in establishments)
    base = {
        "etatAdministratifEtablissement": "A",
        "codeCommuneEtablissement": commune,
        "caractereEmployeurEtablissement": "O",
        "activitePrincipaleEtablissement": "94.99Z",
        "trancheEffectifsEtablissement": "03",
        "dateCreationEtablissement": "2001-02-03",
        "etablissementSiege": "true",
        "codePostalEtablissement": "53000",
        "numeroVoieEtablissement": "3",
        "typeVoieEtablissement": "RUE",
        "libelleVoieEtablissement": "DES ESSAIS",
        "coordonneeLambertAbscisseEtablissement": "420000.5",
        "coordonneeLambertOrdonneeEtablissement": "6780000,5",
    }

    def row(siren: str, nic: str, **values: str) -> dict[str, str]:
        return {**base, "siren": siren, "siret": siren.strip() + nic, **values}

    establishments += [
        row("900000001", "00011"),
        row("900000001", "00011"),  # the same line twice
        row("900000001", "00029", caractereEmployeurEtablissement=""),
        row("900000001", "00037", numeroVoieEtablissement=" 3 "),
        row("900000001", "00037"),  # the same once trimmed
        row("900000001", "00045", caractereEmployeurEtablissement=" O",
            codeCommuneEtablissement=f" {commune} "),
        row("900000001", "00052", codeCommuneEtablissement="99999"),  # unknown commune
        row("900000001", "00060", codeCommuneEtablissement=""),  # abroad
        row("900000001", "00078", codeCommuneEtablissement="75111"),  # arrondissement
        row("900000001", "00086", etatAdministratifEtablissement=" A "),
        row("900000001", "00094", etatAdministratifEtablissement="F"),  # closed
        row("900000001", "00102", dateCreationEtablissement="2001-02-30",
            etablissementSiege=" true", codePostalEtablissement="[ND]",
            coordonneeLambertAbscisseEtablissement="[ND]", enseigne1Etablissement="ENSEIGNE",
            denominationUsuelleEtablissement="USUEL", complementAdresseEtablissement="BAT A"),
        row("900000002", "00011", trancheEffectifsEtablissement="[ND]"),
        row("900000003", "00011"),
        row("900000004", "00011"),
        row("900000004", "00029", caractereEmployeurEtablissement="N"),
        row(" 900000005", "00011 "),
        row("900000006", "00011"),
        row("900000001", "0001"),  # 13 digits
        row("900000001", "0001", etatAdministratifEtablissement="F"),  # malformed and closed
        row("90000000A", "00011"),
        row("", "90000000100011"),
        {**base, "siren": "900000001", "siret": ""},
        row("800000001", "00011"),  # a unit absent from the units file
        row("800000001", "00011", caractereEmployeurEtablissement=""),
    ]  # fmt: skip
    write_rows(units_file, UNIT_HEADER, units)
    write_rows(establishments_file, ESTABLISHMENT_HEADER, establishments)
    return units_file, establishments_file


def test_the_scan_gives_the_rows_of_one_grouping_on_every_column(tmp_path):
    units_file, establishments_file = _tricky_stock(tmp_path)
    codes = sorted({r["codeCommuneEtablissement"] for r in read_rows(establishments_file)})
    # Every commune found but one, and Paris for its arrondissements.
    geography = [(code, "200000001", code[:2], "11") for code in codes[1:] if code[:2] != "99"]
    geography.append(("75056", "200054781", "75", "11"))
    db = duckdb.connect()
    load_tables(db, geography)
    units = prepare(units_file, UNIT_COLUMNS, tmp_path, "StockUniteLegale")
    establishments = prepare(
        establishments_file, ESTABLISHMENT_COLUMNS, tmp_path, "StockEtablissement"
    )
    scan_units(db, units, progress=False)
    scan_establishments(db, establishments, progress=False)
    db.execute(_reference_establishments(establishments))
    columns = [row[:2] for row in db.execute("DESCRIBE establishments").fetchall()]
    assert columns == [row[:2] for row in db.execute("DESCRIBE reference").fetchall()]
    rows = db.execute("SELECT * FROM establishments").fetchall()
    reference = db.execute("SELECT * FROM reference").fetchall()
    key = lambda row: tuple((value is None, str(value)) for value in row)  # noqa: E731
    assert sorted(rows, key=key) == sorted(reference, key=key)
    # The tricky rows are there: grouped twice, malformed, outside the referential, two names.
    ess = db.execute(
        "SELECT siret, name, n FROM establishments WHERE kind = 'ess' AND siren LIKE '9000000%'"
    ).fetchall()
    assert ("90000000100011", "ASSOCIATION DES ESSAIS", 2) in ess
    assert ("90000000100037", "ASSOCIATION DES ESSAIS", 2) in ess
    assert {name for siret, name, _ in ess if siret == "90000000300011"} == {
        "ASSOCIATION DES ESSAIS",
        "AUTRE NOM",
    }
    assert ("90000000500011", "ASSOCIATION DES ESSAIS", 1) in ess
    assert db.execute(
        "SELECT SUM(n) FILTER (WHERE NOT well_formed), SUM(n) FILTER (WHERE well_formed IS NULL),"
        " SUM(n) FILTER (WHERE commune IS NULL AND commune_raw = '99999'),"
        " SUM(n) FILTER (WHERE commune_raw IS NULL)"
        " FROM establishments"
    ).fetchone() == (4, 1, 1, 1)


def test_a_flagged_unit_without_a_legal_category_is_not_taken_for_a_cooperative(tmp_path):
    # Only a flagged unit of a category outside the ESS ones is a cooperative by its name (a
    # SCIC or SCOP in SAS or SARL). A blank category is read as NULL, which SQL finds neither
    # in nor outside the ESS categories (`NULL NOT IN (…)` is NULL): such a unit gets the
    # scan's default, no cooperative name, and the family of a flagged unit without category.
    units = {
        "100000001": ("", "O", "ASSOCIATION SANS CATEGORIE"),
        "100000002": ("5710", "O", "SCIC DU PAYS"),
        "100000003": ("5710", "O", "CONSEIL SOLIDAIRE"),
    }
    assert _kept_units(tmp_path, units) == [
        (100000001, "ess", "autre"),
        (100000002, "ess", "cooperative"),
        (100000003, "ess", "societe_commerciale"),
    ]


def test_a_blank_category_written_two_ways_keeps_each_unit_once(tmp_path):
    # An empty field is read as NULL, a field of spaces as an empty text once trimmed: two
    # combinations, each unit joined to its own. (When the classes table turned the empty
    # text into NULL too, the first unit was kept twice, its establishments then counted
    # twice, and the second not at all.)
    units = {
        "100000001": ("", "O", "ASSOCIATION SANS CATEGORIE"),
        "100000002": ("  ", "O", "ASSOCIATION SANS CATEGORIE"),
    }
    assert _kept_units(tmp_path, units) == [
        (100000001, "ess", "autre"),
        (100000002, "ess", "autre"),
    ]


def _kept_units(tmp_path, units: dict[str, tuple[str, str, str]]) -> list[tuple]:
    """The units scan of `units` ({siren: (legal category, ESS flag, name)}): (siren, kind,
    family) of each unit kept."""
    rows = [
        {
            "siren": siren,
            "categorieJuridiqueUniteLegale": cj,
            "economieSocialeSolidaireUniteLegale": flag,
            "activitePrincipaleUniteLegale": "94.99Z",
            "denominationUniteLegale": name,
        }
        for siren, (cj, flag, name) in units.items()
    ]
    units_file = write_rows(tmp_path / UNITS, UNIT_HEADER, rows)
    db = duckdb.connect()
    load_tables(db, [])
    scan_units(db, prepare(units_file, UNIT_COLUMNS, tmp_path, "StockUniteLegale"), progress=False)
    return db.execute("SELECT siren, kind, family FROM kept ORDER BY siren").fetchall()


def test_create_table_keeps_an_empty_text_apart_from_null():
    db = duckdb.connect()
    rows = [("", None, 1), (None, True, None), ('a "b", c\nd', False, 0)]
    create_table(db, "t", {"text": "VARCHAR", "yes": "BOOLEAN", "n": "INTEGER"}, rows)
    assert db.execute("SELECT * FROM t").fetchall() == rows


def test_the_scan_spills_the_ess_rows_beyond_its_memory_limit(tmp_path):
    """The ESS rows are kept as grouping keys, which DuckDB writes to its `temp_directory` past
    `memory_limit`. Kept in a `list()` aggregate, they stayed in memory whatever the limit (its
    states are never spilled): 40 MB of ESS rows then failed under 160 MB, and still under
    200 MB (out of memory), as the national stock did under 700 MB; the scan now passes here
    under 128 MB."""
    ess = {
        "categorieJuridiqueUniteLegale": "9220",
        "economieSocialeSolidaireUniteLegale": "O",
        "activitePrincipaleUniteLegale": "94.99Z",
        "denominationUniteLegale": "ASSOCIATION DES ESSAIS",
    }
    units_file = write_rows(tmp_path / UNITS, UNIT_HEADER, [{**ess, "siren": "900000001"}])
    filler = "X" * 1_000
    rows = [
        {
            "siren": "900000001",
            "siret": f"900000001{i:05}",
            "etatAdministratifEtablissement": "A",
            "codeCommuneEtablissement": "53130",
            "complementAdresseEtablissement": f"{i} {filler}",
        }
        for i in range(40_000)
    ]
    establishments_file = write_rows(tmp_path / ESTABLISHMENTS, ESTABLISHMENT_HEADER, rows)
    db = connect("160MB", tmp_path / "spill")  # the import's settings, a smaller limit
    load_tables(db, [("53130", "200000001", "53", "52")])
    scan_units(db, prepare(units_file, UNIT_COLUMNS, tmp_path, "StockUniteLegale"), False)
    source = prepare(establishments_file, ESTABLISHMENT_COLUMNS, tmp_path, "StockEtablissement")
    scan_establishments(db, source, progress=False)
    assert db.execute(
        "SELECT COUNT(*), SUM(n), COUNT(DISTINCT siret), MIN(length(address)) "
        "FROM establishments WHERE kind = 'ess' AND commune = '53130'"
    ).fetchone() == (40_000, 40_000, 40_000, 1_002)
