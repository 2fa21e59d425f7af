"""The establishments scan's row checks, on an in-memory DuckDB filled by hand (no Django
database): the quick test on the text as written gives the same answer as the trimmed one."""

import duckdb

from leviers.observatory.sirene.read import digits, trimmed_digits
from leviers.observatory.sirene.scan import WELL_FORMED

# (siren, siret) as a SIRENE file may write them.
ROWS = [
    ("123456789", "12345678900011"),  # well formed
    ("123456789", "98765432100011"),  # another unit's SIRET
    (" 123456789", "12345678900011 "),  # spaces around: well formed once trimmed
    ("123456789", " 1234567890001"),  # 13 digits
    ("12345678", "12345678000112"),  # SIREN of 8 digits
    ("12345678A", "12345678A00011"),  # a letter
    ("123456789", None),
    (None, "12345678900011"),  # no SIREN: neither true nor false, as before
    (None, None),
    ("", ""),
    ("123456789", "1234567890001X"),
]
# The check as the scan wrote it before (trimmed values only).
TRIMMED = f"{digits('siret', 14)} AND length(siren_text) = 9 AND starts_with(siret, siren_text)"


def test_the_quick_check_answers_as_the_trimmed_one():
    db = duckdb.connect()
    db.execute("CREATE TABLE rows (siren_as_written VARCHAR, siret_as_written VARCHAR)")
    db.executemany("INSERT INTO rows VALUES (?, ?)", ROWS)
    answers = db.execute(
        f"""
        SELECT siren_as_written, siret_as_written, {WELL_FORMED}, {TRIMMED}
        FROM (SELECT *, TRIM(siren_as_written) AS siren_text, TRIM(siret_as_written) AS siret
              FROM rows)
        """
    ).fetchall()
    assert [(siren, siret, quick) for siren, siret, quick, _ in answers] == [
        (siren, siret, trimmed) for siren, siret, _, trimmed in answers
    ]
    assert [quick for *_, quick, _ in answers] == [
        True, False, True, False, False, False, False, None, False, False, False
    ]  # fmt: skip


def test_trimmed_digits_answers_as_digits_of_the_trimmed_text():
    db = duckdb.connect()
    values = ["123456789", " 123456789 ", "12345678", "12345678A", "", None, "1234567890"]
    db.execute("CREATE TABLE rows (siren VARCHAR)")
    db.executemany("INSERT INTO rows VALUES (?)", [(v,) for v in values])
    answers = db.execute(
        f"SELECT {trimmed_digits('siren', 9)}, {digits('TRIM(siren)', 9)} FROM rows"
    ).fetchall()
    assert [quick for quick, _ in answers] == [trimmed for _, trimmed in answers]
    assert [quick for quick, _ in answers] == [True, True, False, False, False, False, False]
