"""The funding plan of a project, year by year: a pure core (no database, no request).

    totals = plan_by_year(lines, applications, volunteer_rate=Decimal("12.02"))
    totals.years[0].missing       # what is still to find in the first year

What counts where (docs/financement.md says the same for people):

- **Budget** of a year: its expense lines, plus its volunteer hours when they are valued
  (hours × the rate). Valued volunteering is a contribution in kind: it appears on both sides,
  as a charge and as a resource (associations' accounts do the same, accounts 86 and 87), so it
  never changes what is missing.
- **Secured** (acquis): own funds, valued volunteering, and the aid of applications granted,
  paid or settled (accordé, versé, soldé), at the amount granted.
- **Pending** (en attente): applications filed or under review (déposé, en instruction), at the
  amount asked.
- **Planned** (en préparation): applications still being prepared, at the amount asked.
- **Missing** (reste à trouver): budget − secured − pending − planned, never below zero;
  **surplus** when resources go over the budget.

An application's amount is spread over the years of its instalments; what the instalments do
not cover falls in the application's own year. Instalments that exceed the amount are kept as
they are and reported (`warnings`). Refused applications count nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0")
CENT = Decimal("0.01")
NBSP = "\xa0"

# Application statuses (the models use the same words).
PREPARING, FILED, REVIEWING = "a-preparer", "depose", "en-instruction"
GRANTED, REFUSED, PAID, SETTLED = "accorde", "refuse", "verse", "solde"
SECURED_STATUSES = frozenset({GRANTED, PAID, SETTLED})
PENDING_STATUSES = frozenset({FILED, REVIEWING})
PLANNED_STATUSES = frozenset({PREPARING})

# Budget line kinds.
EXPENSE, OWN_FUNDS, VOLUNTEERING = "depense", "fonds-propres", "benevolat"


@dataclass(frozen=True)
class Line:
    kind: str
    year: int
    amount: Decimal = ZERO
    hours: Decimal = ZERO
    valued: bool = False


@dataclass(frozen=True)
class Aid:
    """An application as the plan reads it; `instalments`: (year, amount) pairs."""

    title: str
    status: str
    year: int
    asked: Decimal
    granted: Decimal | None = None
    instalments: tuple[tuple[int, Decimal], ...] = ()
    received: tuple[tuple[int, Decimal], ...] = ()


@dataclass
class Year:
    year: int
    expenses: Decimal = ZERO
    volunteering: Decimal = ZERO  # valued volunteer hours (a charge and a resource)
    volunteer_hours: Decimal = ZERO
    own_funds: Decimal = ZERO
    aid_secured: Decimal = ZERO
    pending: Decimal = ZERO
    planned: Decimal = ZERO
    received: Decimal = ZERO

    @property
    def budget(self) -> Decimal:
        return self.expenses + self.volunteering

    @property
    def secured(self) -> Decimal:
        return self.own_funds + self.volunteering + self.aid_secured

    @property
    def balance(self) -> Decimal:
        """Budget minus every resource counted (secured, pending, planned)."""
        return self.budget - self.secured - self.pending - self.planned

    @property
    def missing(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def surplus(self) -> Decimal:
        return max(-self.balance, ZERO)

    def add(self, other: Year) -> None:
        for name in (
            "expenses",
            "volunteering",
            "volunteer_hours",
            "own_funds",
            "aid_secured",
            "pending",
            "planned",
            "received",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Totals:
    years: list[Year]
    total: Year
    warnings: list[str] = field(default_factory=list)


def aid_amount(aid: Aid) -> Decimal:
    """What the plan counts for an application: granted once granted, else asked; refused: 0."""
    if aid.status == REFUSED:
        return ZERO
    if aid.status in SECURED_STATUSES:
        return aid.granted if aid.granted is not None else aid.asked
    return aid.asked


def spread(aid: Aid) -> tuple[dict[int, Decimal], str | None]:
    """The application's amount by year, and a warning when its instalments exceed it."""
    amount = aid_amount(aid)
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for year, part in aid.instalments:
        by_year[year] += part
    rest = amount - sum(by_year.values(), ZERO)
    warning = None
    if rest > 0:
        by_year[aid.year] += rest
    elif rest < 0:
        warning = (
            f"Les versements prévus de « {aid.title} » ({euros(amount - rest)}) dépassent "
            f"son montant ({euros(amount)})."
        )
    return dict(by_year), warning


