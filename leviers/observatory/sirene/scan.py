"""The two DuckDB scans of the SIRENE files, and the counts of what they read.

1. legal units: only the ESS candidates (flag `O` or an ESS legal category), the public-law
   units (for the private denominator) and the malformed rows are kept;
2. establishments: the active ones, joined to the kept legal units; those outside the ESS are
   only counted, by commune and employer character (the denominators of the ESS share).

Which legal unit is in the perimeter, and in which family, is decided by the pure module
`perimeter` (for each distinct (category, flag, activity) found, a few thousand at most),
not by SQL written twice.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from leviers.core.importing import Counts, Progress
from leviers.observatory import headcount, lambert, naf
from leviers.observatory.duck import create_table, sql_path
from leviers.observatory.perimeter import perimeter
from leviers.observatory.sirene.read import (
    Source,
    as_trimmed,
    clean,
    column,
    digits,
    reader,
    rejects,
    trimmed_digits,
)
from leviers.territories.importers.common import ARRONDISSEMENTS  # counted in their city


def connect(memory_limit: str, spill: Path):
    """The DuckDB connection the scans run on. In memory, not in a database file: every table
    here is thrown away at the end, and a file's tables are compressed as they are written (a
    tenth of the import's CPU time, for nothing). Beyond `memory_limit`, DuckDB spills to
    `spill`."""
    import duckdb

    db = duckdb.connect()
    db.execute("SET threads = 2")
    db.execute(f"SET memory_limit = '{memory_limit}'")
    db.execute(f"SET temp_directory = '{sql_path(spill)}'")
    db.execute("SET preserve_insertion_order = false")
    # Every join here puts the small table on the right: keep it as the hash table.
    # Left to its estimates, DuckDB builds on the millions of establishments instead.
    db.execute("SET disabled_optimizers = 'build_side_probe_side'")
    return db


@dataclass
class SireneCounts(Counts):
    """Counts of a SIRENE import (`created` = ESS establishments written)."""

    notes: list[str] = field(default_factory=list)
    units_kept: int = 0
    establishments_active: int = 0
    malformed_units: int = 0
    malformed_establishments: int = 0
    unknown_commune: int = 0
    abroad: int = 0
    excluded_activity: int = 0
    marked_not_ess: int = 0  # units of an ESS category that INSEE marks `N`, left out
    located: int = 0
    invalid_coordinates: int = 0

    def __str__(self) -> str:
        return (
            f"établissements de l'ESS={self.created} "
            f"unités légales retenues={self.units_kept} "
            f"établissements actifs lus={self.establishments_active} "
            f"lignes malformées={self.rejected}"
        )


class _QueryProgress:
    """A progress bar fed by DuckDB's own estimate of the running query."""

    def __init__(self, db, label: str, enabled: bool | None):
        self.db, self.bar = db, Progress(label, 100, enabled=enabled)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.wait(0.5):
            with contextlib.suppress(Exception):
                value = self.db.query_progress()
                if value and value > 0:
                    self.bar.update(min(int(value), 99))

    def __enter__(self):
        if self.bar.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self.bar.enabled:
            self._thread.join()
            self.bar.update(100)


def load_tables(db, geography: list[tuple[str, str | None, str, str]]) -> None:
    rows = [(code, code, epci, dep, reg) for code, epci, dep, reg in geography]
    by_code = {code: (epci, dep, reg) for code, epci, dep, reg in geography}
    rows += [(a, c, *by_code[c]) for a, c in ARRONDISSEMENTS.items() if c in by_code]
    text = "VARCHAR"
    create_table(
        db, "geo", {"raw": text, "commune": text, "epci": text, "dep": text, "reg": text}, rows
    )
    create_table(
        db,
        "bands",
        {"code": text, "low": "INTEGER", "high": "INTEGER"},
        [(code, low, high) for code, (low, high, _) in headcount.BANDS.items()],
    )
    create_table(
        db,
        "naf",
        {"code": text, "label": text, "section": text},
        [(code, label, section) for code, (label, section) in naf.codes().items()],
    )


