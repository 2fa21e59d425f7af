"""Small DuckDB helpers shared by the SIRENE importer and the synthetic generator."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from pathlib import Path


def sql_path(path: Path | str) -> str:
    return str(path).replace("'", "''")


def create_table(db, name: str, columns: dict[str, str], rows: Iterable[tuple]) -> None:
    """Create table `name` holding `rows` (through a CSV file: executemany is slow in DuckDB)."""
    with tempfile.TemporaryDirectory(prefix="leviers-duck-") as folder:
        path = Path(folder) / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
        types = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
        db.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{sql_path(path)}', header = true, "
            f"auto_detect = false, columns = {{{types}}}, quote = '\"', escape = '\"')"
        )