def plan_by_year(
    lines: Iterable[Line], aids: Iterable[Aid], *, volunteer_rate: Decimal | None
) -> Totals:
    """Totals by year and overall. `volunteer_rate`: euros per volunteer hour, None to value
    no hours whatever the lines say."""
    years: dict[int, Year] = {}

    def at(year: int) -> Year:
        return years.setdefault(year, Year(year))

    for line in lines:
        row = at(line.year)
        if line.kind == EXPENSE:
            row.expenses += line.amount
        elif line.kind == OWN_FUNDS:
            row.own_funds += line.amount
        elif line.kind == VOLUNTEERING:
            row.volunteer_hours += line.hours
            if line.valued and volunteer_rate is not None:
                row.volunteering += money(line.hours * volunteer_rate)
        else:
            raise ValueError(f"Nature de ligne inconnue : {line.kind!r}")
    warnings = []
    for aid in aids:
        for year, part in aid.received:
            at(year).received += part
        if aid.status == REFUSED:
            continue
        by_year, warning = spread(aid)
        if warning:
            warnings.append(warning)
        for year, part in by_year.items():
            row = at(year)
            if aid.status in SECURED_STATUSES:
                row.aid_secured += part
            elif aid.status in PENDING_STATUSES:
                row.pending += part
            elif aid.status in PLANNED_STATUSES:
                row.planned += part
            else:
                raise ValueError(f"Statut de demande inconnu : {aid.status!r}")
    ordered = [years[y] for y in sorted(years)]
    total = Year(0)
    for row in ordered:
        total.add(row)
    return Totals(ordered, total, warnings)


# --- Money -------------------------------------------------------------------------------------


def money(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (as accountants do)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal | int | None) -> str:
    """French writing of an amount: « 12 500 € », « 1 250,50 € », « −300 € » (no-break spaces)."""
    if value is None:
        return "—"
    value = money(Decimal(value))
    sign = "−" if value < 0 else ""
    units, cents = divmod(abs(value), 1)
    grouped = f"{int(units):,}".replace(",", NBSP)
    decimals = f",{int(cents * 100):02d}" if cents else ""
    return f"{sign}{grouped}{decimals}{NBSP}€"


class AmountError(ValueError):
    """Why a typed amount is not one, in French."""


def parse_euros(text: str, *, allow_cents: bool = True) -> Decimal:
    """An amount as people type it: « 12 500 », « 12500,50 », « 12 500 € », « 12.500,00 »."""
    cleaned = text.strip().removesuffix("€").removesuffix("EUR").strip()
    for space in (" ", NBSP, "\u202f"):
        cleaned = cleaned.replace(space, "")
    if "," in cleaned:
        # A comma is the decimal mark; dots before it group thousands (« 12.500,50 »).
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3:
        raise AmountError(
            f"« {text.strip()} » est ambigu : écrivez 12 500 pour douze mille cinq cents "
            "euros, ou 12,50 pour douze euros cinquante."
        )
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    if not cleaned or not all(c.isdigit() or c in ".-" for c in cleaned):
        raise AmountError(f"« {text.strip()} » n'est pas un montant en euros (par exemple 12 500).")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(
            f"« {text.strip()} » n'est pas un montant en euros (par exemple 12 500)."
        ) from None
    if value < 0:
        raise AmountError("Un montant ne peut pas être négatif.")
    if value != money(value):
        raise AmountError(
            "Un montant s'écrit au centime près au plus (deux chiffres après la virgule)."
        )
    if not allow_cents and value != value.to_integral_value():
        raise AmountError("Écrivez un nombre entier.")
    return value
