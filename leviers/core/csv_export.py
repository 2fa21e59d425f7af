"""The CSV downloads (a project's contributions, attendance and rotas, the outreach statistics),
streamed as they are written.

    return csv_download(f"presences-{project.public_id}.csv", COLUMNS, rows)

`rows` is any iterable of lists of strings (plain values read with `values_list`: an export of
thousands of rows builds no model instance). The text is UTF-8 with its BOM (Excel reads it
so), every cell written inert against CSV injection (a leading quote before what a spreadsheet
would run as a formula, OWASP: `inert` and `inert_row`, which every CSV of the site uses), and
sent by batches of BATCH rows: the first bytes leave before the last row is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse

BATCH = 500
# A cell a spreadsheet would run as a formula starts with one of these (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """`value`, with a leading quote when a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # single characters: a cell's first is looked up


def inert_row(row: list[str]) -> list[str]:
    """Every cell of `row` as `inert` writes it, in one comprehension (no call per cell: the
    exports of thousands of rows spent a third of their time in those calls)."""
    return [f"'{cell}" if cell[:1] in _FORMULA_FIRST else cell for cell in row]


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        writer.writerows(map(inert_row, batch))
        if len(batch) < BATCH:
            break
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def csv_download(filename: str, header: list[str], rows: Iterable[list[str]]):
    response = StreamingHttpResponse(
        csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
