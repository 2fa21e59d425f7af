"""The CSV of a project's contributions (`contributions-<public id>.csv`), for spreadsheets.

Cells a spreadsheet would run as a formula are written inert (a leading quote, as the
directory's CSV does against CSV injection). The way to reach an inhabitant is written only for
the people who may moderate the project (the others get the column, empty).
"""

from __future__ import annotations

import csv

from leviers.observatory.directory.export import inert

CSV_COLUMNS = [
    "identifiant",
    "nature",
    "contribution",
    "provenance",
    "recueillie_par",
    "rue_ou_hameau",
    "date_recueil",
    "signature",
    "saisie_par_l_equipe",
    "etat",
    "etiquettes",
    "regroupement",
    "accepte_recontact",
    "contact",
]


def write_contributions(out, contributions, *, with_contact: bool) -> int:
    """Write `contributions` (a queryset) to `out`; returns the number of rows."""
    out.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for c in contributions.iterator(chunk_size=2000):
        writer.writerow(
            [
                inert(cell)
                for cell in (
                    c.public_id,
                    c.get_kind_display(),
                    c.text,
                    c.get_channel_display(),
                    c.collector,
                    c.place,
                    c.collected_on.isoformat(),
                    c.signature,
                    "oui" if c.recorded_by_id else "non",
                    c.get_status_display(),
                    ", ".join(tag.name for tag in c.tags.all()),
                    c.group.title if c.group else "",
                    "oui" if c.wants_contact else "non",
                    c.contact if with_contact else "",
                )
            ]
        )
        rows += 1
    return rows
