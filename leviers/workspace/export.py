"""A project's CSV downloads (contributions, attendance...), streamed as they are written.

    return csv_download(f"presences-{project.public_id}.csv", COLUMNS, rows)

`rows` is any iterable of lists of strings (plain values read with `values_list`: an export of
thousands of rows builds no model instance). The text is UTF-8 with its BOM (Excel reads it
so), every cell written inert against CSV injection (a leading quote before what a spreadsheet
would run as a formula, as the observatory's directory export does, OWASP), and sent by
batches of BATCH rows: the first bytes leave before the last row is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse

from leviers.observatory.directory.export import inert_row

BATCH = 500


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
