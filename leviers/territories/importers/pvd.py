"""The communes laureate of Petites Villes de Demain (ANCT), as the `communes` of a `Programme`.

Reads the ANCT list (https://www.data.gouv.fr/fr/datasets/programme-petites-villes-de-demain/),
whose commune column has had several names (`insee_com`, `code_insee`, `com_insee`...). Only
the commune code and name are read: the official file also names the mayors and gives their
e-mail addresses, which Leviers never reads nor stores.

The list is a whole: a re-import replaces the communes of the programme.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from leviers.core.importing import (
    Column,
    Report,
    checksum,
    list_vintage,
    read_table,
    record_dataset,
)
from leviers.territories.importers.common import commune_code
from leviers.territories.models import Commune, Programme
from leviers.territories.programmes import PROGRAMMES

COLUMNS = [
    Column("code", ("insee_com", "code_insee", "com_insee", "INSEE_COM", "codgeo", "code_commune")),
    Column("name", ("lib_com", "nom_commune", "libgeo", "commune"), required=False),
]
PROGRAMME = {
    "slug": "petites-villes-de-demain",
    "name": PROGRAMMES["petites-villes-de-demain"],
    "operator": "ANCT",
    "dataset_key": "petites-villes-de-demain",
}
DATASET = {
    "label": "Communes lauréates de Petites Villes de Demain",
    "producer": "ANCT",
    "licence": "Licence Ouverte 2.0",
    "source_url": "https://www.data.gouv.fr/fr/datasets/programme-petites-villes-de-demain/",
}
# The January 2021 list holds an example row, "999999 Trifouilly-les-Oies" in a département
# "99": a code made of nines only is such a placeholder, rejected rather than fatal.
PLACEHOLDER = re.compile(r"^9{5,}$")


def import_pvd(
    source: str | Path,
    *,
    vintage: str | None = None,
    encoding: str = "utf-8",
) -> Report:
    table, raw = read_table(source, COLUMNS, encoding)
    known = set(Commune.objects.values_list("code", flat=True))
    report, wanted, seen = Report(deleted=0), set(), {}
    for line, row in table:
        name = row.get("name", "")
        if PLACEHOLDER.match(row["code"]):
            report.reject(f"ligne {line} : ligne d'exemple « {row['code']} {name} » ignorée")
            continue
        code = commune_code(table, line, "code", row["code"])
        if code in seen:
            report.reject(f"ligne {line} : commune {code} déjà listée ligne {seen[code]}")
            continue
        seen[code] = line
        if code not in known:
            report.reject(f"ligne {line} : commune {code} {name} absente du référentiel")
            continue
        wanted.add(code)
    if not wanted:
        raise table.error(table.offset + 1, "code", "aucune commune du référentiel dans ce fichier")
    vintage = list_vintage(vintage, table.name, report.notes)
    with transaction.atomic():
        programme, _ = Programme.objects.update_or_create(
            slug=PROGRAMME["slug"], defaults=PROGRAMME
        )
        current = set(programme.communes.values_list("code", flat=True))
        removed = current - wanted
        programme.communes.add(*sorted(wanted - current))
        programme.communes.remove(*sorted(removed))
        report.created = len(wanted - current)
        report.unchanged = len(wanted & current)
        report.deleted = len(removed)
        if removed:
            report.notes.append(f"{len(removed)} communes absentes de la nouvelle liste retirées.")
        record_dataset(
            PROGRAMME["dataset_key"],
            counts=report,
            imported_from=table.name,
            checksum=checksum(raw),
            vintage=vintage,
            **DATASET,
        )
    return report
