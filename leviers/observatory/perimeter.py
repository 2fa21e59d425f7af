"""The ESS perimeter in SIRENE: which legal units are in, in which family, and what is private.

Pure: it reads the two data files beside it (`data/categories_juridiques_ess.yaml`,
`data/exclusions_naf.yaml`), where the mapping and its sources live, and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
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
    cooperative_words: tuple[str, ...]  # in a name, they mark a SCIC or SCOP in SAS or SARL
    source: str
    exclusions_source: str
    status: str  # « reconstruction à vérifier » while the INSEE list is not checked word for word

    def family_of(
        self, legal_category: str, ess_flag: bool, *, cooperative_name: bool = False
    ) -> str | None:
        """The ESS family of a legal unit, or None when it is outside the perimeter.

        The legal category decides the family when it is listed; an ESS-flagged unit of an
        unlisted category is a cooperative when its name says so (`cooperative_name`: a SCIC or
        SCOP in SAS or SARL), otherwise its family comes from the category's first digits.
        """
        legal_category = (legal_category or "").strip()
        if legal_category in self.categories:
            return self.categories[legal_category]
        if not ess_flag:
            return None
        if cooperative_name:
            return "cooperative"
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

    def is_in(
        self, legal_category: str, ess_flag: bool, naf: str, *, marked_not_ess: bool = False
    ) -> bool:
        """In the perimeter: flagged ESS (`O`), or an ESS category whose activity is not
        excluded, unless INSEE marks the unit explicitly outside the ESS (`N`)."""
        if ess_flag:
            return True
        if marked_not_ess:
            return False
        return self.is_ess_category(legal_category) and self.excluded_activity(naf) is None

    @property
    def cooperative_pattern(self) -> str:
        """A regular expression (RE2 and Python alike) finding a cooperative word in a name
        written in capitals without accents (`plain_name`)."""
        return r"\b(" + "|".join(re.escape(w) for w in self.cooperative_words) + r")\b"

    def says_cooperative(self, name: str) -> bool:
        return re.search(self.cooperative_pattern, plain_name(name)) is not None

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
        cooperative_words=tuple(str(w).upper() for w in categories["cooperative_words"]),
        source=categories["source"].strip(),
        exclusions_source=exclusions["source"].strip(),
        status=categories["statut"].strip(),
    )


def plain_name(name: str) -> str:
    """A name in capitals without accents, as `strip_accents(upper(…))` writes it in DuckDB."""
    decomposed = unicodedata.normalize("NFKD", (name or "").upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FAMILY_ORDER = (
    "association",
    "cooperative",
    "mutuelle",
    "fondation",
    "societe_commerciale",
    "autre",
)
