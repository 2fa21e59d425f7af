"""One table reader: CSV (also zipped or gzipped) or the first fitting sheet of an XLSX workbook,
its header checked against the expected columns, its rows as dicts by key with their line
number in the file, and errors that name the file, the line and the column."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from leviers.core.importing.files import (
    ImportFileError,
    decode_text,
    delimiter_of,
    fetch,
    read_bytes,
)


@dataclass
class Column:
    """A column the importer needs, with the names it is known by across publications."""

    key: str
    names: tuple[str, ...]
    required: bool = True


def _expected(columns: list[Column]) -> str:
    return ", ".join(f"« {c.names[0]} »" for c in columns)


class Table:
    """A validated table: header checked against the expected columns, rows as dicts by key.

    Each row comes with the line it starts on in the file, so that every later error can name
    it, and `error` names the column too. `first_line` is the line of the header in the
    original file (an XLSX sheet has title rows above it), so that every line number is the
    one the user sees.
    """

    def __init__(self, name: str, text: str, columns: list[Column], *, first_line: int = 1):
        self.name = name
        self.offset = first_line - 1
        self._text = text
        if not text.strip():
            raise ImportFileError(
                name,
                f"le fichier est vide, la ligne d'en-tête manque (colonnes attendues : "
                f"{_expected(columns)})",
                line=first_line,
            )
        delimiter = delimiter_of(text.split("\n", 1)[0])
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(self._reader)
        except csv.Error as error:
            raise ImportFileError(name, f"en-tête illisible ({error})", line=first_line) from None
        self.header = [h.strip() for h in header]
        folded = {h.lower(): i for i, h in enumerate(self.header)}
        self.index: dict[str, int] = {}
        for column in columns:
            found = next((folded[n.lower()] for n in column.names if n.lower() in folded), None)
            if found is not None:
                self.index[column.key] = found
            elif column.required:
                expected = " ou ".join(f"« {n} »" for n in column.names)
                raise ImportFileError(
                    name,
                    f"colonne {expected} absente. Colonnes trouvées : {', '.join(self.header)}",
                    line=first_line,
                )

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


def check_length(table: Table, line: int, key: str, value: str, model, field_name: str) -> str:
    """`value` if it fits its model field, else an error (PostgreSQL would refuse it)."""
    limit = model._meta.get_field(field_name).max_length
    if limit and len(value) > limit:
        raise table.error(line, key, f"valeur de {len(value)} caractères (au plus {limit})")
    return value
