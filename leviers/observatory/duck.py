"""Small DuckDB helpers shared by the SIRENE importer and the synthetic generator."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path


def sql_path(path: Path | str) -> str:
    return str(path).replace("'", "''")


def create_table(db, name: str, columns: dict[str, str], rows: Iterable[tuple]) -> None:
    """Create table `name` holding `rows`, None as NULL and an empty text as an empty text
    (through a CSV file: executemany is slow in DuckDB). csv.writer writes both as an empty
    field, read back as NULL: every value is quoted here but None, and a quoted empty field
    read as an empty text."""
    with tempfile.TemporaryDirectory(prefix="leviers-duck-") as folder:
        path = Path(folder) / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(_csv_field(column) for column in columns) + "\n")
            handle.writelines(",".join(_csv_field(value) for value in row) + "\n" for row in rows)
        types = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
        db.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{sql_path(path)}', header = true, "
            f"auto_detect = false, columns = {{{types}}}, quote = '\"', escape = '\"', "
            "allow_quoted_nulls = false)"
        )


def _csv_field(value) -> str:
    """A CSV field: nothing for None, any other value quoted."""
    return "" if value is None else '"' + str(value).replace('"', '""') + '"'
