"""France Services sites (ANCT list) into `FranceServicesSite`, keyed on the ANCT identifier.

Reads the official list (https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/):
`id_fs, lib_fs, adresse, complement_adresse, insee_com, code_postal, latitude, longitude, mail,
telephone, h_lundi … h_samedi, type_fs, format_fs`. The list is complete: a site absent
from a new file is deleted.

Sites of Paris, Lyon and Marseille carry the code of their municipal arrondissement
(75118...): they are attached to their commune.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction

from leviers.core.importing import (
    Column,
    Progress,
    Report,
    Table,
    check_length,
    checksum,
    list_vintage,
    read_table,
    record_dataset,
    upsert,
)
from leviers.territories.importers.common import ARRONDISSEMENTS, commune_code
from leviers.territories.models import Commune, FranceServicesSite

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
COLUMNS = [
    Column("identifier", ("id_fs",)),
    Column("name", ("lib_fs",)),
    Column("address", ("adresse",)),
    Column("address_complement", ("complement_adresse",), required=False),
    Column("commune", ("insee_com", "code_insee", "com_insee")),
    Column("postal_code", ("code_postal",)),
    Column("latitude", ("latitude",)),
    Column("longitude", ("longitude",)),
    Column("email", ("mail", "email"), required=False),
    Column("phone", ("telephone",), required=False),
    *(Column(day, (f"h_{day}",), required=False) for day in DAYS),
    Column("kind", ("type_fs",), required=False),
    Column("format", ("format_fs",), required=False),
]
TEXT_FIELDS = ("name", "address", "address_complement", "phone", "kind", "format")
DATASET = {
    "label": "Sites France Services",
    "producer": "ANCT",
    "licence": "Licence Ouverte 2.0",
    "source_url": "https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/",
}
POSTAL_CODE = re.compile(r"^\d{5}$")
# Some sites give several addresses in one cell ("a@x.fr - b@x.fr"): the first valid one is kept.
EMAIL_SEPARATORS = re.compile(r"\s+-\s+|[\s,;/]+")
_email_ok = EmailValidator()


def _coordinate(table: Table, line: int, key: str, text: str, limit: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))  # a ";"-separated French file writes 46,106
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise table.error(line, key, f"coordonnée invalide « {text} » (de -{limit} à {limit})")
    return value


def _email(text: str) -> str:
    for candidate in EMAIL_SEPARATORS.split(text):
        try:
            _email_ok(candidate)
        except ValidationError:
            continue
        return candidate
    return ""


def _site(table: Table, line: int, row: dict[str, str], commune: str) -> dict:
    postal_code = row["postal_code"]
    if len(postal_code) == 4 and postal_code.isdigit():
        postal_code = "0" + postal_code  # the leading zero lost in a spreadsheet, as for codes
    if postal_code and not POSTAL_CODE.match(postal_code):
        raise table.error(line, "postal_code", f"code postal invalide « {row['postal_code']} »")
    if not row["name"]:
        raise table.error(line, "name", "nom du site absent")
    values = {
        field: check_length(table, line, field, row.get(field, ""), FranceServicesSite, field)
        for field in TEXT_FIELDS
    }
    return {
        **values,
        "commune_id": commune,
        "postal_code": postal_code,
        "latitude": _coordinate(table, line, "latitude", row["latitude"], 90),
        "longitude": _coordinate(table, line, "longitude", row["longitude"], 180),
        "email": _email(row.get("email", "")),
        "opening_hours": {day: row[day] for day in DAYS if row.get(day)},
    }


def import_france_services(
    source: str | Path,
    *,
    vintage: str | None = None,
    encoding: str = "utf-8",
    progress: bool | None = None,
) -> Report:
    table, raw = read_table(source, COLUMNS, encoding)
    known = set(Commune.objects.values_list("code", flat=True))
    report, records, seen, arrondissements = Report(deleted=0), {}, {}, 0
    for line, row in table:
        identifier = check_length(
            table, line, "identifier", row["identifier"], FranceServicesSite, "identifier"
        )
        if not identifier:
            raise table.error(line, "identifier", "identifiant du site absent")
        if identifier in seen:
            raise table.error(
                line,
                "identifier",
                f"identifiant {identifier} déjà utilisé ligne {seen[identifier]}",
            )
        seen[identifier] = line
        code = commune_code(table, line, "commune", row["commune"])
        site = _site(table, line, row, code)
        if code in ARRONDISSEMENTS:
            site["commune_id"] = ARRONDISSEMENTS[code]
            arrondissements += 1
        elif code not in known:
            report.reject(
                f"ligne {line} : site {identifier} « {row['name']} », commune {code} absente "
                "du référentiel (ancienne commune fusionnée ?)"
            )
            continue
        records[identifier] = site
    if not records:
        raise table.error(table.offset + 1, "commune", "aucun site dans une commune du référentiel")
    if arrondissements:
        report.notes.append(
            f"{arrondissements} sites de Paris, Lyon ou Marseille, donnés par leur arrondissement "
            "municipal, rattachés à leur commune."
        )
    vintage = list_vintage(vintage, table.name, report.notes)
    with transaction.atomic():
        bar = Progress("Sites France Services", len(records), enabled=progress)
        report.add(upsert(FranceServicesSite, records, "identifier", progress=bar))
        # The list is complete: a site it no longer holds has closed or lost its label.
        gone = sorted(
            set(FranceServicesSite.objects.values_list("identifier", flat=True)) - records.keys()
        )
        for start in range(0, len(gone), 900):
            FranceServicesSite.objects.filter(identifier__in=gone[start : start + 900]).delete()
        report.deleted = len(gone)
        if gone:
            report.notes.append(
                f"{len(gone)} sites absents de cette liste supprimés (fermés ou délabellisés, "
                "ou rejetés ci-dessus)."
            )
        record_dataset(
            "france-services",
            counts=report,
            imported_from=table.name,
            checksum=checksum(raw),
            vintage=vintage,
            **DATASET,
        )
    return report
