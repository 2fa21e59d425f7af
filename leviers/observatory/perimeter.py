"""The ESS perimeter in SIRENE: which legal units are in, in which family, and what is private.

Pure: it reads the two data files beside it (`data/categories_juridiques_ess.yaml`,
`data/exclusions_naf.yaml`), where the mapping and its sources live, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
CATEGORIES_FILE = DATA / "categories_juridiques_ess.yaml"
EXCLUSIONS_FILE = DATA / "exclusions_naf.yaml"


@dataclass(frozen=True)
class Perimeter:
    family_labels: dict[str, str]
    categories: dict[str, str]  # legal category → family
    category_labels: dict[str, str]
    flagged_prefixes: dict[str, str]
    default_flagged_family: str
    public_prefixes: tuple[str, ...]
    naf_exclusions: dict[str, str]  # NAF code or prefix → reason
    source: str
    exclusions_source: str

    def family_of(self, legal_category: str, ess_flag: bool) -> str | None:
        """The ESS family of a legal unit, or None when it is outside the perimeter.

        The legal category decides the family when it is listed; an ESS-flagged unit of an
        unlisted category gets its family from the category's first digits.
        """
        legal_category = (legal_category or "").strip()
        if legal_category in self.categories:
            return self.categories[legal_category]
        if not ess_flag:
            return None
        for prefix in sorted(self.flagged_prefixes, key=len, reverse=True):
            if legal_category.startswith(prefix):
                return self.flagged_prefixes[prefix]
        return self.default_flagged_family

    def is_ess_category(self, legal_category: str) -> bool:
        return (legal_category or "").strip() in self.categories

    def excluded_activity(self, naf: str) -> str | None:
        """Why an activity is out of the perimeter (for category-only units), or None."""
        naf = (naf or "").strip()
        for prefix, reason in self.naf_exclusions.items():
            if naf.startswith(prefix):
                return reason
        return None

    def is_in(self, legal_category: str, ess_flag: bool, naf: str) -> bool:
        """In the perimeter: flagged ESS, or an ESS category whose activity is not excluded."""
        if ess_flag:
            return True
        return self.is_ess_category(legal_category) and self.excluded_activity(naf) is None

    def is_private(self, legal_category: str) -> bool:
        """Private in the sense of the ESS share's denominator (not a public-law body)."""
        return not (legal_category or "").startswith(self.public_prefixes)


@cache
def perimeter() -> Perimeter:
    categories = yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))
    exclusions = yaml.safe_load(EXCLUSIONS_FILE.read_text(encoding="utf-8"))
    families = {key: value["label"] for key, value in categories["families"].items()}
    mapping = {str(code): entry["family"] for code, entry in categories["categories"].items()}
    unknown = {f for f in mapping.values() if f not in families} | (
        {categories["default_flagged_family"], *categories["flagged_prefixes"].values()}
        - set(families)
    )
    if unknown:
        raise ValueError(f"{CATEGORIES_FILE.name} : familles inconnues {sorted(unknown)}")
    return Perimeter(
        family_labels=families,
        categories=mapping,
        category_labels={
            str(code): entry["label"] for code, entry in categories["categories"].items()
        },
        flagged_prefixes={str(k): v for k, v in categories["flagged_prefixes"].items()},
        default_flagged_family=categories["default_flagged_family"],
        public_prefixes=tuple(str(p) for p in categories["public_prefixes"]),
        naf_exclusions={str(k): v for k, v in exclusions["exclusions"].items()},
        source=categories["source"].strip(),
        exclusions_source=exclusions["source"].strip(),
    )


FAMILY_ORDER = (
    "association",
    "cooperative",
    "mutuelle",
    "fondation",
    "societe_commerciale",
    "autre",
)
