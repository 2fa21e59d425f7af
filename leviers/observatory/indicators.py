"""How the precomputed ESS figures of a territory are shown: shares, small counts, breakdowns, bars.

Pure: it takes numbers and returns numbers and labels (no request, no database).

Small counts. SIRENE is a public register (every establishment below has a public
record), so no statistical secrecy hides a count: counts are shown exactly. But a count
of 1 to 4 says little, so it is marked « faible effectif », and no percentage is computed
on fewer than `SMALL_COUNT` establishments (« effectif trop faible pour un pourcentage »).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SMALL_COUNT = 5
SMALL_COUNT_NOTE = (
    "Les nombres viennent d'un répertoire public et sont donnés exactement ; de 1 à 4, ils sont "
    "marqués « faible effectif » et aucun pourcentage n'est calculé sur moins de 5 établissements."
)


def is_small(count: int) -> bool:
    return 0 < count < SMALL_COUNT


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when the whole is too small to make a percentage meaningful."""
    if whole < SMALL_COUNT:
        return None
    return part / whole


def percent(value: float | None) -> str:
    if value is None:
        return "effectif trop faible pour un pourcentage"
    text = f"{value * 100:.1f}".replace(".", ",")
    return f"{text} %"


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    count: int
    share: float | None
    small: bool
    reference_share: float | None = None  # the same share in the reference territory (France)

    @property
    def percent(self) -> str:
        return percent(self.share)

    @property
    def reference_percent(self) -> str:
        return percent(self.reference_share)


def breakdown(
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    reference: Mapping[str, int] | None = None,
    *,
    unknown_label: str = "Non classé",
) -> list[Part]:
    """One row per label (in the labels' order, then unknown keys), with shares of the total.

    Keys absent from `counts` are left out; `reference` (France) gives the same shares for
    comparison.
    """
    total = sum(counts.values())
    reference = reference or {}
    reference_total = sum(reference.values())
    keys = [k for k in labels if counts.get(k)] + sorted(
        k for k in counts if k not in labels and counts[k]
    )
    return [
        Part(
            key=key,
            label=labels.get(key) or unknown_label,
            count=counts[key],
            share=share(counts[key], total),
            small=is_small(counts[key]),
            reference_share=share(reference.get(key, 0), reference_total) if reference else None,
        )
        for key in keys
    ]


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: float
    value_text: str
    reference_width: float | None
    reference_text: str


def bars(parts: list[Part], width: int = 300, row: int = 34) -> tuple[list[Bar], int]:
    """Geometry of a horizontal bar chart of shares (0 to 100 % = `width`), and its height."""
    out = []
    for i, part in enumerate(parts):
        out.append(
            Bar(
                label=part.label,
                y=i * row,
                width=round((part.share or 0) * width, 1),
                value_text=part.percent if part.share is not None else f"{part.count}",
                reference_width=(
                    round(part.reference_share * width, 1)
                    if part.reference_share is not None
                    else None
                ),
                reference_text=part.reference_percent,
            )
        )
    return out, max(len(parts) * row, row)
