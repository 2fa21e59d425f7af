"""The streamed CSV writer of the project's downloads: every cell inert, sent by batches."""

import csv
import io

import pytest

from leviers.core.csv_export import BATCH, csv_chunks, inert

CELLS = ["", "=1+1", "+33 6 00", "-2", "@SUM(A1)", "\tx", "\rx", "a,b", 'un "mot"', "é\nx", "Rue 4"]


@pytest.mark.parametrize("count", [0, 1, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH + 3])
def test_chunks_are_the_rows_written_inert_cell_by_cell(count):
    rows = [[CELLS[(i + j) % len(CELLS)] for j in range(4)] for i in range(count)]
    chunks = list(csv_chunks(["a", "b", "c", "d"], rows))
    expected = io.StringIO()
    expected.write("\ufeff")
    writer = csv.writer(expected)
    writer.writerow(["a", "b", "c", "d"])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    assert "".join(chunks) == expected.getvalue()
    assert len(chunks) == count // BATCH + 1  # the first bytes leave before the last row
