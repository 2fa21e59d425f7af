"""The import toolkit every app shares: reading files safely, one table reader (CSV or XLSX),
French errors naming file, line and column, upserts, counts, vintages, and the command base.

An importer reads and validates its whole file first (raising `ImportFileError`
with file, line and column), then writes everything in one transaction with
`upsert`, and records the run in `Dataset`. Its management command is a thin
`ImportCommand` (in `leviers.core.importing.command`).
"""

from leviers.core.importing.files import (
    ImportFileError,
    checksum,
    decode,
    decode_text,
    fetch,
    load_yaml,
    read_bytes,
)
from leviers.core.importing.tables import Column, Table, check_length, read_table
from leviers.core.importing.vintage import MONTHS, list_vintage, vintage_from_name
from leviers.core.importing.writing import (
    SHIPPED_WITH_LEVIERS,
    Counts,
    Progress,
    Report,
    record_dataset,
    upsert,
)

__all__ = [
    "MONTHS",
    "SHIPPED_WITH_LEVIERS",
    "Column",
    "Counts",
    "ImportFileError",
    "Progress",
    "Report",
    "Table",
    "check_length",
    "checksum",
    "decode",
    "decode_text",
    "fetch",
    "list_vintage",
    "load_yaml",
    "read_bytes",
    "read_table",
    "record_dataset",
    "upsert",
    "vintage_from_name",
]
