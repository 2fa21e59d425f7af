"""The INSEE communal density grid (7 levels) into `Commune.density_level`.

Two publications are read, as CSV (`,` or `;`) or XLSX:

- INSEE's own (https://www.insee.fr/fr/information/6439600): `CODGEO, LIBGEO` and the level as
  `DENS7, LIBDENS7` since the 2025 edition (`fichier_diffusion_2025.xlsx`, where `DENS` is the
  3-level grid), or as `DENS, LIBDENS` in the 2022-2024 editions. Workbooks have title rows
  above the header, which is found by its `CODGEO` cell.
- the Observatoire des territoires export kept by the ANCT (`insee_com, lib_com,
  niveau_densite`), labels only and no vintage: its 34,875 communes are those of COG 2025,
  so it is probably the 2025 grid, but the file does not say so.

A level is stored through its label, so that the label shown is always INSEE's. The grid is
a whole: communes of the referential absent from a new file go back to "non renseigné".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from leviers.core.importing import (
    Column,
    Counts,
    Report,
    Table,
    checksum,
    read_table,
    record_dataset,
)
from leviers.territories.density import DENSITY_LABELS, parse_density
from leviers.territories.importers.common import commune_code
from leviers.territories.models import Commune

COLUMNS = [
    Column("code", ("CODGEO", "insee_com", "code_insee", "code_commune", "COM")),
    Column("name", ("LIBGEO", "lib_com", "nom_commune"), required=False),
    # DENS7 first: in the 2025 edition DENS is the 3-level grid.
    Column("level", ("DENS7", "DENS"), required=False),
    Column("label", ("LIBDENS7", "LIBDENS", "niveau_densite"), required=False),
]
BATCH = 900  # SQLite allows 999 parameters per query in older versions
ANCT_VINTAGE = "grille de densité 2025 de l'Observatoire des territoires (année déduite du fichier)"
DATASET = {"label": "Grille communale de densité à 7 niveaux", "producer": "INSEE"}
INSEE_PAGE = "https://www.insee.fr/fr/information/6439600"
ANCT_PAGE = "https://github.com/anct-carto/superposeur-V2"


def _level(table: Table, line: int, row: dict[str, str]) -> int | None:
    """The level of a row, from its code, its label, or both when they agree."""
    by_code = by_label = None
    if code := row.get("level", ""):
        by_code = _from_code(table, line, "level", code)
    if label := " ".join(unicodedata.normalize("NFC", row.get("label", "")).split()):
        if label.isdigit():
            by_label = _from_code(table, line, "label", label)
        elif (by_label := parse_density(label)) is None:
            known = ", ".join(f"« {text} »" for text in DENSITY_LABELS.values())
            raise table.error(line, "label", f"niveau de densité inconnu « {label} » ({known})")
    if by_code and by_label and by_code != by_label:
        raise table.error(
            line,
            "label",
            f"« {label} » contredit le code {code} de la colonne « {table.column('level')} » "
            f"(« {DENSITY_LABELS[int(code)]} » pour l'INSEE)",
        )
    return by_code or by_label


def _from_code(table: Table, line: int, key: str, text: str) -> int:
    if not (text.isdigit() and int(text) in DENSITY_LABELS):
        raise table.error(line, key, f"niveau « {text} » invalide (un nombre de 1 à 7 attendu)")
    return parse_density(DENSITY_LABELS[int(text)])


def import_density(
    source: str | Path,
    *,
    vintage: str | None = None,
    encoding: str = "utf-8",
) -> Report:
    table, raw = read_table(source, COLUMNS, encoding)
    if "level" not in table.index and "label" not in table.index:
        names = " ou ".join(f"« {n} »" for c in COLUMNS[2:] for n in c.names)
        raise table.error(
            table.offset + 1,
            "",
            f"colonne du niveau de densité absente : {names}. "
            f"Colonnes trouvées : {', '.join(table.header)}",
        )
    anct = table.column("label").lower() == "niveau_densite"
    known = set(Commune.objects.values_list("code", flat=True))
    report, records, seen = Report(), {}, {}
    for line, row in table:
        code = commune_code(table, line, "code", row["code"])
        if code in seen:
            raise table.error(line, "code", f"commune {code} déjà présente ligne {seen[code]}")
        seen[code] = line
        level = _level(table, line, row)
        name = f"{code} {row.get('name', '')}".strip()
        if code not in known:
            report.reject(f"ligne {line} : commune {name} absente du référentiel")
        elif level is None:
            report.reject(f"ligne {line} : commune {name} sans niveau de densité")
        else:
            records[code] = level
    if not records:
        raise table.error(table.offset + 1, "code", "aucune commune du référentiel dans ce fichier")
    # The grid is a whole: a commune absent from the new file is no longer known.
    stale = set(Commune.objects.filter(density_level__isnull=False).values_list("code", flat=True))
    stale -= records.keys()
    records.update(dict.fromkeys(stale))
    if stale:
        report.notes.append(
            f"{len(stale)} communes absentes du fichier repassent à « non renseigné »."
        )
    if vintage is None:
        vintage = ANCT_VINTAGE if anct else _insee_vintage(source)
        report.notes.append(f"Millésime supposé « {vintage} » : précisez-le avec --millesime.")
    licence = "Licence Ouverte 2.0"
    if anct:
        licence += " (présumée : l'export n'en indique pas)"
    with transaction.atomic():
        report.add(_write_levels(records))
        record_dataset(
            "grille-densite",
            counts=report,
            imported_from=table.name,
            checksum=checksum(raw),
            vintage=vintage,
            licence=licence,
            source_url=ANCT_PAGE if anct else INSEE_PAGE,
            **DATASET,
        )
    return report


def _write_levels(levels: dict[str, int | None]) -> Counts:
    """Set the changed levels, one UPDATE per level and batch: under a second for 35,000
    communes, where `bulk_update` takes ten times longer."""
    current = dict(Commune.objects.values_list("code", "density_level"))
    changed: dict[int | None, list[str]] = defaultdict(list)
    for code, level in levels.items():
        if current[code] != level:
            changed[level].append(code)
    for level, codes in changed.items():
        for start in range(0, len(codes), BATCH):
            Commune.objects.filter(code__in=codes[start : start + BATCH]).update(
                density_level=level
            )
    updated = sum(len(codes) for codes in changed.values())
    return Counts(updated=updated, unchanged=len(levels) - updated)


def _insee_vintage(source: str | Path) -> str:
    year = re.search(r"(?<!\d)(20\d\d)(?!\d)", Path(str(source).split("?")[0]).name)
    return f"grille {year.group(1)} (d'après le nom du fichier)" if year else "non précisé"
