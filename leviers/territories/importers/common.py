"""What the importers of commune lists share: tables read from CSV or XLSX, commune codes,
vintages read from file names, and a report that also counts deletions.

Errors name the file, the line and, whenever it can be told, the column.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from leviers.core.importing import (
    Column,
    Counts,
    CsvTable,
    ImportFileError,
    decode,
    fetch,
    read_bytes,
)

COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")

# The municipal arrondissements of Paris, Lyon and Marseille have INSEE codes of their own
# (75101-75120, 69381-69389, 13201-13216) but are not communes of the referential.
ARRONDISSEMENTS = {
    **{f"751{n:02d}": "75056" for n in range(1, 21)},
    **{f"6938{n}": "69123" for n in range(1, 10)},
    **{f"132{n:02d}": "13055" for n in range(1, 17)},
}

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@dataclass
class Report(Counts):
    """Counts, plus the rows deleted because absent from the new file and notes for the user.

    `deleted` stays None for an import that never deletes, and is then not shown.
    """

    deleted: int | None = None
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = super().__str__()
        return text if self.deleted is None else f"{text} supprimés={self.deleted}"


# --- Tables --------------------------------------------------------------------------------


def _expected(columns: list[Column]) -> str:
    return ", ".join(f"« {c.names[0]} »" for c in columns)


class Table(CsvTable):
    """A `CsvTable` whose errors also name the column, from CSV text or from an XLSX sheet.

    `first_line` is the line of the header in the original file (an XLSX sheet has title
    rows above it), so that every line number is the one the user sees.
    """

    def __init__(self, name: str, text: str, columns: list[Column], *, first_line: int = 1):
        self.offset = first_line - 1
        self._text = text
        if not text.strip():
            raise ImportFileError(
                name,
                f"le fichier est vide, la ligne d'en-tête manque (colonnes attendues : "
                f"{_expected(columns)})",
                line=first_line,
            )
        try:
            super().__init__(name, text, columns)
        except ImportFileError as error:
            raise ImportFileError(
                name, error.message, line=(error.line or 1) + self.offset, column=error.column
            ) from None

    def column(self, key: str) -> str:
        """The name a column has in this file."""
        return self.header[self.index[key]] if key in self.index else key

    def error(self, line: int, key: str, message: str) -> ImportFileError:
        """An error on a value: `line` as yielded by the table, `key` a column key."""
        return ImportFileError(self.name, message, line=line, column=self.column(key))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        reader, width = self._reader, len(self.header)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise self._unreadable(start, error) from None
            if not row or row == [""]:
                continue
            line = start + self.offset
            if len(row) < width:
                raise ImportFileError(
                    self.name,
                    f"{len(row)} valeurs au lieu de {width} : la ligne s'arrête avant cette "
                    "colonne (fichier tronqué ou mal séparé ?)",
                    line=line,
                    column=self.header[len(row)],
                )
            if len(row) > width:
                raise ImportFileError(
                    self.name,
                    f"{len(row)} valeurs au lieu de {width} : une valeur contient-elle le "
                    "séparateur sans être entre guillemets ?",
                    line=line,
                )
            yield line, {key: row[i].strip() for key, i in self.index.items()}

    def _unreadable(self, start: int, error: csv.Error) -> ImportFileError:
        message = f"ligne illisible ({error})"
        column = ""
        if "end of data" in str(error):
            # Re-read the record leniently: its last field is the one whose quote never closes.
            lines = io.StringIO(self._text, newline="").readlines()[start - 1 :]
            delimiter = self._reader.dialect.delimiter
            fields = next(csv.reader(lines, delimiter=delimiter, strict=False), [""])
            if 0 < len(fields) <= len(self.header):
                column = self.header[len(fields) - 1]
            message = "guillemet ouvert jamais refermé : le fichier est-il tronqué ?"
        return ImportFileError(self.name, message, line=start + self.offset, column=column)


def _delimiter(first_line: str) -> str:
    return max([",", ";", "\t"], key=first_line.count)  # as CsvTable guesses it


def decode_text(name: str, data: bytes, encoding: str) -> str:
    """`decode`, whose error also names the column holding the first undecodable byte."""
    try:
        return decode(name, data, encoding)
    except ImportFileError as error:
        column = ""
        codec = "utf-8" if encoding.lower() in {"utf-8", "utf8"} else encoding
        lines = data.split(b"\n")
        if error.line and error.line > 1:
            header = lines[0].decode(codec, errors="replace").lstrip("\ufeff").rstrip("\r")
            delimiter = _delimiter(header)
            bad = lines[error.line - 1]
            try:
                bad.decode(codec)
            except UnicodeDecodeError as undecodable:
                prefix = bad[: undecodable.start].decode(codec, errors="replace")
                fields = next(csv.reader([prefix], delimiter=delimiter, strict=False), [""])
                names = next(csv.reader([header], delimiter=delimiter), [])
                if len(fields) <= len(names):
                    column = names[max(len(fields), 1) - 1].strip()
        raise ImportFileError(name, error.message, line=error.line, column=column) from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    # One sheet row must stay one CSV line, so that line numbers match.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _is_xlsx(data: bytes) -> bool:
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _xlsx_table(name: str, data: bytes, columns: list[Column]) -> Table:
    """The first sheet with a header row naming the first column, in its first 30 rows.

    INSEE workbooks have a few title rows above the header, and several sheets
    ("Documentation", "Maille communale", "Maille EPCI"...).
    """
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(name, f"classeur XLSX illisible ou tronqué ({error})") from None
    wanted = {n.lower() for n in columns[0].names}
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for number, row in enumerate(rows, 1):
                if number > 30:
                    break
                header = [_cell(v) for v in row]
                if not wanted & {h.lower() for h in header}:
                    continue
                while header and not header[-1]:
                    header.pop()
                width, out = len(header), io.StringIO()
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(header)
                for values in rows:
                    cells = ([_cell(v) for v in values] + [""] * width)[:width]
                    # An empty row, or a note under the table ("Source : Insee..."): a blank
                    # line keeps the numbering and is skipped.
                    note = " " in cells[0] and not any(cells[1:])
                    writer.writerow([] if note or not any(cells) else cells)
                sheet_name = f"{name} › {sheet.title}"
                return Table(sheet_name, out.getvalue(), columns, first_line=number)
    finally:
        book.close()
    names = " ou ".join(f"« {n} »" for n in columns[0].names)
    raise ImportFileError(
        name, f"aucune feuille n'a de ligne d'en-tête avec la colonne {names}", line=1
    )


def read_table(
    source: str | Path, columns: list[Column], encoding: str = "utf-8"
) -> tuple[Table, bytes]:
    """The table of a CSV (also zipped or gzipped) or XLSX file, from a path or an http(s) URL,
    with the raw bytes of the file (for its checksum)."""
    shown = str(source)
    path = fetch(source)
    raw = path.read_bytes()
    if _is_xlsx(raw) or shown.lower().endswith(".xlsx"):
        return _xlsx_table(shown, raw, columns), raw
    try:
        name, data = read_bytes(path)
    except ImportFileError as error:
        raise ImportFileError(shown, error.message, line=error.line) from None
    name = shown + name[len(str(path)) :]  # keeps the "!member.csv" of a zip archive
    return Table(name, decode_text(name, data, encoding), columns), raw


# --- Values --------------------------------------------------------------------------------


def commune_code(table: Table, line: int, key: str, value: str) -> str:
    """A commune code checked in form, or an error naming line and column."""
    code = value.strip().upper()
    # Some publications went through a spreadsheet that read the code as a number and lost
    # its leading zero ("1001" for "01001", in the Ain): 4-digit codes are padded back.
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if not COMMUNE_CODE.match(code):
        raise table.error(
            line,
            key,
            f"code commune invalide « {value} » (5 caractères attendus, par exemple 01001 ou "
            "2A004)",
        )
    return code


def check_length(table: Table, line: int, key: str, value: str, model, field_name: str) -> str:
    """`value` if it fits its model field, else an error (PostgreSQL would refuse it)."""
    limit = model._meta.get_field(field_name).max_length
    if limit and len(value) > limit:
        raise table.error(line, key, f"valeur de {len(value)} caractères (au plus {limit})")
    return value


def vintage_from_name(source: str | Path) -> str | None:
    """ "liste du 1er août 2024" from "…_2024-08-01.csv" or "…-20240801.csv", "liste de
    janvier 2021" from "…_2021-01.csv"; None when the file name holds no date."""
    stem = Path(str(source).split("?")[0]).name
    for pattern in (r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)", r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"):
        if match := re.search(pattern, stem):
            try:
                day = date(*map(int, match.groups()))
            except ValueError:
                continue
            number = "1er" if day.day == 1 else str(day.day)
            return f"liste du {number} {MONTHS[day.month - 1]} {day.year}"
    if match := re.search(r"(?<!\d)(20\d\d)-(0[1-9]|1[0-2])(?!\d)", stem):
        month = MONTHS[int(match.group(2)) - 1]
        elided = "d'" if month[0] in "aeiou" else "de "
        return f"liste {elided}{month} {match.group(1)}"
    return None


def list_vintage(vintage: str | None, source: str | Path, notes: list[str]) -> str:
    """The vintage given (--millesime), else the one the file name tells, else says it is
    unknown; what was decided is added to the import's notes."""
    if vintage is not None:
        return vintage
    found = vintage_from_name(source)
    if found:
        notes.append(f"Millésime « {found} » tiré du nom du fichier.")
        return found
    notes.append("Date de la liste inconnue : précisez-la avec --millesime.")
    return "date de la liste non précisée"
