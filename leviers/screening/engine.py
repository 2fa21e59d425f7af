"""Rights screening: an ESTIMATE of ASPA, complémentaire santé solidaire and housing aid for a
household, computed by OpenFisca-France (decision 33).

`screen(answers)` is the one entry point; the legislation is loaded once per process, on first
use (`tax_benefit_system()`), so its load time is measured apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from leviers.screening.answers import Answers

RIGHTS = ("aspa", "css", "aide_logement")


@dataclass(frozen=True)
class RightEstimate:
    """One right's estimate. `eligible` is None when it cannot be said from the answers;
    `monthly_amount` is what the household would receive (ASPA, housing aid) or pay (CSS
    with contribution), in euros a month, or None."""

    slug: str
    label: str
    eligible: bool | None
    monthly_amount: Decimal | None
    note: str
    next_step: str
    legislation_date: date


def screen(answers: Answers) -> list[RightEstimate]:
    raise NotImplementedError
