"""Shared machinery of the importers: reading files safely, French errors, upserts, counts.

An importer reads and validates its whole file first (raising `ImportFileError`
with file, line and column), then writes everything in one transaction with
`upsert`, and records the run in `Dataset`.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models
from django.utils import timezone

csv.field_size_limit(10_000_000)


class ImportFileError(Exception):
    """A file that cannot be imported. Its text is French and names file, line and column."""

    def __init__(
        self, source: str, message: str, line: int | None = None, column: str = "", entry: str = ""
    ):
        self.source, self.message, self.line, self.column = source, message, line, column
        where = f"Fichier « {source} »"
        if line is not None:
            where += f", ligne {line}"
        if entry:
            where += f", {entry}"
        if column:
            where += f", colonne « {column} »"
        super().__init__(f"{where} : {message}")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.rejections.extend(other.rejections)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        self.rejections.append(reason)

    def __str__(self) -> str:
        return (
            f"créés={self.created} mis à jour={self.updated} "
            f"inchangés={self.unchanged} rejetés={self.rejected}"
        )


# --- Reading -------------------------------------------------------------------------------


def fetch(source: str | Path) -> Path:
    """A local path for `source`, downloading it first when it is an http(s) URL."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        suffix = Path(text.split("?")[0]).suffix or ".csv"
        target = Path(tempfile.mkdtemp(prefix="leviers-")) / f"download{suffix}"
        try:
            with urllib.request.urlopen(text, timeout=60) as response, open(target, "wb") as out:
                while chunk := response.read(1 << 20):
                    out.write(chunk)
        except (urllib.error.URLError, OSError) as error:
            raise ImportFileError(text, f"téléchargement impossible ({error})") from None
        return target
    path = Path(text)
    if not path.exists():
        raise ImportFileError(text, "ce fichier n'existe pas")
    if path.is_dir():
        raise ImportFileError(text, "c'est un dossier, un fichier est attendu")
    return path


def read_bytes(source: str | Path) -> tuple[str, bytes]:
    """The raw content of a file or URL, unzipped when it is a .zip or .gz. Returns (name, data)."""
    path = fetch(source)
    name = str(source)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            raise ImportFileError(name, "archive gzip illisible ou tronquée") from None
    elif data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if len(members) != 1:
                    raise ImportFileError(
                        name, f"l'archive zip doit contenir un seul fichier CSV ({len(members)})"
                    )
                data = archive.read(members[0])
                name = f"{name}!{members[0]}"
        except zipfile.BadZipFile:
            raise ImportFileError(name, "archive zip illisible ou tronquée") from None
    return name, data


def decode(name: str, data: bytes, encoding: str = "utf-8") -> str:
    try:
        return data.decode("utf-8-sig" if encoding.lower() in {"utf-8", "utf8"} else encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            name,
            f"le fichier n'est pas encodé en {encoding.upper()} (octet invalide "
            f"0x{data[error.start]:02x}). Enregistrez-le en UTF-8 ou précisez --encodage.",
            line=line,
        ) from None


@dataclass
class Column:
    """A column the importer needs, with the names it is known by across publications."""

    key: str
    names: tuple[str, ...]
    required: bool = True


class CsvTable:
    """A validated CSV: header checked against the expected columns, rows as dicts by key.

    Each row comes with its line number in the file, so every later error can name it.
    """

    def __init__(self, name: str, text: str, columns: list[Column]):
        self.name = name
        first_line = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first_line.count)
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(self._reader)
        except StopIteration:
            raise ImportFileError(name, "le fichier est vide", line=1) from None
        except csv.Error as error:
            raise ImportFileError(name, f"en-tête illisible ({error})", line=1) from None
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
                    line=1,
                )

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        width = len(self.header)
        line = 1
        while True:
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFileError(
                    self.name,
                    f"ligne illisible, fichier tronqué ou guillemet non fermé ({error})",
                    line=self._reader.line_num,
                ) from None
            line = self._reader.line_num
            if not row or row == [""]:
                continue
            if len(row) != width:
                raise ImportFileError(
                    self.name,
                    f"{len(row)} valeurs au lieu de {width} (fichier tronqué ou mal séparé ?)",
                    line=line,
                )
            yield line, {key: row[i].strip() for key, i in self.index.items()}


def read_csv(source: str | Path, columns: list[Column], encoding: str = "utf-8") -> CsvTable:
    name, data = read_bytes(source)
    return CsvTable(name, decode(name, data, encoding), columns)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Progress ------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr (only when it is a terminal, or when forced)."""

    def __init__(self, label: str, total: int, stream=None, enabled: bool | None = None):
        self.label, self.total = label, max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.2 and done < self.total):
            return
        self._last = now
        ratio = done / self.total
        bar = "█" * int(ratio * 30)
        self.stream.write(f"\r{self.label:<28} [{bar:<30}] {ratio:6.1%}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

    def iterate(self, items: Iterable) -> Iterator:
        for done, item in enumerate(items, 1):
            yield item
            if done % 500 == 0 or done == self.total:
                self.update(done)


# --- Writing -------------------------------------------------------------------------------


def upsert(
    model: type[models.Model],
    records: dict[str, dict],
    key: str,
    *,
    progress: Progress | None = None,
) -> Counts:
    """Create or update `records` (natural key → field values by attname); count what changed.

    Rows absent from `records` are left alone. Runs inside the caller's transaction.
    """
    counts = Counts()
    fields = sorted({f for values in records.values() for f in values})
    pk_name = model._meta.pk.attname
    wanted = {pk_name, key, *fields}
    existing = {row[key]: row for row in model.objects.values(*wanted)}
    to_create, to_update = [], []
    items = records.items()
    for natural_key, values in progress.iterate(items) if progress else items:
        current = existing.get(natural_key)
        if current is None:
            to_create.append(model(**{key: natural_key, **values}))
            counts.created += 1
        elif any(current.get(f) != v for f, v in values.items()):
            obj = model(**{key: natural_key, **values})
            obj.pk = current[pk_name]
            to_update.append(obj)
            counts.updated += 1
        else:
            counts.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=2000)
    update_fields = [f for f in fields if f not in (key, pk_name)]
    if to_update and update_fields:
        model.objects.bulk_update(to_update, update_fields, batch_size=1000)
    return counts


def record_dataset(key: str, *, counts: Counts, imported_from: str, **description) -> None:
    """Write the `Dataset` row of an import that has just succeeded."""
    from leviers.core.models import Dataset

    Dataset.objects.update_or_create(
        key=key,
        defaults={
            **description,
            "imported_from": imported_from[:500],
            "imported_at": timezone.now(),
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
        },
    )
