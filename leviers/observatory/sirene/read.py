"""Reading the SIRENE stock files: each one fetched, unzipped, its header checked, then handed to
DuckDB as a `read_csv` that keeps every column as text and sets malformed rows aside."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from leviers.core.importing import ImportFileError, fetch
from leviers.observatory.duck import sql_path

# Columns read, by their official names (today's format; any other column is ignored).
UNIT_COLUMNS = {
    "siren": True,
    "categorieJuridiqueUniteLegale": True,
    "economieSocialeSolidaireUniteLegale": True,
    "activitePrincipaleUniteLegale": True,
    "denominationUniteLegale": True,
    "sigleUniteLegale": False,
    "nomUniteLegale": False,
    "prenomUsuelUniteLegale": False,
}
ESTABLISHMENT_COLUMNS = {
    "siren": True,
    "siret": True,
    "etatAdministratifEtablissement": True,
    "codeCommuneEtablissement": True,
    "activitePrincipaleEtablissement": True,
    "trancheEffectifsEtablissement": True,
    "caractereEmployeurEtablissement": True,
    "dateCreationEtablissement": True,
    "etablissementSiege": True,
    "codePostalEtablissement": True,
    "numeroVoieEtablissement": True,
    "typeVoieEtablissement": True,
    "libelleVoieEtablissement": True,
    "indiceRepetitionEtablissement": False,
    "complementAdresseEtablissement": False,
    "codePaysEtrangerEtablissement": False,
    "enseigne1Etablissement": False,
    "denominationUsuelleEtablissement": False,
    # Lambert-93 metres in metropolitan France (other projections overseas: not read there).
    "coordonneeLambertAbscisseEtablissement": False,
    "coordonneeLambertOrdonneeEtablissement": False,
}
# SIRENE locates establishments of Paris, Lyon and Marseille in municipal arrondissements;
NOT_DIFFUSIBLE = "[ND]"


@dataclass
class Source:
    label: str  # what the user gave, for errors
    path: Path  # a plain or gzipped CSV DuckDB can read
    header: list[str]


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def _open_text(path: Path):
    if _is_gzip(path):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def _has_rows(path: Path) -> bool:
    """Whether a line follows the header (read as bytes: decoding is DuckDB's business)."""
    with gzip.open(path, "rb") if _is_gzip(path) else path.open("rb") as raw:
        raw.readline()
        return any(line.strip() for line in raw)


def prepare(source: str | Path, required: dict[str, bool], work: Path, kind: str) -> Source:
    """A readable CSV for `source`: fetched, stream-extracted from its zip, header checked."""
    label = str(source)
    path = fetch(source)
    with path.open("rb") as raw:
        magic = raw.read(4)
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if len(members) != 1:
                    raise ImportFileError(
                        label, f"l'archive zip doit contenir un seul fichier CSV ({len(members)})"
                    )
                target = work / f"{kind}.csv"
                with archive.open(members[0]) as member, target.open("wb") as out:
                    shutil.copyfileobj(member, out, 4 << 20)
                label = f"{label}!{members[0]}"
                path = target
        except zipfile.BadZipFile:
            raise ImportFileError(label, "archive zip illisible ou tronquée") from None
    try:
        with _open_text(path) as text:
            first = text.readline()
    except (UnicodeDecodeError, OSError, EOFError) as error:
        raise ImportFileError(label, f"en-tête illisible ({error})", line=1) from None
    if not first.strip():
        raise ImportFileError(label, "le fichier est vide", line=1)
    header = [name.strip().strip('"') for name in first.rstrip("\r\n").split(",")]
    missing = [name for name, needed in required.items() if needed and name not in header]
    if missing:
        names = ", ".join(f"« {name} »" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise ImportFileError(
            label,
            f"colonne{plural} {names} absente{plural}"
            f" : ce n'est pas un fichier {kind} de la base SIRENE au format actuel",
            line=1,
        )
    # A header without any row would replace the observatory by nothing.
    try:
        has_rows = _has_rows(path)
    except (OSError, EOFError) as error:
        raise ImportFileError(label, f"lecture impossible ({error})", line=2) from None
    if not has_rows:
        raise ImportFileError(
            label, f"aucune ligne après l'en-tête : ce fichier {kind} ne contient rien à importer"
        )
    return Source(label, path, header)


def reader(source: Source, name: str) -> str:
    """A DuckDB `read_csv` over `source`, every column as text, malformed rows set aside."""
    columns = "{" + ", ".join(f"'{c.replace(chr(39), '')}': 'VARCHAR'" for c in source.header) + "}"
    return (
        f"read_csv('{sql_path(source.path)}', header = true, delim = ',', quote = '\"', "
        f"escape = '\"', auto_detect = false, columns = {columns}, "
        f"store_rejects = true, rejects_table = 'rejects_{name}', "
        f"rejects_scan = 'scans_{name}', max_line_size = 1048576)"
    )


def column(source: Source, name: str) -> str:
    """SQL: the column `name` of `source`, or NULL text when the file does not have it."""
    return f'"{name}"' if name in source.header else "CAST(NULL AS VARCHAR)"


def digits(expression: str, count: int) -> str:
    """SQL: `expression` is exactly `count` ASCII digits (never NULL). GLOB, not a regular
    expression: the same answer for a tenth of the cost, on every row of both files."""
    return f"COALESCE({expression} GLOB '{'[0-9]' * count}', false)"


def trimmed_digits(written: str, count: int) -> str:
    """SQL: `TRIM(written)` is exactly `count` ASCII digits (never NULL), tested on the text as
    written first: nearly every row is so, and only the others are trimmed and tested again."""
    trimmed = digits(f"TRIM({written})", count)
    return f"CASE WHEN {written} GLOB '{'[0-9]' * count}' THEN true ELSE {trimmed} END"


def as_trimmed(written: str, size: int) -> str:
    """SQL: `written` for `TRIM(written)`, where only its equality to a text of `size` bytes
    without spaces at its ends matters (or its cast to a number of `size` digits): trimmed
    only when it is not `size` bytes as written. A text of that length with a space at one end
    can match no such text, before or after trimming. DuckDB's TRIM (which also looks for
    Unicode spaces) cost more than the test itself, on every row of a file."""
    return f"CASE WHEN strlen({written}) = {size} THEN {written} ELSE TRIM({written}) END"


def clean(expression: str) -> str:
    return f"NULLIF(NULLIF(TRIM({expression}), ''), '{NOT_DIFFUSIBLE}')"


def rejects(db, name: str) -> tuple[int, list[str]]:
    try:
        count = db.execute(f"SELECT COUNT(DISTINCT line) FROM rejects_{name}").fetchone()[0]
        examples = db.execute(
            f"SELECT line, error_type, error_message FROM rejects_{name} ORDER BY line LIMIT 5"
        ).fetchall()
    except Exception:  # noqa: BLE001 - no rejects table when nothing was rejected
        return 0, []
    return count, [f"ligne {line} : {kind} ({message[:160]})" for line, kind, message in examples]
