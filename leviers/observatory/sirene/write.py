"""The Django side of the SIRENE import: the ESS establishments and every territory's
indicators replace the previous ones in ONE transaction, so that a failure anywhere leaves
the previous data in place."""

from __future__ import annotations

import json

from django.db import connection, transaction

from leviers.core.importing import Progress, record_dataset
from leviers.observatory import lambert
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.sirene.figures import no_figures
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
           e.created_on, COALESCE(e.head_office, false),
           CASE WHEN e.located THEN {lambert.sql_longitude("e.x", "e.y")} END,
           CASE WHEN e.located THEN {lambert.sql_latitude("e.x", "e.y")} END
    FROM ({POSITIONS_SQL}) e LEFT JOIN naf n ON n.code = e.naf
"""


# The indicators of a territory, in the columns of CommuneEssStats and TerritoryEssStats.
STATS_FIELDS = (
    "establishments",
    "legal_units",
    "employer_establishments",
    "headcount_low",
    "headcount_high",
    "headcount_unknown",
    "by_family",
    "by_section",
    "private_establishments",
    "private_employer_establishments",
)


def _stats(figures, level: str, code: str) -> tuple:
    """The row of a territory's indicators (JSON written as text, as both databases read it)."""
    values = figures.get((level, code)) or no_figures()
    return tuple(
        json.dumps(values[f]) if isinstance(values[f], dict) else values[f] for f in STATS_FIELDS
    )


def replace_all(db, figures, counts: SireneCounts, progress: bool | None, **dataset) -> None:
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
        _insert(
            CommuneEssStats,
            ("commune_id", *STATS_FIELDS),
            [(code, *_stats(figures, level, code)) for level, code in every if level == "commune"],
        )
        _insert(
            TerritoryEssStats,
            ("level", "code", *STATS_FIELDS),
            [
                (level, code, *_stats(figures, level, code))
                for level, code in every
                if level != "commune"
            ],
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
        if "created_on" in fields:
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