def scan_units(db, source: Source, progress: bool | None) -> None:
    rules = perimeter()
    ess_categories = ", ".join(f"'{c}'" for c in rules.categories if c.isdigit())
    public = " OR ".join(f"starts_with(cj, '{p}')" for p in rules.public_prefixes if p.isdigit())
    name = (
        f"COALESCE({clean(column(source, 'denominationUniteLegale'))}, "
        f"{clean(column(source, 'sigleUniteLegale'))}, "
        f"NULLIF(TRIM(CONCAT_WS(' ', {clean(column(source, 'prenomUsuelUniteLegale'))}, "
        f"{clean(column(source, 'nomUniteLegale'))})), ''))"
    )
    cooperative = rules.cooperative_pattern.replace("'", "''")
    with _QueryProgress(db, "Unités légales", progress):
        db.execute(
            f"""
            CREATE TABLE units AS
            WITH raw AS (
                SELECT siren AS siren_as_written, TRIM(siren) AS siren_text,
                       -- Tested on every row: trimmed only when not written as expected.
                       CASE WHEN categorieJuridiqueUniteLegale GLOB '[0-9][0-9][0-9][0-9]'
                            THEN categorieJuridiqueUniteLegale
                            ELSE TRIM(categorieJuridiqueUniteLegale) END AS cj,
                       {as_trimmed("economieSocialeSolidaireUniteLegale", 1)} AS ess,
                       TRIM(activitePrincipaleUniteLegale) AS naf,
                       {name} AS name,
                       CONCAT_WS(' ', {clean(column(source, "denominationUniteLegale"))},
                                 {clean(column(source, "sigleUniteLegale"))}) AS names
                FROM {reader(source, "units")}
            )
            SELECT CASE WHEN {trimmed_digits("siren_as_written", 9)}
                        THEN CAST(siren_text AS INTEGER) END AS siren,
                   cj, COALESCE(ess = 'O', false) AS flag,
                   COALESCE(ess = 'N', false) AS marked_no, naf, LEFT(name, 300) AS name,
                   -- A SCIC or SCOP in SAS or SARL: only its name tells (flagged, unlisted).
                   -- CASE, not AND: in a SELECT list, DuckDB works out every operand of an AND
                   -- on every row; the name's pattern then ran on all the kept units, not only
                   -- on the flagged ones outside the ESS categories.
                   CASE WHEN ess = 'O' AND cj NOT IN ({ess_categories})
                        THEN COALESCE(regexp_matches(strip_accents(upper(names)), '{cooperative}'),
                                      false)
                        ELSE false END AS coop
            FROM raw
            WHERE ess = 'O' OR cj IN ({ess_categories}) OR ({public})
               OR NOT {trimmed_digits("siren_as_written", 9)}
            """
        )
    # The perimeter decides, once per distinct (category, flag `O`, flag `N`, activity,
    # cooperative name).
    combinations = db.execute(
        "SELECT DISTINCT cj, flag, marked_no, naf, coop FROM units WHERE siren IS NOT NULL"
    ).fetchall()
    classes = [
        (cj, flag, no, activity, coop, *classify(rules, cj or "", flag, no, activity or "", coop))
        for cj, flag, no, activity, coop in combinations
    ]
    text, yes_no = "VARCHAR", "BOOLEAN"
    create_table(
        db,
        "classes",
        {
            "cj": text,
            "flag": yes_no,
            "marked_no": yes_no,
            "naf": text,
            "coop": yes_no,
            "kind": text,
            "family": text,
            "ess_category": yes_no,
        },
        classes,
    )
    db.execute(
        f"""
        CREATE TABLE kept AS
        SELECT u.siren, u.cj, u.flag, u.name, c.kind, c.family, c.ess_category
        FROM units u JOIN classes c ON {CLASS_JOIN}
        WHERE u.siren IS NOT NULL AND c.kind IN ('ess', 'public')
        """
    )


CLASS_JOIN = (
    "u.cj IS NOT DISTINCT FROM c.cj AND u.flag = c.flag AND u.marked_no = c.marked_no "
    "AND u.naf IS NOT DISTINCT FROM c.naf AND u.coop = c.coop"
)


def classify(rules, cj: str, flag: bool, marked_no: bool, activity: str, coop: bool) -> tuple:
    """(kind, family, ess_category) of the legal units of one combination: 'public' (out of the
    private denominator), 'ess', 'excluded' (ESS category, excluded activity), 'marked_no' (ESS
    category that INSEE marks `N`) or 'other'."""
    category = rules.is_ess_category(cj)
    if not rules.is_private(cj) and not flag:
        return "public", None, False
    if rules.is_in(cj, flag, activity, marked_not_ess=marked_no):
        return "ess", rules.family_of(cj, flag, cooperative_name=coop), category
    if category and marked_no:
        return "marked_no", None, True
    if category:
        return "excluded", None, True
    return "other", None, False


