"""What a person answers to the rights screening: no name, nothing stored (issue 14).

`Answers` is what `engine.screen` reads; `forms.ScreeningForm` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class Housing:
    """Housing status choices."""

    TENANT = "tenant"
    OWNER = "owner"
    HOSTED = "hosted"

    CHOICES = [
        (TENANT, "Locataire"),
        (OWNER, "Propriétaire"),
        (HOSTED, "Hébergé gratuitement (famille, amis)"),
    ]


@dataclass(frozen=True)
class Answers:
    """One household: a person alone, or a couple. Amounts are monthly, in euros, for the
    household (both members of a couple together), before tax.

    - `pensions`: retirement pensions (base and complementary), invalidity pensions;
    - `earnings`: wages and self-employed income;
    - `other`: other regular income (rents received, alimony, ...).
    `rent` is the monthly rent without charges (tenant only). `commune` is the INSEE code of
    the commune lived in (sets the housing-aid zone); `zone` (1, 2 or 3) overrides it.
    """

    age: int
    couple: bool = False
    partner_age: int | None = None
    pensions: Decimal = Decimal(0)
    earnings: Decimal = Decimal(0)
    other: Decimal = Decimal(0)
    housing: str = Housing.TENANT
    rent: Decimal = Decimal(0)
    commune: str = ""
    zone: int | None = None

    @property
    def resources(self) -> Decimal:
        return self.pensions + self.earnings + self.other

    @property
    def size(self) -> int:
        return 2 if self.couple else 1
