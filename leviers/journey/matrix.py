"""The member matrix of an intercommunality: for the schemes that matter to communes, which
member communes qualify, may qualify (to check) or not, each with a commune as the project's
holder. One verdict per member (`CompiledSchemes.evaluate`, the same engine as the
recommendations), from the same profiles as the eligibility map (`profiles_for_all_communes`,
four queries whatever the number of members).

"Matter to communes": the curated schemes, open, that are not mere resources, for which at
least one member qualifies or may qualify. The CSV writes the same table, each cell made inert
for spreadsheets (`inert`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from leviers.catalogue.eligibility import ELIGIBLE, NOT_ELIGIBLE, TO_CHECK
from leviers.catalogue.profiles import profiles_for_all_communes
from leviers.catalogue.snapshot import current_snapshot
from leviers.core.csv_export import inert

HOLDER = "commune"
# A cell's mark: a symbol, the word read aloud and printed in the legend, the CSV's word.
MARKS = {
    ELIGIBLE: ("✓", "remplit les critères", "oui"),
    TO_CHECK: ("?", "à vérifier", "à vérifier"),
    NOT_ELIGIBLE: ("✗", "ne remplit pas les critères", "non"),
}


@dataclass(frozen=True)
class Member:
    code: str
    name: str


@dataclass(frozen=True)
class Row:
    """One scheme: its slug and name, and the status of each member (in `Matrix.members`)."""

    slug: str
    name: str
    operator: str
    statuses: tuple[str, ...]

    def count(self, status: str) -> int:
        return self.statuses.count(status)

    @property
    def eligible(self) -> int:
        return self.count(ELIGIBLE)

    @property
    def to_check(self) -> int:
        return self.count(TO_CHECK)

    def cells(self):
        """(status, symbol, words) per member."""
        return [(status, *MARKS[status][:2]) for status in self.statuses]


@dataclass(frozen=True)
class Matrix:
    members: list[Member]
    rows: list[Row]


def member_matrix(siren: str) -> Matrix:
    """The matrix of the EPCI of SIREN `siren` (members by name; schemes with most members
    qualifying first, then most to check, then by name)."""
    catalogue = current_snapshot().catalogue
    compiled = catalogue.compiled
    profiles = sorted(
        profiles_for_all_communes(HOLDER, epci=siren),
        key=lambda p: (p.territory.commune_name, p.territory.commune_code),
    )
    members = [Member(p.territory.commune_code, p.territory.commune_name) for p in profiles]
    statuses = [compiled.evaluate(profile).statuses for profile in profiles]
    rows = []
    for scheme in catalogue.schemes:
        if not scheme.curated or scheme.closed or scheme.is_resource:
            continue
        found = tuple(verdicts[scheme.slug] for verdicts in statuses)
        if any(status in (ELIGIBLE, TO_CHECK) for status in found):
            rows.append(Row(scheme.slug, scheme.name, scheme.operator, found))
    rows.sort(key=lambda r: (-r.count(ELIGIBLE), -r.count(TO_CHECK), r.name))
    return Matrix(members, rows)


def write_csv(out, matrix: Matrix, scheme_url) -> None:
    """The matrix as CSV (UTF-8 with BOM, for spreadsheets): one line per scheme, one column
    per member commune; `scheme_url(slug)` gives the scheme's page address."""
    out.write("\ufeff")
    writer = csv.writer(out)
    header = ["Dispositif", "Opérateur", "Adresse de la fiche", "Oui", "À vérifier", "Non"]
    header += [f"{m.name} ({m.code})" for m in matrix.members]
    writer.writerow([inert(cell) for cell in header])
    for row in matrix.rows:
        cells = [row.name, row.operator, scheme_url(row.slug)]
        cells += [str(row.count(s)) for s in (ELIGIBLE, TO_CHECK, NOT_ELIGIBLE)]
        cells += [MARKS[status][2] for status in row.statuses]
        writer.writerow([inert(cell) for cell in cells])