# An establishment row is well formed when its SIRET (trimmed) is 14 digits starting with its
# SIREN (9 characters). Checked on every row of the file, the trimmed test cost a third of the
# scan's own work: the text as written is tested first, and only the rows that fail (spaces, a
# letter, nothing) are trimmed and tested again, with the same answer (NULL included). The
# trimmed texts are written inside the second branch, not computed beside: a column computed
# for every row costs its work on every row, even when nothing reads it. The SIREN is not
# tested for digits in the first branch: 9 bytes that start 14 digits are 9 digits themselves
# (`strlen` counts bytes without reading them; the second GLOB cost a quarter of the check).
WELL_FORMED = f"""
    CASE WHEN siret_as_written GLOB '{"[0-9]" * 14}' AND strlen(siren_as_written) = 9
         THEN starts_with(siret_as_written, siren_as_written)
         ELSE {digits("TRIM(siret_as_written)", 14)} AND length(TRIM(siren_as_written)) = 9
              AND starts_with(TRIM(siret_as_written), TRIM(siren_as_written))
    END"""


# The columns of an ESS establishment's row, read as written, under their names in the scan.
DETAIL_COLUMNS = {
    "naf": "activitePrincipaleEtablissement",
    "band": "trancheEffectifsEtablissement",
    "created": "dateCreationEtablissement",
    "head": "etablissementSiege",
    "postal": "codePostalEtablissement",
    "number": "numeroVoieEtablissement",
    "repeat": "indiceRepetitionEtablissement",
    "street_type": "typeVoieEtablissement",
    "street": "libelleVoieEtablissement",
    "complement": "complementAdresseEtablissement",
    "sign": "enseigne1Etablissement",
    "usual_name": "denominationUsuelleEtablissement",
    "lambert_x": "coordonneeLambertAbscisseEtablissement",
    "lambert_y": "coordonneeLambertOrdonneeEtablissement",
}
# What the ESS row takes from its legal unit (`kept`).
UNIT_DETAILS = ("name", "cj", "family", "flag", "ess_category")


