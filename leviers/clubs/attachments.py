"""What a club document may be: its type read from its first bytes (never from its name or the
type the browser claims), and its size. Pure: tested directly.

PDF, OpenDocument (ODP, ODT), Office Open XML (PPTX, DOCX), PNG and JPEG. OpenDocument and
Office files are ZIP archives: the type is read inside (the `mimetype` entry of OpenDocument,
the `[Content_Types].xml` part of Office), so a ZIP of anything else is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind("pdf", "application/pdf", "PDF")
PNG = Kind("png", "image/png", "image PNG")
JPEG = Kind("jpg", "image/jpeg", "image JPEG")
ODP = Kind("odp", "application/vnd.oasis.opendocument.presentation", "présentation ODP")
ODT = Kind("odt", "application/vnd.oasis.opendocument.text", "texte ODT")
PPTX = Kind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "présentation PowerPoint",
)
DOCX = Kind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "document Word",
)
ACCEPTED = "PDF, ODP, ODT, PPTX, DOCX, PNG ou JPEG"


class RefusedFile(ValueError):
    """The French sentence says what is wrong with the file."""


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} ko"


def _inside_zip(data: bytes) -> Kind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            declared = archive.read("mimetype").decode("ascii", "replace").strip()
            return {ODP.content_type: ODP, ODT.content_type: ODT}.get(declared)
        if "[Content_Types].xml" in names:
            if any(name.startswith("ppt/") for name in names):
                return PPTX
            if any(name.startswith("word/") for name in names):
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def sniff(data: bytes) -> Kind | None:
    """The kind of the file whose whole content is `data`, or None when it is none of ours."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _inside_zip(data)
    return None


def check(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Kind:
    """The file's kind; RefusedFile with a French sentence when it is too big or not ours."""
    if not data:
        raise RefusedFile("Le fichier est vide.")
    if len(data) > max_bytes:
        raise RefusedFile(
            f"Le fichier pèse {human_size(len(data))} : {human_size(max_bytes)} au plus."
        )
    kind = sniff(data)
    if kind is None:
        raise RefusedFile(
            f"Ce fichier n'est pas d'un type accepté ({ACCEPTED}) : son contenu a été lu, "
            "pas seulement son nom."
        )
    return kind
