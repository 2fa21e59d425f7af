"""Import of the SIRENE stock files (`StockUniteLegale`, `StockEtablissement`) into the observatory.

The official files hold about 30 and 40 million rows (several GB each). They are read by
DuckDB, streaming, with a memory limit and a spill folder, in two scans (`scan`); the
indicators of every commune, EPCI, department, region and France are computed in DuckDB
(`figures`), then the Django database is replaced in ONE transaction (`write`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from leviers.core.importing import ImportFileError
from leviers.observatory.dataset import DATASET
from leviers.observatory.sirene.figures import compute_figures
from leviers.observatory.sirene.read import ESTABLISHMENT_COLUMNS, UNIT_COLUMNS, prepare
from leviers.observatory.sirene.scan import (
    ARRONDISSEMENTS,
    SireneCounts,
    connect,
    load_tables,
    scan_establishments,
    scan_units,
    tally,
)
from leviers.observatory.sirene.write import replace_all

__all__ = ["ARRONDISSEMENTS", "SireneCounts", "import_sirene"]


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
        unit_source = prepare(units, UNIT_COLUMNS, work, "StockUniteLegale")
        establishment_source = prepare(
            establishments, ESTABLISHMENT_COLUMNS, work, "StockEtablissement"
        )
        geography = list(
            Commune.objects.values_list("code", "epci_id", "department_id", "region_id")
        )
        db = connect(memory_limit, work / "spill")
        try:
            load_tables(db, geography)
            scan_units(db, unit_source, progress)
            say(f"unités légales lues ({time.monotonic() - started:.0f} s)")
            scan_establishments(db, establishment_source, progress)
            say(f"établissements lus ({time.monotonic() - started:.0f} s)")
            tally(db, counts, unit_source, establishment_source)
            compute_figures(db)
            say(f"indicateurs calculés ({time.monotonic() - started:.0f} s)")
            replace_all(
                db,
                counts,
                progress,
                work,
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


def _default_vintage(path: Path) -> str:
    day = dt.date.fromtimestamp(path.stat().st_mtime)
    return f"stock du {day:%d/%m/%Y}"
