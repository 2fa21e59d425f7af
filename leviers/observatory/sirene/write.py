"""The Django side of the SIRENE import: the ESS establishments and every territory's
indicators replace the previous ones in ONE transaction, so that a failure anywhere leaves
the previous data in place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from django.db import connection, transaction

from leviers.core.importing import Progress, record_dataset
from leviers.observatory import lambert
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.duck import sql_path
from leviers.observatory.sirene.figures import FIGURE_COLUMNS, figure_rows, no_figures
from leviers.observatory.sirene.scan import POSITIONS_SQL, SireneCounts

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


ESTABLISHMENTS_SQL = f"""
    SELECT e.siret, e.siren, COALESCE(e.name, 'Dénomination non diffusible'),
           COALESCE(LEFT(e.trade_name, 300), ''), COALESCE(LEFT(e.address, 300), ''),
           COALESCE(LEFT(e.postal_code, 5), ''), e.commune, COALESCE(LEFT(e.naf, 6), ''),
           COALESCE(LEFT(n.label, 200), ''), COALESCE(n.section, ''), COALESCE(e.cj, ''),
           e.family, e.flag, e.ess_category, COALESCE(LEFT(e.band, 2), ''),
           CASE e.employer WHEN 'O' THEN true WHEN 'N' THEN false END,
           {{created_on}}, COALESCE(e.head_office, false),
           CASE WHEN e.located THEN {lambert.sql_longitude("e.x", "e.y")} END,
           CASE WHEN e.located THEN {lambert.sql_latitude("e.x", "e.y")} END
    FROM ({POSITIONS_SQL}) e LEFT JOIN naf n ON n.code = e.naf
    ORDER BY e.siret
"""
# SQLite: rows per INSERT statement (1,280 parameters, under SQLite's 32,766) and per fetch.
ROWS_PER_INSERT = 64
BATCH = ROWS_PER_INSERT * 782


def replace_all(db, counts: SireneCounts, progress: bool | None, work: Path, **dataset) -> None:
    """Replace the ESS establishments and every territory's indicators (`figures` of `db`)."""
    from leviers.observatory.models import CommuneEssStats, EssEstablishment, TerritoryEssStats
    from leviers.territories.models import Commune, Department, Epci, Region

    figures = figure_rows(db)
    none = tuple(json.dumps(v) if isinstance(v, dict) else v for v in no_figures().values())
    every = [("commune", c) for c in Commune.objects.values_list("code", flat=True)]
    every += [("epci", c) for c in Epci.objects.values_list("siren", flat=True)]
    every += [("department", c) for c in Department.objects.values_list("code", flat=True)]
    every += [("region", c) for c in Region.objects.values_list("code", flat=True)]
    every += [("france", "FR")]
    with transaction.atomic():
        with _indexes_built_after(EssEstablishment):
            EssEstablishment.objects.all().delete()
            counts.created = _write_establishments(db, progress, work)
        CommuneEssStats.objects.all().delete()
        TerritoryEssStats.objects.all().delete()
        _insert(
            CommuneEssStats,
            ("commune_id", *FIGURE_COLUMNS),
            [
                (code, *figures.get((level, code), none))
                for level, code in every
                if level == "commune"
            ],
        )
        _insert(
            TerritoryEssStats,
            ("level", "code", *FIGURE_COLUMNS),
            [
                (level, code, *figures.get((level, code), none))
                for level, code in every
                if level != "commune"
            ],
        )
        record_dataset(DATASET_KEY, counts=counts, **dataset)


def _write_establishments(db, progress: bool | None, work: Path) -> int:
    """Stream the ESS establishments from DuckDB into the Django table; their number.

    PostgreSQL: DuckDB writes them as CSV, sent as they are to COPY (no Python object per
    value). SQLite: executemany in large batches, dates already written as text by DuckDB,
    rows in SIRET order (the unique index then grows at its end; the others are built after,
    see `_indexes_built_after`). Each INSERT writes ROWS_PER_INSERT rows: SQLite runs a
    statement's fixed work once for them all (the table's AUTOINCREMENT counter is read and
    written back once per statement), a third less time than one statement per row."""
    from leviers.observatory.models import EssEstablishment

    # The rows ESTABLISHMENTS_SQL gives, counted without sorting them or computing their
    # positions (a join to `naf`, one row each, adds none).
    total = db.execute(f"SELECT COUNT(*) FROM ({POSITIONS_SQL})").fetchone()[0]
    bar = Progress("Écriture", total, enabled=progress)
    table, quoted = _columns(EssEstablishment, ESTABLISHMENT_FIELDS)
    if connection.vendor == "postgresql":
        path = work / "establishments.csv"
        query = ESTABLISHMENTS_SQL.format(created_on="e.created_on")
        db.execute(f"COPY ({query}) TO '{sql_path(path)}' (FORMAT csv, HEADER false)")
        with connection.cursor() as cursor, path.open("rb") as source:
            sql = f"COPY {table} ({quoted}) FROM STDIN (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                while block := source.read(1 << 20):
                    copy.write(block)
        path.unlink()
    else:
        width = len(ESTABLISHMENT_FIELDS)
        row = "(" + ", ".join(["%s"] * width) + ")"
        insert = f"INSERT INTO {table} ({quoted}) VALUES "
        many, step = insert + ", ".join([row] * ROWS_PER_INSERT), ROWS_PER_INSERT * width
        result = db.execute(ESTABLISHMENTS_SQL.format(created_on="CAST(e.created_on AS VARCHAR)"))
        done = 0
        with connection.cursor() as cursor:
            while batch := result.fetchmany(BATCH):
                # The batch's values in one list, cut into the parameters of each statement
                # (slices of a list, no tuple built per row); the rows keep their order.
                values = list(chain.from_iterable(batch))
                whole = len(batch) // ROWS_PER_INSERT * step
                cursor.executemany(many, (values[i : i + step] for i in range(0, whole, step)))
                if whole < len(values):
                    rest = (values[i : i + width] for i in range(whole, len(values), width))
                    cursor.executemany(insert + row, rest)
                done += len(batch)
                bar.update(done)
    bar.update(total)
    return total


@contextmanager
def _indexes_built_after(model) -> Iterator[None]:
    """SQLite: the secondary indexes of `model`'s table dropped, then re-created from their own
    SQL once its rows are replaced. Built once from sorted keys, they cost a fraction of two
    B-trees grown row by row in random order (SIREN; commune and name), and the rows deleted
    before leave no index entries to remove. The SIRET's unique index, part of the table, stays.
    Call it inside the transaction: a failure rolls the drop back with the rest, and readers
    (WAL) keep the previous rows and indexes until the commit.

    PostgreSQL keeps its indexes: dropping one would lock the table against readers until the
    commit (and its deferred foreign key forbids re-creating one before the commit); the table
    has no index its pages do not read (models.EssEstablishment)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [model._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)


def _columns(model, fields: tuple[str, ...]) -> tuple[str, str]:
    """The quoted table name and column list of `fields` of `model`."""
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), ", ".join(quote(c) for c in columns)


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Bulk insert of plain rows: COPY on PostgreSQL, executemany elsewhere."""
    table, quoted = _columns(model, fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
