"""Import of the SIRENE stock files (`StockUniteLegale`, `StockEtablissement`) into the observatory.

The official files hold about 30 and 40 million rows (several GB each). They are read by
DuckDB, streaming, with a memory limit and a spill folder, in two scans:

1. legal units: only the ESS candidates (flag `O` or an ESS legal category), the public-law
   units (for the private denominator) and the malformed rows are kept;
2. establishments: the active ones, joined to the kept legal units.

Which legal unit is in the perimeter, and in which family, is decided by the pure module
`perimeter` (for each distinct (category, flag, activity) found, a few thousand at most),
not by SQL written twice. The indicators of every commune, EPCI, department, region and
France are computed in DuckDB, then the Django database is replaced in ONE transaction:
a failure anywhere leaves the previous data in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import shutil
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from leviers.core.importing import Counts, ImportFileError, Progress, fetch, record_dataset
from leviers.observatory import headcount, lambert, naf
from leviers.observatory.duck import create_table, sql_path
from leviers.observatory.perimeter import perimeter

DATASET_KEY = "sirene_ess"
DATASET = {
    "label": "Base SIRENE des entreprises et de leurs établissements (fichiers stock)",
    "producer": "INSEE",
    "licence": "Licence Ouverte 2.0",
    "source_url": (
        "https://www.data.gouv.fr/fr/datasets/"
        "base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"
    ),
}

# Columns read, by their official names (today's format; any other column is ignored).
UNIT_COLUMNS = {
    "siren": True,
    "categorieJuridiqueUniteLegale": True,
    "economieSocialeSolidaireUniteLegale": True,
    "activitePrincipaleUniteLegale": True,
    "denominationUniteLegale": True,
    "sigleUniteLegale": False,
    "nomUniteLegale": False,
    "prenomUsuelUniteLegale": False,
}
ESTABLISHMENT_COLUMNS = {
    "siren": True,
    "siret": True,
    "etatAdministratifEtablissement": True,
    "codeCommuneEtablissement": True,
    "activitePrincipaleEtablissement": True,
    "trancheEffectifsEtablissement": True,
    "caractereEmployeurEtablissement": True,
    "dateCreationEtablissement": True,
    "etablissementSiege": True,
    "codePostalEtablissement": True,
    "numeroVoieEtablissement": True,
    "typeVoieEtablissement": True,
    "libelleVoieEtablissement": True,
    "indiceRepetitionEtablissement": False,
    "complementAdresseEtablissement": False,
    "codePaysEtrangerEtablissement": False,
    "enseigne1Etablissement": False,
    "denominationUsuelleEtablissement": False,
    # Lambert-93 metres in metropolitan France (other projections overseas: not read there).
    "coordonneeLambertAbscisseEtablissement": False,
    "coordonneeLambertOrdonneeEtablissement": False,
}
# SIRENE locates establishments of Paris, Lyon and Marseille in municipal arrondissements;
# the referential knows the communes.
ARRONDISSEMENTS = {
    **{f"751{n:02d}": "75056" for n in range(1, 21)},
    **{f"132{n:02d}": "13055" for n in range(1, 17)},
    **{f"6938{n}": "69123" for n in range(1, 10)},
}
NOT_DIFFUSIBLE = "[ND]"


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
    located: int = 0
    invalid_coordinates: int = 0

    def __str__(self) -> str:
        return (
            f"établissements de l'ESS={self.created} "
            f"unités légales retenues={self.units_kept} "
            f"établissements actifs lus={self.establishments_active} "
            f"lignes malformées={self.rejected}"
        )


@dataclass
class _Source:
    label: str  # what the user gave, for errors
    path: Path  # a plain or gzipped CSV DuckDB can read
    header: list[str]


def _open_text(path: Path):
    with path.open("rb") as raw:
        head = raw.read(4)
    if head[:2] == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def _prepare(source: str | Path, required: dict[str, bool], work: Path, kind: str) -> _Source:
    """A readable CSV for `source`: fetched, stream-extracted from its zip, header checked."""
    label = str(source)
    path = fetch(source)
    with path.open("rb") as raw:
        magic = raw.read(4)
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if len(members) != 1:
                    raise ImportFileError(
                        label, f"l'archive zip doit contenir un seul fichier CSV ({len(members)})"
                    )
                target = work / f"{kind}.csv"
                with archive.open(members[0]) as member, target.open("wb") as out:
                    shutil.copyfileobj(member, out, 4 << 20)
                label = f"{label}!{members[0]}"
                path = target
        except zipfile.BadZipFile:
            raise ImportFileError(label, "archive zip illisible ou tronquée") from None
    try:
        with _open_text(path) as text:
            first = text.readline()
    except (UnicodeDecodeError, OSError, EOFError) as error:
        raise ImportFileError(label, f"en-tête illisible ({error})", line=1) from None
    if not first.strip():
        raise ImportFileError(label, "le fichier est vide", line=1)
    header = [name.strip().strip('"') for name in first.rstrip("\r\n").split(",")]
    missing = [name for name, needed in required.items() if needed and name not in header]
    if missing:
        names = ", ".join(f"« {name} »" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise ImportFileError(
            label,
            f"colonne{plural} {names} absente{plural}"
            f" : ce n'est pas un fichier {kind} de la base SIRENE au format actuel",
            line=1,
        )
    return _Source(label, path, header)


def _reader(source: _Source, name: str) -> str:
    """A DuckDB `read_csv` over `source`, every column as text, malformed rows set aside."""
    columns = "{" + ", ".join(f"'{c.replace(chr(39), '')}': 'VARCHAR'" for c in source.header) + "}"
    return (
        f"read_csv('{sql_path(source.path)}', header = true, delim = ',', quote = '\"', "
        f"escape = '\"', auto_detect = false, columns = {columns}, "
        f"store_rejects = true, rejects_table = 'rejects_{name}', "
        f"rejects_scan = 'scans_{name}', max_line_size = 1048576)"
    )


def _column(source: _Source, name: str) -> str:
    return f'"{name}"' if name in source.header else "NULL"


def _clean(expression: str) -> str:
    return f"NULLIF(NULLIF(TRIM({expression}), ''), '{NOT_DIFFUSIBLE}')"


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


def _load_tables(db, geography: list[tuple[str, str | None, str, str]]) -> None:
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


def _scan_units(db, source: _Source, progress: bool | None) -> None:
    rules = perimeter()
    ess_categories = ", ".join(f"'{c}'" for c in rules.categories if c.isdigit())
    public = " OR ".join(f"starts_with(cj, '{p}')" for p in rules.public_prefixes if p.isdigit())
    name = (
        f"COALESCE({_clean(_column(source, 'denominationUniteLegale'))}, "
        f"{_clean(_column(source, 'sigleUniteLegale'))}, "
        f"NULLIF(TRIM(CONCAT_WS(' ', {_clean(_column(source, 'prenomUsuelUniteLegale'))}, "
        f"{_clean(_column(source, 'nomUniteLegale'))})), ''))"
    )
    with _QueryProgress(db, "Unités légales", progress):
        db.execute(
            f"""
            CREATE TABLE units AS
            WITH raw AS (
                SELECT TRIM(siren) AS siren_text,
                       TRIM(categorieJuridiqueUniteLegale) AS cj,
                       TRIM(economieSocialeSolidaireUniteLegale) = 'O' AS flag,
                       TRIM(activitePrincipaleUniteLegale) AS naf,
                       {name} AS name
                FROM {_reader(source, "units")}
            )
            SELECT CASE WHEN regexp_full_match(siren_text, '[0-9]{{9}}')
                        THEN CAST(siren_text AS INTEGER) END AS siren,
                   cj, COALESCE(flag, false) AS flag, naf, LEFT(name, 300) AS name
            FROM raw
            WHERE flag OR cj IN ({ess_categories}) OR ({public})
               OR NOT regexp_full_match(COALESCE(siren_text, ''), '[0-9]{{9}}')
            """
        )
    # The perimeter decides, once per distinct (category, flag, activity).
    combinations = db.execute(
        "SELECT DISTINCT cj, flag, naf FROM units WHERE siren IS NOT NULL"
    ).fetchall()
    classes = []
    for cj, flag, activity in combinations:
        cj_text = cj or ""
        if not rules.is_private(cj_text) and not flag:
            classes.append((cj, flag, activity, "public", None, False))
        elif rules.is_in(cj_text, flag, activity or ""):
            classes.append(
                (
                    cj,
                    flag,
                    activity,
                    "ess",
                    rules.family_of(cj_text, flag),
                    rules.is_ess_category(cj_text),
                )
            )
        elif rules.is_ess_category(cj_text):
            classes.append((cj, flag, activity, "excluded", None, True))
        else:
            classes.append((cj, flag, activity, "other", None, False))
    text = "VARCHAR"
    create_table(
        db,
        "classes",
        {
            "cj": text,
            "flag": "BOOLEAN",
            "naf": text,
            "kind": text,
            "family": text,
            "ess_category": "BOOLEAN",
        },
        classes,
    )
    db.execute(
        """
        CREATE TABLE kept AS
        SELECT u.siren, u.cj, u.flag, u.name, c.kind, c.family, c.ess_category
        FROM units u JOIN classes c
          ON u.cj IS NOT DISTINCT FROM c.cj AND u.flag = c.flag
         AND u.naf IS NOT DISTINCT FROM c.naf
        WHERE u.siren IS NOT NULL AND c.kind IN ('ess', 'public')
        """
    )


def _scan_establishments(db, source: _Source, progress: bool | None) -> None:
    c = lambda name: _column(source, name)  # noqa: E731
    raw_columns = {
        "country": "codePaysEtrangerEtablissement",
        "naf": "activitePrincipaleEtablissement",
        "band": "trancheEffectifsEtablissement",
        "employer": "caractereEmployeurEtablissement",
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
    selected = ", ".join(f"{c(name)} AS {alias}" for alias, name in raw_columns.items())
    address = (
        "NULLIF(TRIM(CONCAT_WS(' ', "
        + ", ".join(_clean(f"r.{a}") for a in ("number", "repeat", "street_type", "street"))
        + ")), '')"
    )
    ess = "WHEN k.kind = 'ess' THEN"
    # The details are computed inside CASE, so only for the few ESS rows (DuckDB evaluates
    # a CASE branch on the rows that take it).
    with _QueryProgress(db, "Établissements", progress):
        db.execute(
            f"""
            CREATE TABLE establishments AS
            WITH raw AS (
                SELECT TRIM(siren) AS siren_text, TRIM(siret) AS siret,
                       etatAdministratifEtablissement AS state,
                       TRIM(codeCommuneEtablissement) AS commune_raw, {selected}
                FROM {_reader(source, "establishments")}
            ), checked AS (
                SELECT *, regexp_full_match(COALESCE(siret, ''), '[0-9]{{14}}')
                          AND LEFT(siret, 9) = siren_text AS well_formed
                FROM raw
            ), kept_rows AS (
                SELECT *,
                       CASE WHEN well_formed THEN TRY_CAST(siren_text AS INTEGER) END AS siren_key
                FROM checked
                WHERE (TRIM(state) = 'A' AND well_formed) OR NOT well_formed
            )
            SELECT r.well_formed, r.commune_raw, g.commune, {_clean("r.country")} AS country,
                   k.kind,
                   CASE {ess} r.siret END AS siret,
                   CASE {ess} r.siren_text END AS siren,
                   CASE {ess} k.name END AS name,
                   CASE {ess} COALESCE({_clean("r.sign")}, {_clean("r.usual_name")})
                   END AS trade_name,
                   CASE {ess} CONCAT_WS(', ', {address}, {_clean("r.complement")}) END AS address,
                   CASE {ess} {_clean("r.postal")} END AS postal_code,
                   CASE {ess} TRIM(r.naf) END AS naf,
                   CASE {ess} k.cj END AS cj,
                   CASE {ess} k.family END AS family,
                   CASE {ess} k.flag END AS flag,
                   CASE {ess} k.ess_category END AS ess_category,
                   CASE {ess} {_clean("r.band")} END AS band,
                   CASE {ess} TRIM(r.employer) END AS employer,
                   CASE {ess} TRY_CAST(TRIM(r.created) AS DATE) END AS created_on,
                   CASE {ess} TRIM(r.head) = 'true' END AS head_office,
                   CASE {ess} {_clean("r.lambert_x")} END AS lambert_x,
                   CASE {ess} {_clean("r.lambert_y")} END AS lambert_y
            FROM kept_rows r
            LEFT JOIN kept k ON k.siren = r.siren_key
            LEFT JOIN geo g ON g.raw = r.commune_raw
            """
        )


def _rejects(db, name: str) -> tuple[int, list[str]]:
    try:
        count = db.execute(f"SELECT COUNT(DISTINCT line) FROM rejects_{name}").fetchone()[0]
        examples = db.execute(
            f"SELECT line, error_type, error_message FROM rejects_{name} ORDER BY line LIMIT 5"
        ).fetchall()
    except Exception:  # noqa: BLE001 - no rejects table when nothing was rejected
        return 0, []
    return count, [f"ligne {line} : {kind} ({message[:160]})" for line, kind, message in examples]


FIGURES_SQL = """
    WITH ess AS (
        SELECT e.*, g.epci, g.dep, g.reg, b.low, b.high
        FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        LEFT JOIN bands b ON b.code = e.band
        WHERE e.kind = 'ess'
    )
    SELECT {level} AS level, {code} AS code,
           COUNT(*) AS establishments, COUNT(DISTINCT siren) AS legal_units,
           COUNT(*) FILTER (WHERE employer = 'O') AS employers,
           COALESCE(SUM(low), 0) AS low, COALESCE(SUM(high), 0) AS high,
           COUNT(*) FILTER (WHERE low IS NULL) AS unknown
    FROM ess GROUP BY GROUPING SETS ((commune), (epci), (dep), (reg), ())
