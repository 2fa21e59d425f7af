"""The CSV export of a commune's directory (`acteurs-ess-<code>.csv`), for spreadsheets.

Names come from SIRENE and from the public proposal form: a cell a spreadsheet would run as a
formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a
leading single quote, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv

from leviers.core.csv_export import inert
from leviers.observatory.models import Family

CSV_COLUMNS = [
    "siret",
    "rna",
    "nom",
    "enseigne",
    "adresse",
    "code_postal",
    "code_commune",
    "commune",
    "code_naf",
    "activite",
    "famille",
    "categorie_juridique",
    "tranche_effectif",
    "employeur",
    "date_creation",
    "marque_ess",
    "categorie_ess",
    "fiche_sirene",
]


class _InertWriter:
    def __init__(self, out):
        self.writer = csv.writer(out)

    def writerow(self, row: list[str]) -> None:
        self.writer.writerow([inert(cell) for cell in row])


def write_directory(out, commune, establishments, volunteers) -> None:
    """Write the rows of `establishments`, then of the `volunteers` associations, to `out`."""
    out.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = _InertWriter(out)
    writer.writerow(CSV_COLUMNS)
    families = dict(Family.choices)
    yes_no = {True: "oui", False: "non", None: ""}
    for e in establishments.iterator(chunk_size=2000):
        writer.writerow(
            [
                e.siret,
                "",
                e.name,
                e.trade_name,
                e.address,
                e.postal_code,
                commune.code,
                commune.name,
                e.naf_code,
                e.naf_label,
                families.get(e.family, e.family),
                e.legal_category,
                e.headcount_band,
                yes_no[e.employer],
                e.created_on.isoformat() if e.created_on else "",
                yes_no[e.ess_flag],
                yes_no[e.ess_legal_category],
                e.sirene_url,
            ]
        )
    for p in volunteers:
        writer.writerow(
            ["", p.rna, p.name, "", "", "", commune.code, commune.name]
            + [""] * (len(CSV_COLUMNS) - 8)
        )
