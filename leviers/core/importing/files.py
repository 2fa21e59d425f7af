"""Reading files safely: local paths or http(s) URLs, zip and gzip, decoding with French errors
that name the file, the line and, when it can be told, the column."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import yaml

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


def delimiter_of(first_line: str) -> str:
    return max([",", ";", "\t"], key=first_line.count)  # as Table guesses it


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
            delimiter = delimiter_of(header)
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


def load_yaml(text: str):
    """`yaml.safe_load(text)`, parsed by libyaml when PyYAML has it: the same values ten times
    faster (the catalogue's files: 0.06 s instead of 0.6 s). A file libyaml refuses is parsed
    again by PyYAML, whose error (its problem, its line) is the one raised, as before."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=yaml.SafeLoader)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
