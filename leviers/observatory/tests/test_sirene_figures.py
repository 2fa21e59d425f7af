"""The GROUPING SETS aggregation of `sirene.figures`, on an in-memory DuckDB filled by hand.

No Django database: the tables `territory_figures(db)` reads are written here row by row, and the
expected indicators are recomputed from the same rows in plain Python.
"""

import json
from collections import defaultdict

import duckdb
import pytest

from leviers.observatory import headcount, naf
from leviers.observatory.sirene.figures import (
    FIGURE_COLUMNS,
    compute_figures,
    figure_rows,
    no_figures,
    territory_figures,
)
from leviers.observatory.sirene.scan import load_tables

# (code, epci, department, region) of a tiny referential: two communes of one EPCI, Paris
# (written by SIRENE as its arrondissements), and an overseas commune without an EPCI.
GEOGRAPHY = [
    ("53180", "245300330", "53", "52"),
    ("53185", "245300330", "53", "52"),
    ("75056", "200054781", "75", "11"),
    ("97209", None, "972", "02"),
]
# (well_formed, commune_raw, kind, siren, employer, band, family, naf, n): `n` establishments
# alike, as the scan groups those it only counts (`employs`: employer is 'O').
ROWS = [
    (True, "53180", "ess", "100000001", "O", "02", "association", "94.99Z", 1),
    (True, "53180", "ess", "100000001", "N", "NN", "association", "94.99Z", 1),  # same unit
    (True, "53180", "ess", "100000002", "O", "11", "cooperative", "01.61Z", 1),
    (True, "53180", None, None, None, None, None, None, 12),  # private companies
    (True, "53180", None, None, "O", None, None, None, 6),  # private employers
    (True, "53180", "public", None, "O", None, None, None, 2),  # public employers: not counted
    (True, "53180", "public", None, None, None, None, None, 3),  # public-law: not private
    (True, "53185", "ess", "100000003", None, None, "mutuelle", "65.12Z", 1),  # band unknown
    (True, "53185", "ess", "100000004", "O", "ZZ", "fondation", "99.99X", 1),  # unknown codes
    (True, "53185", "ess", "100000008", "O", "03", "association", "94.99Z", 2),  # two alike
    (True, "75111", "ess", "100000005", "O", "01", "association", "88.99B", 1),  # arrondissement
    (True, "75056", None, None, None, None, None, None, 1),
    (True, "97209", "ess", "100000006", "N", "00", "autre", "94.99Z", 1),
    (True, "97209", None, None, None, None, None, None, 4),
    (True, "99999", "ess", "100000007", "O", "01", "association", "94.99Z", 1),  # unknown commune
    (True, "99999", None, None, None, None, None, None, 5),
    (False, "53180", None, None, None, None, None, None, 2),  # malformed: never counted
]


@pytest.fixture
def db():
    connection = duckdb.connect()
    load_tables(connection, GEOGRAPHY)
    connection.execute(
        "CREATE TABLE establishments (well_formed BOOLEAN, commune_raw VARCHAR, kind VARCHAR, "
        "siren VARCHAR, employer VARCHAR, band VARCHAR, family VARCHAR, naf VARCHAR, n BIGINT, "
        "employs BOOLEAN)"
    )
    marks = ", ".join("?" * (len(ROWS[0]) + 1))
    connection.executemany(
        f"INSERT INTO establishments VALUES ({marks})", [(*r, r[4] == "O") for r in ROWS]
    )
    yield connection
    connection.close()


def _territories(commune_raw: str) -> list[tuple[str, str]]:
    """(level, code) of every territory a commune code written by SIRENE belongs to."""
    where = {code: (code, epci, dep, reg) for code, epci, dep, reg in GEOGRAPHY}
    where["75111"] = where["75056"]
    if commune_raw not in where:
        return []
    commune, epci, dep, reg = where[commune_raw]
    found = [("commune", commune), ("department", dep), ("region", reg), ("france", "FR")]
    return found + ([("epci", epci)] if epci else [])


def _expected() -> dict[tuple[str, str], dict]:
    expected: dict[tuple[str, str], dict] = defaultdict(no_figures)
    units: dict[tuple[str, str], set] = defaultdict(set)
    for well_formed, raw, kind, siren, employer, band, family, activity, n in ROWS:
        for territory in _territories(raw):
            figures_of = expected[territory]
            if well_formed and kind != "public":
                figures_of["private_establishments"] += n
                figures_of["private_employer_establishments"] += n * (employer == "O")
            if kind != "ess":
                continue
            figures_of["establishments"] += n
            units[territory].add(siren)
            figures_of["legal_units"] = len(units[territory])
            figures_of["employer_establishments"] += n * (employer == "O")
            if band in headcount.BANDS:
                figures_of["headcount_low"] += n * headcount.BANDS[band][0]
                figures_of["headcount_high"] += n * headcount.BANDS[band][1]
            else:
                figures_of["headcount_unknown"] += n
            by_family, by_section = figures_of["by_family"], figures_of["by_section"]
            by_family[family] = by_family.get(family, 0) + n
            section = naf.codes().get(activity, ("", ""))[1]
            by_section[section] = by_section.get(section, 0) + n
    return dict(expected)


def test_every_territory_gets_the_figures_recomputed_from_its_rows(db):
    assert dict(territory_figures(db)) == _expected()


def test_an_arrondissement_counts_in_its_commune(db):
    paris = territory_figures(db)["commune", "75056"]
    assert (paris["establishments"], paris["private_establishments"]) == (1, 2)


def test_an_establishment_outside_the_referential_counts_nowhere(db):
    found = territory_figures(db)
    assert found["france", "FR"]["establishments"] == sum(
        row[-1] for row in ROWS if row[2] == "ess" and row[1] != "99999"
    )
    assert not any(code == "99999" for _, code in found)


def test_a_commune_without_epci_adds_no_empty_epci(db):
    assert not any(level == "epci" and not code for level, code in territory_figures(db))


def test_the_headline_share_counts_employers_on_both_sides(db):
    pommerieux = territory_figures(db)["commune", "53180"]
    # ESS: 2 employer establishments of 3; private: 3 ESS + 12 + 6 others, 2 + 6 employers (the
    # 2 public employers and the malformed rows left out).
    assert pommerieux["employer_establishments"] == 2
    assert pommerieux["private_establishments"] == 21
    assert pommerieux["private_employer_establishments"] == 8


def test_a_unit_with_two_establishments_is_one_legal_unit(db):
    pommerieux = territory_figures(db)["commune", "53180"]
    assert (pommerieux["establishments"], pommerieux["legal_units"]) == (3, 2)


def test_breakdowns_are_written_with_their_keys_in_order(db):
    """The same counts give the same JSON text at every import (DuckDB aggregates in the order
    its threads meet the rows)."""
    compute_figures(db)
    written = figure_rows(db)
    for column in ("by_family", "by_section"):
        at = FIGURE_COLUMNS.index(column)
        texts = [values[at] for values in written.values()]
        assert any(len(json.loads(text)) > 2 for text in texts)
        for text in texts:
            keys = list(json.loads(text))
            assert keys == sorted(keys), (column, text)