def scan_establishments(db, source: Source, progress: bool | None) -> None:
    """Fill `establishments` (see `figures`): the active rows (and the malformed ones), a row
    per ESS establishment with its details, the others only counted (`n`) by well-formedness,
    commune, kind and employer character.

    One pass over the file groups every kept row on what the others are counted on, as
    written (well-formed or not, commune, employer character, kind: a few rows per commune);
    the ESS rows, 5 % of the active ones, are grouped on their details as written too (one
    struct, NULL for the others). Their details, the trimming of the commune and the
    referential join are then worked out on those hundred thousand groups and few hundred
    thousand ESS rows, not on the 16 million active ones (the scan grouped them before on all
    twenty columns of an ESS row, trimmed, and joined the referential on each).

    The ESS rows are grouping keys, not a `list()` of them per group: DuckDB writes grouping
    keys to its `temp_directory` beyond `memory_limit`, never a `list()`'s states, and the
    national stock's lists alone failed the scan under a 700 MB limit (out of memory)."""
    c = lambda name: column(source, name)  # noqa: E731
    details = ", ".join(f"{c(name)} AS {alias}" for alias, name in DETAIL_COLUMNS.items())
    listed = ", ".join(
        [f"'{a}': r.{a}" for a in ("siren_as_written", "siret_as_written", *DETAIL_COLUMNS)]
        + [f"'{a}': k.{a}" for a in UNIT_DETAILS]
    )
    with _QueryProgress(db, "Établissements", progress):
        db.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE establishment_groups AS
            WITH raw AS (
                SELECT siren AS siren_as_written, siret AS siret_as_written,
                       etatAdministratifEtablissement AS state,
                       {c("codeCommuneEtablissement")} AS commune_written,
                       {c("caractereEmployeurEtablissement")} AS employer_written, {details}
                FROM {reader(source, "establishments")}
            ), checked AS (
                SELECT *, {WELL_FORMED} AS well_formed
                FROM raw
            ), kept_rows AS (
                SELECT *,
                       CASE WHEN well_formed THEN TRY_CAST({as_trimmed("siren_as_written", 9)}
                                                           AS INTEGER)
                       END AS siren_key
                FROM checked
                WHERE {as_trimmed("state", 1)} = 'A' OR NOT well_formed
            )
            SELECT r.well_formed, r.commune_written, r.employer_written, k.kind,
                   CASE WHEN k.kind = 'ess' THEN {{{listed}}} END AS ess, COUNT(*) AS n
            FROM kept_rows r
            LEFT JOIN kept k ON k.siren = r.siren_key
            GROUP BY ALL
            """
        )
    address = (
        "NULLIF(TRIM(CONCAT_WS(' ', "
        + ", ".join(clean(f"e.{a}") for a in ("number", "repeat", "street_type", "street"))
        + ")), '')"
    )
    # The same rows and columns as when one GROUP BY did it all (a test compares both).
    db.execute(
        f"""
        CREATE OR REPLACE TABLE establishments AS
        WITH grouped AS (
            SELECT well_formed, TRIM(commune_written) AS commune_raw, kind,
                   COALESCE(TRIM(employer_written) = 'O', false) AS employs,
                   TRIM(employer_written) AS employer, n, ess
            FROM establishment_groups
        ), ess_rows AS (
            SELECT well_formed, commune_raw, kind, employs, employer, ess AS e, n
            FROM grouped WHERE kind = 'ess'
        ), counted AS (
            SELECT well_formed, commune_raw, kind, employs, CAST(SUM(n) AS BIGINT) AS n
            FROM grouped WHERE kind IS DISTINCT FROM 'ess'
            GROUP BY ALL
        )
        SELECT r.well_formed, r.commune_raw, g.commune, r.kind, r.employs,
               TRIM(e.siret_as_written) AS siret, TRIM(e.siren_as_written) AS siren,
               e.name, COALESCE({clean("e.sign")}, {clean("e.usual_name")}) AS trade_name,
               CONCAT_WS(', ', {address}, {clean("e.complement")}) AS address,
               {clean("e.postal")} AS postal_code, TRIM(e.naf) AS naf, e.cj, e.family, e.flag,
               e.ess_category, {clean("e.band")} AS band, r.employer,
               TRY_CAST(TRIM(e.created) AS DATE) AS created_on,
               TRIM(e.head) = 'true' AS head_office,
               {clean("e.lambert_x")} AS lambert_x, {clean("e.lambert_y")} AS lambert_y,
               CAST(SUM(r.n) AS BIGINT) AS n
        FROM ess_rows r
        LEFT JOIN geo g ON g.raw = r.commune_raw
        GROUP BY ALL
        UNION ALL
        SELECT c.well_formed, c.commune_raw, g.commune, c.kind, c.employs, NULL AS siret,
               NULL AS siren, NULL AS name, NULL AS trade_name, NULL AS address,
               NULL AS postal_code, NULL AS naf, NULL AS cj, NULL AS family, NULL AS flag,
               NULL AS ess_category, NULL AS band, NULL AS employer, NULL AS created_on,
               NULL AS head_office, NULL AS lambert_x, NULL AS lambert_y,
               CAST(SUM(c.n) AS BIGINT) AS n
        FROM counted c
        LEFT JOIN geo g ON g.raw = c.commune_raw
        GROUP BY ALL
        """
    )
    db.execute("DROP TABLE establishment_groups")


def _metres(text: str) -> str:
    return f"TRY_CAST(REPLACE({text}, ',', '.') AS DOUBLE)"


# The Lambert-93 position of an ESS establishment, when it is one: both values numeric, in
# metropolitan France (overseas, SIRENE uses other projections), within its bounds.
POSITIONS_SQL = f"""
    SELECT *, x IS NOT NULL AND y IS NOT NULL AND NOT starts_with(commune, '97')
              AND x BETWEEN {lambert.BOUNDS[0]} AND {lambert.BOUNDS[2]}
              AND y BETWEEN {lambert.BOUNDS[1]} AND {lambert.BOUNDS[3]} AS located
    FROM (SELECT *, {_metres("lambert_x")} AS x, {_metres("lambert_y")} AS y
          FROM establishments WHERE kind = 'ess' AND commune IS NOT NULL)
