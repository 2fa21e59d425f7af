"""The indicators of every commune, EPCI, department, region and France, computed by DuckDB in
one `GROUPING SETS` query per kind of figure, and gathered in DuckDB into one `figures` table,
a row per territory with its breakdowns already written as JSON (no Python loop over them).

`territory_figures(db)` reads three tables of its DuckDB connection, whatever filled them:
- `establishments`: the active establishments read, `n` of them per row (`kind` 'ess' for
  those of the perimeter, 'public' for public-law ones), with `well_formed`, `commune_raw`
  (the commune code as SIRENE writes it), `employs` (employer character `O`) and, for the ESS
  ones, `siren`, `employer`
  ('O'/'N'), `band` (headcount band), `family` and `naf`;
- `geo`: `raw` (a code SIRENE writes) → `commune`, `epci`, `dep`, `reg`;
- `bands` (`code`, `low`, `high`) and `naf` (`code`, `label`, `section`).
"""

from __future__ import annotations

import json
from collections import defaultdict

FIGURES_SQL = """
    WITH ess AS (
        SELECT e.n, e.siren, e.employer, g.commune, g.epci, g.dep, g.reg, b.low, b.high
        FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        LEFT JOIN bands b ON b.code = e.band
        WHERE e.kind = 'ess'
    )
    SELECT {level} AS level, {code} AS code,
           SUM(n) AS establishments, COUNT(DISTINCT siren) AS legal_units,
           COALESCE(SUM(n) FILTER (WHERE employer = 'O'), 0) AS employers,
           COALESCE(SUM(n * low), 0) AS low, COALESCE(SUM(n * high), 0) AS high,
           COALESCE(SUM(n) FILTER (WHERE low IS NULL), 0) AS unknown
    FROM ess GROUP BY GROUPING SETS ((commune), (epci), (dep), (reg), ())
"""
BREAKDOWN_SQL = """
    WITH ess AS (
        SELECT e.n, e.family, COALESCE(naf.section, '') AS section, g.*
        FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        LEFT JOIN naf ON naf.code = e.naf
        WHERE e.kind = 'ess'
    )
    SELECT {level} AS level, {code} AS code, {what} AS key, SUM(n) AS n
    FROM ess GROUP BY GROUPING SETS ((commune, {what}), (epci, {what}), (dep, {what}),
                                      (reg, {what}), ({what}))
"""
PRIVATE_SQL = """
    WITH private AS (
        SELECT e.n, e.employs, g.* FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        WHERE e.well_formed AND e.kind IS DISTINCT FROM 'public'
    )
    SELECT {level} AS level, {code} AS code, SUM(n) AS private,
           COALESCE(SUM(n) FILTER (WHERE employs), 0) AS private_employers
    FROM private GROUP BY GROUPING SETS ((commune), (epci), (dep), (reg), ())
"""
LEVEL = (
    "CASE WHEN GROUPING(commune) = 0 THEN 'commune' WHEN GROUPING(epci) = 0 THEN 'epci' "
    "WHEN GROUPING(dep) = 0 THEN 'department' WHEN GROUPING(reg) = 0 THEN 'region' "
    "ELSE 'france' END"
)
CODE = (
    "CASE WHEN GROUPING(commune) = 0 THEN commune WHEN GROUPING(epci) = 0 THEN epci "
    "WHEN GROUPING(dep) = 0 THEN dep WHEN GROUPING(reg) = 0 THEN reg ELSE 'FR' END"
)


def no_figures() -> dict:
    """The indicators of a territory without any ESS establishment."""
    return {
        "establishments": 0,
        "legal_units": 0,
        "employer_establishments": 0,
        "headcount_low": 0,
        "headcount_high": 0,
        "headcount_unknown": 0,
        "by_family": {},
        "by_section": {},
        "private_establishments": 0,
        "private_employer_establishments": 0,
    }


# The columns of the `figures` table, in the order of `no_figures()` (the breakdowns as JSON).
FIGURE_COLUMNS = tuple(no_figures())
JSON_COLUMNS = ("by_family", "by_section")


def compute_figures(db) -> None:
    """Fill the DuckDB table `figures`: (level, code, *FIGURE_COLUMNS), one row per territory
    with at least one active private establishment or one ESS establishment."""
    grouping = {"level": LEVEL, "code": CODE}
    db.execute(f"CREATE OR REPLACE TEMP TABLE f_main AS {FIGURES_SQL.format(**grouping)}")
    for what in ("family", "section"):
        db.execute(
            f"CREATE OR REPLACE TEMP TABLE f_{what} AS "
            # The object of json_group_object(key, n), keys in order: the same counts give the
            # same text at every import (DuckDB's threads meet the rows in any order).
            f"SELECT level, code, to_json(map(list(key ORDER BY key), list(n ORDER BY key))) "
            f"AS by_{what} "
            f"FROM ({BREAKDOWN_SQL.format(what=what, **grouping)}) GROUP BY level, code"
        )
    db.execute(f"CREATE OR REPLACE TEMP TABLE f_private AS {PRIVATE_SQL.format(**grouping)}")
    db.execute(
        """
        CREATE OR REPLACE TABLE figures AS
        WITH territories AS (
            SELECT level, code FROM f_main UNION SELECT level, code FROM f_private
        )
        SELECT t.level, t.code,
               COALESCE(m.establishments, 0) AS establishments,
               COALESCE(m.legal_units, 0) AS legal_units,
               COALESCE(m.employers, 0) AS employer_establishments,
               CAST(COALESCE(m.low, 0) AS BIGINT) AS headcount_low,
               CAST(COALESCE(m.high, 0) AS BIGINT) AS headcount_high,
               COALESCE(m.unknown, 0) AS headcount_unknown,
               COALESCE(CAST(f.by_family AS VARCHAR), '{}') AS by_family,
               COALESCE(CAST(s.by_section AS VARCHAR), '{}') AS by_section,
               COALESCE(p.private, 0) AS private_establishments,
               COALESCE(p.private_employers, 0) AS private_employer_establishments
        FROM territories t
        LEFT JOIN f_main m ON m.level = t.level AND m.code = t.code
        LEFT JOIN f_family f ON f.level = t.level AND f.code = t.code
        LEFT JOIN f_section s ON s.level = t.level AND s.code = t.code
        LEFT JOIN f_private p ON p.level = t.level AND p.code = t.code
        WHERE t.code IS NOT NULL
        """
    )


def figure_rows(db) -> dict[tuple[str, str], tuple]:
    """{(level, code): the values of FIGURE_COLUMNS, breakdowns as JSON text} from `figures`."""
    columns = ", ".join(FIGURE_COLUMNS)
    return {
        (level, code): tuple(values)
        for level, code, *values in db.execute(
            f"SELECT level, code, {columns} FROM figures"
        ).fetchall()
    }


def territory_figures(db) -> dict[tuple[str, str], dict]:
    """Indicators of every territory, keyed by (level, code), as dictionaries."""
    compute_figures(db)
    figures: dict[tuple[str, str], dict] = defaultdict(no_figures)
    for key, values in figure_rows(db).items():
        row = dict(zip(FIGURE_COLUMNS, values, strict=True))
        for name in JSON_COLUMNS:
            row[name] = json.loads(row[name])
        figures[key] = row
    return figures