"""
BREAKDOWN_SQL = """
    WITH ess AS (
        SELECT e.family, COALESCE(n.section, '') AS section, g.*
        FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        LEFT JOIN naf n ON n.code = e.naf
        WHERE e.kind = 'ess'
    )
    SELECT {level} AS level, {code} AS code, {what} AS key, COUNT(*)
    FROM ess GROUP BY GROUPING SETS ((commune, {what}), (epci, {what}), (dep, {what}),
                                      (reg, {what}), ({what}))
"""
PRIVATE_SQL = """
    WITH private AS (
        SELECT g.* FROM establishments e JOIN geo g ON g.raw = e.commune_raw
        WHERE e.well_formed AND e.kind IS DISTINCT FROM 'public'
    )
    SELECT {level} AS level, {code} AS code, COUNT(*)
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


def _no_figures() -> dict:
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
    }


def _figures(db) -> dict[tuple[str, str], dict]:
    """Indicators of every territory, keyed by (level, code)."""
    figures: dict[tuple[str, str], dict] = defaultdict(_no_figures)
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
    for level, code, n in db.execute(PRIVATE_SQL.format(level=LEVEL, code=CODE)).fetchall():
        if code is not None:
            figures[level, code]["private_establishments"] = n
    return figures


ESTABLISHMENT_FIELDS = (
    "siret",
    "siren",
    "name",
    "trade_name",
    "address",
    "postal_code",
    "commune_id",
    "naf_code",
    "naf_label",
    "naf_section",
    "legal_category",
    "family",
    "ess_flag",
    "ess_legal_category",
    "headcount_band",
    "employer",
    "created_on",
    "head_office",
    "longitude",
    "latitude",
)


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
ESTABLISHMENTS_SQL = f"""
    SELECT e.siret, e.siren, COALESCE(e.name, 'Dénomination non diffusible'),
           COALESCE(LEFT(e.trade_name, 300), ''), COALESCE(LEFT(e.address, 300), ''),
           COALESCE(LEFT(e.postal_code, 5), ''), e.commune, COALESCE(LEFT(e.naf, 6), ''),
           COALESCE(LEFT(n.label, 200), ''), COALESCE(n.section, ''), COALESCE(e.cj, ''),
           e.family, e.flag, e.ess_category, COALESCE(LEFT(e.band, 2), ''),
           CASE e.employer WHEN 'O' THEN true WHEN 'N' THEN false END,
           e.created_on, COALESCE(e.head_office, false),
           CASE WHEN e.located THEN {lambert.sql_longitude("e.x", "e.y")} END,
           CASE WHEN e.located THEN {lambert.sql_latitude("e.x", "e.y")} END
    FROM ({POSITIONS_SQL}) e LEFT JOIN naf n ON n.code = e.naf
"""


