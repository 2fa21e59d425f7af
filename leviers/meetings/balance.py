"""The balance of a steering committee across its colleges (pure).

A copil is balanced when no college holds the majority of the active seats; a college without
any seat is named, since a copil « mixte » is the point (élus, associations, artisans,
agriculteurs, habitants, partenaires). The page shows each college's seats and share, the
largest share, and one sentence saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAJORITY = 0.5


@dataclass(frozen=True)
class CollegeSeats:
    code: str
    label: str
    seats: int
    share: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class Balance:
    colleges: tuple[CollegeSeats, ...]
    total: int

    @property
    def missing(self) -> list[str]:
        return [c.label for c in self.colleges if c.seats == 0]

    @property
    def dominant(self) -> CollegeSeats | None:
        """The college holding more than half of the seats, if one does."""
        largest = max(self.colleges, key=lambda c: c.seats, default=None)
        return largest if largest and self.total and largest.share > MAJORITY else None

    @property
    def is_balanced(self) -> bool:
        return self.total > 0 and self.dominant is None

    def sentence(self) -> str:
        if self.total == 0:
            return "Le comité n'a encore aucun membre."
        if dominant := self.dominant:
            words = (
                f"Déséquilibré : le collège « {dominant.label} » détient {dominant.seats} sièges "
                f"sur {self.total} ({dominant.percent} %)."
            )
        else:
            words = "Équilibré : aucun collège ne détient la majorité des sièges."
        if missing := self.missing:
            words += " Sans représentant : " + ", ".join(missing) + "."
        return words


def balance_of(colleges: Iterable[tuple[str, str]], seats: dict[str, int]) -> Balance:
    """`colleges`: (code, label) in display order; `seats`: active seats by college code."""
    total = sum(seats.values())
    return Balance(
        colleges=tuple(
            CollegeSeats(
                code, label, seats.get(code, 0), seats.get(code, 0) / total if total else 0
            )
            for code, label in colleges
        ),
        total=total,
    )
