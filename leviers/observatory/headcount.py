"""INSEE headcount bands (tranches d'effectif salarié) and headcount ranges.

SIRENE gives no headcount, only a band per establishment. The estimate of a territory
is a range: the sum of the lower bounds and the sum of the upper bounds of its
establishments' bands. `NN` (no employee, or presumed so for lack of a declaration)
and `00` (no employee at year end) count as 0; an empty band is unknown and is
counted apart, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Code → (min, max, label), from the INSEE documentation of the SIRENE variables
# (https://www.sirene.fr/sirene/public/variable/trancheEffectifsEtablissement).
BANDS: dict[str, tuple[int, int, str]] = {
    "NN": (0, 0, "Non employeur (ou présumé non employeur)"),
    "00": (0, 0, "0 salarié"),
    "01": (1, 2, "1 ou 2 salariés"),
    "02": (3, 5, "3 à 5 salariés"),
    "03": (6, 9, "6 à 9 salariés"),
    "11": (10, 19, "10 à 19 salariés"),
    "12": (20, 49, "20 à 49 salariés"),
    "21": (50, 99, "50 à 99 salariés"),
    "22": (100, 199, "100 à 199 salariés"),
    "31": (200, 249, "200 à 249 salariés"),
    "32": (250, 499, "250 à 499 salariés"),
    "41": (500, 999, "500 à 999 salariés"),
    "42": (1000, 1999, "1 000 à 1 999 salariés"),
    "51": (2000, 4999, "2 000 à 4 999 salariés"),
    "52": (5000, 9999, "5 000 à 9 999 salariés"),
    "53": (10000, 10000, "10 000 salariés et plus"),
}
# Band 53 has no upper bound; its range counts it at 10 000 (stated on the pages).
METHOD = (
    "Effectif salarié estimé à partir des tranches d'effectif SIRENE de chaque établissement : "
    "somme des bornes basses et somme des bornes hautes des tranches (par exemple « 3 à 5 "
    "salariés » compte de 3 à 5). Les établissements non employeurs (NN) ou sans salarié en fin "
    "d'année (00) comptent 0 ; ceux dont la tranche n'est pas renseignée sont comptés à part. "
    "La tranche « 10 000 et plus » compte 10 000."
)


@dataclass(frozen=True)
class HeadcountRange:
    low: int
    high: int
    unknown: int  # establishments whose band is missing or not an INSEE code

    def __str__(self) -> str:
        if self.low == self.high:
            return f"{self.low}"
        return f"{self.low} à {self.high}"


def band_range(code: str | None) -> tuple[int, int] | None:
    """(min, max) of a band code; None when the band is missing or unknown."""
    entry = BANDS.get((code or "").strip())
    return (entry[0], entry[1]) if entry else None


def headcount_range(counts_by_band: Mapping[str, int]) -> HeadcountRange:
    """The range of a set of establishments given as {band code: number of establishments}."""
    low = high = unknown = 0
    for code, count in counts_by_band.items():
        bounds = band_range(code)
        if bounds is None:
            unknown += count
        else:
            low += bounds[0] * count
            high += bounds[1] * count
    return HeadcountRange(low, high, unknown)