"""


def tally(db, counts: SireneCounts, unit_source: Source, establishment_source: Source):
    unit_rejects, unit_examples = rejects(db, "units")
    est_rejects, est_examples = rejects(db, "establishments")
    bad_units = db.execute("SELECT COUNT(*) FROM units WHERE siren IS NULL").fetchone()[0]
    (
        active,
        bad_establishments,
        unknown,
        abroad,
    ) = db.execute(
        """
        SELECT COALESCE(SUM(n) FILTER (WHERE well_formed), 0),
               COALESCE(SUM(n) FILTER (WHERE NOT well_formed), 0),
               COALESCE(SUM(n) FILTER (WHERE well_formed AND commune IS NULL
                                             AND commune_raw IS NOT NULL), 0),
               COALESCE(SUM(n) FILTER (WHERE well_formed AND commune_raw IS NULL), 0)
        FROM establishments
        """
    ).fetchone()
    counts.located, counts.invalid_coordinates = db.execute(
        f"""
        SELECT COALESCE(SUM(n) FILTER (WHERE located), 0),
               COALESCE(SUM(n) FILTER (WHERE NOT located AND (lambert_x IS NOT NULL AND x IS NULL
                                OR lambert_y IS NOT NULL AND y IS NULL
                                OR x IS NOT NULL AND y IS NOT NULL
                                   AND NOT starts_with(commune, '97'))), 0)
        FROM ({POSITIONS_SQL})
        """
    ).fetchone()
    counts.units_kept = db.execute("SELECT COUNT(*) FROM kept WHERE kind = 'ess'").fetchone()[0]
    counts.excluded_activity, counts.marked_not_ess = db.execute(
        "SELECT COUNT(*) FILTER (WHERE c.kind = 'excluded'), "
        "COUNT(*) FILTER (WHERE c.kind = 'marked_no') "
        f"FROM units u JOIN classes c ON {CLASS_JOIN} WHERE u.siren IS NOT NULL"
    ).fetchone()
    counts.establishments_active = active
    counts.malformed_units = unit_rejects + bad_units
    counts.malformed_establishments = est_rejects + bad_establishments
    counts.unknown_commune = unknown
    counts.abroad = abroad
    counts.rejected = counts.malformed_units + counts.malformed_establishments
    for label, n, examples in (
        (unit_source.label, unit_rejects, unit_examples),
        (establishment_source.label, est_rejects, est_examples),
    ):
        for example in examples:
            counts.rejections.append(f"{label}, {example}")
        if n > len(examples):
            counts.rejections.append(f"{label} : {n - len(examples)} autres lignes illisibles")
    if bad_units:
        counts.rejections.append(f"{unit_source.label} : {bad_units} lignes au SIREN invalide")
    if bad_establishments:
        counts.rejections.append(
            f"{establishment_source.label} : {bad_establishments} lignes au SIRET invalide "
            "(absent, pas 14 chiffres, ou ne commençant pas par le SIREN)"
        )
    if unknown:
        codes = [
            row[0]
            for row in db.execute(
                "SELECT commune_raw, SUM(n) AS n FROM establishments WHERE well_formed "
                "AND commune IS NULL AND commune_raw IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 8"
            ).fetchall()
        ]
        counts.notes.append(
            f"{unknown} établissements actifs situés dans une commune absente du référentiel "
            f"(collectivités d'outre-mer, communes fusionnées…), non comptés : {', '.join(codes)}"
        )
    if abroad:
        counts.notes.append(f"{abroad} établissements actifs à l'étranger, non comptés.")
    if counts.invalid_coordinates:
        counts.notes.append(
            f"{counts.invalid_coordinates} établissements de l'ESS aux coordonnées Lambert-93 "
            "illisibles ou hors de la métropole : placés au centre de leur commune sur la carte."
        )
    if counts.excluded_activity:
        counts.notes.append(
            f"{counts.excluded_activity} unités légales d'une catégorie juridique de l'ESS "
            "écartées pour leur activité (exclusions NAF, sans marqueur ESS)."
        )
    if counts.marked_not_ess:
        counts.notes.append(
            f"{counts.marked_not_ess} unités légales d'une catégorie juridique de l'ESS "
            "écartées parce que l'INSEE les marque hors de l'ESS "
            "(economieSocialeSolidaireUniteLegale = N)."
        )
