"""The statistics CSV, streamed as it is written: UTF-8 with its BOM (Excel reads it so), every
cell inert against CSV injection with the observatory's `inert` (the rule workspace/export.py
applies too; workspace sits above this app, so its streaming helper is not reachable here)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from leviers.observatory.directory.export import inert


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([inert(cell) for cell in header])
    for row in rows:
        writer.writerow([inert(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