def _write(db, figures, counts: SireneCounts, progress: bool | None, **dataset) -> None:
    from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
    from leviers.territories.models import Commune, Department, Epci, Region

    total = db.execute(f"SELECT COUNT(*) FROM ({ESTABLISHMENTS_SQL})").fetchone()[0]
    bar = Progress("Écriture", total, enabled=progress)
    every = [("commune", c) for c in Commune.objects.values_list("code", flat=True)]
    every += [("epci", c) for c in Epci.objects.values_list("siren", flat=True)]
    every += [("department", c) for c in Department.objects.values_list("code", flat=True)]
    every += [("region", c) for c in Region.objects.values_list("code", flat=True)]
    every += [("france", "FR")]
    with transaction.atomic():
        EssEstablishment.objects.all().delete()
        CommuneEssStats.objects.all().delete()
        TerritoryEssStats.objects.all().delete()
        result = db.execute(ESTABLISHMENTS_SQL)
        done = 0
        while batch := result.fetchmany(20_000):
            _insert(EssEstablishment, ESTABLISHMENT_FIELDS, batch)
            done += len(batch)
            bar.update(done)
        bar.update(total)
        CommuneEssStats.objects.bulk_create(
            (
                CommuneEssStats(commune_id=code, **(figures.get((level, code)) or _no_figures()))
                for level, code in every
                if level == "commune"
            ),
            batch_size=2000,
        )
        TerritoryEssStats.objects.bulk_create(
            (
                TerritoryEssStats(
                    level=level, code=code, **(figures.get((level, code)) or _no_figures())
                )
                for level, code in every
                if level != "commune"
            ),
            batch_size=2000,
        )
        counts.created = done
        record_dataset(DATASET_KEY, counts=counts, **dataset)


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Bulk insert of plain rows: COPY on PostgreSQL, executemany elsewhere."""
    table = model._meta.db_table
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        date_at = fields.index("created_on")
        rows = [
            (
                *row[:date_at],
                row[date_at].isoformat() if row[date_at] else None,
                *row[date_at + 1 :],
            )
            for row in rows
        ]
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})", rows
        )


def import_sirene(
    units: str | Path,
    establishments: str | Path,
    *,
    vintage: str | None = None,
    progress: bool | None = None,
    memory_limit: str = "2GB",
    work_dir: str | Path | None = None,
    log: Callable[[str], None] | None = None,
) -> SireneCounts:
    """Import the ESS establishments and indicators from the two SIRENE stock files."""
    import duckdb

    from leviers.territories.models import Commune

    say = log or (lambda text: None)
    counts = SireneCounts()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="leviers-sirene-", dir=work_dir) as folder:
        work = Path(folder)
        unit_source = _prepare(units, UNIT_COLUMNS, work, "StockUniteLegale")
        establishment_source = _prepare(
            establishments, ESTABLISHMENT_COLUMNS, work, "StockEtablissement"
        )
        geography = list(
            Commune.objects.values_list("code", "epci_id", "department_id", "region_id")
        )
        db = duckdb.connect(str(work / "sirene.duckdb"))
        try:
            db.execute("SET threads = 2")
            db.execute(f"SET memory_limit = '{memory_limit}'")
            db.execute(f"SET temp_directory = '{sql_path(work / 'spill')}'")
            db.execute("SET preserve_insertion_order = false")
            _load_tables(db, geography)
            _scan_units(db, unit_source, progress)
            say(f"unités légales lues ({time.monotonic() - started:.0f} s)")
            _scan_establishments(db, establishment_source, progress)
            say(f"établissements lus ({time.monotonic() - started:.0f} s)")
            _tally(db, counts, unit_source, establishment_source)
            figures = _figures(db)
            say(f"indicateurs calculés ({time.monotonic() - started:.0f} s)")
            _write(
                db,
                figures,
                counts,
                progress,
                imported_from=f"{unit_source.label} ; {establishment_source.label}",
                vintage=vintage or _default_vintage(establishment_source.path),
                **DATASET,
            )
            say(f"base écrite ({time.monotonic() - started:.0f} s)")
        except duckdb.Error as error:
            raise ImportFileError(
                f"{unit_source.label} ; {establishment_source.label}",
                f"lecture impossible ({str(error).splitlines()[0][:300]})",
            ) from None
        finally:
            db.close()
    return counts


def _tally(db, counts: SireneCounts, unit_source: _Source, establishment_source: _Source):
    unit_rejects, unit_examples = _rejects(db, "units")
    est_rejects, est_examples = _rejects(db, "establishments")
    bad_units = db.execute("SELECT COUNT(*) FROM units WHERE siren IS NULL").fetchone()[0]
    (
        active,
        bad_establishments,
        unknown,
        abroad,
    ) = db.execute(
        """
        SELECT COUNT(*) FILTER (WHERE well_formed),
               COUNT(*) FILTER (WHERE NOT well_formed),
               COUNT(*) FILTER (WHERE well_formed AND commune IS NULL AND commune_raw IS NOT NULL),
               COUNT(*) FILTER (WHERE well_formed AND commune_raw IS NULL)
        FROM establishments
        """
    ).fetchone()
    counts.located, counts.invalid_coordinates = db.execute(
        f"""
        SELECT COUNT(*) FILTER (WHERE located),
               COUNT(*) FILTER (WHERE NOT located AND (lambert_x IS NOT NULL AND x IS NULL
                                OR lambert_y IS NOT NULL AND y IS NULL
                                OR x IS NOT NULL AND y IS NOT NULL
                                   AND NOT starts_with(commune, '97')))
        FROM ({POSITIONS_SQL})
        """
    ).fetchone()
    counts.units_kept = db.execute("SELECT COUNT(*) FROM kept WHERE kind = 'ess'").fetchone()[0]
    counts.excluded_activity = db.execute(
        "SELECT COUNT(*) FROM units u JOIN classes c ON u.cj IS NOT DISTINCT FROM c.cj "
        "AND u.flag = c.flag AND u.naf IS NOT DISTINCT FROM c.naf WHERE c.kind = 'excluded'"
    ).fetchone()[0]
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
                "SELECT commune_raw, COUNT(*) n FROM establishments WHERE well_formed "
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


def _default_vintage(path: Path) -> str:
    day = dt.date.fromtimestamp(path.stat().st_mtime)
    return f"stock du {day:%d/%m/%Y}"
