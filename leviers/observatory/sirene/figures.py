"""The indicators of every commune, EPCI, department, region and France, computed by DuckDB in
one `GROUPING SETS` query per kind of figure.

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
    SELECT {level} AS level, {code} AS code, {what} AS key, SUM(n)
    FROM ess GROUP BY GROUPING SETS ((commune, {what}), (epci, {what}), (dep, {what}),
                                      (reg, {what}), ({what}))
"""
PRIVATE_SQL = """
    WITH private AS (
        SELECT e.n, e.employs, g.* FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        WHERE e.well_formed AND e.kind IS DISTINCT FROM 'public'
    )
    SELECT {level} AS level, {code} AS code, SUM(n), COALESCE(SUM(n) FILTER (WHERE employs), 0)
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


def territory_figures(db) -> dict[tuple[str, str], dict]:
    """Indicators of every territory, keyed by (level, code)."""
    figures: dict[tuple[str, str], dict] = defaultdict(no_figures)
    for level, code, n, units, employers, low, high, unknown in db.execute(
        FIGURES_SQL.format(level=LEVEL, code=CODE)
    ).fetchall():
        if code is None:
            continue
        figures[level, code].update(
            establishments=n,
            legal_units=units,
            employer_establishments=employers,
            headcount_low=int(low),
            headcount_high=int(high),
            headcount_unknown=unknown,
        )
    for what, target in (("family", "by_family"), ("section", "by_section")):
        sql = BREAKDOWN_SQL.format(level=LEVEL, code=CODE, what=what)
        for level, code, key, n in db.execute(sql).fetchall():
            if code is not None:
                figures[level, code][target][key or ""] = n
    for level, code, n, employers in db.execute(
        PRIVATE_SQL.format(level=LEVEL, code=CODE)
    ).fetchall():
        if code is not None:
            figures[level, code]["private_establishments"] = n
            figures[level, code]["private_employer_establishments"] = employers
    return figures
