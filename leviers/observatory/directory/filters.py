"""The directory's filters, read from the query string of its page, map and CSV."""

from __future__ import annotations

from dataclasses import dataclass

from leviers.observatory import naf
from leviers.observatory.models import Family


@dataclass(frozen=True)
class DirectoryFilters:
    """Checked values: an unknown family, section or employer choice is dropped (empty)."""

    q: str = ""
    famille: str = ""
    secteur: str = ""
    employeur: str = ""
    ordre: str = "alphabetique"

    @classmethod
    def from_query(cls, query) -> DirectoryFilters:
        family, section, employer = (
            query.get("famille", ""),
            query.get("secteur", ""),
            query.get("employeur", ""),
        )
        return cls(
            q=query.get("q", "").strip()[:100],
            famille=family if family in Family.values else "",
            secteur=section if section in naf.sections() else "",
            employeur=employer if employer in ("oui", "non") else "",
            ordre="hasard" if query.get("ordre") == "hasard" else "alphabetique",
        )


def is_filtered(query) -> bool:
    """Whether the query string asks for any filter (even one dropped as unknown): the
    volunteer associations, which have no family, sector or employer, are then left out."""
    return any(query.get(k) for k in ("q", "famille", "secteur", "employeur"))
