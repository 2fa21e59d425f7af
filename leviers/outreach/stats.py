"""Anonymous statistics of a team's journal, by commune and period (pure: tuples in, a table
out). Every count below `min_cell` is written « < 5 » (the threshold's value), and a total
amount over fewer rights than that is hidden too: the page and the CSV show the same strings,
so a small number is never exported.

    table = build(visits, orientations, rights, by="trimestre", min_cell=5, ...)
    table.header    ["Commune", "Période", "Visites", "Besoins : Portage de repas", ...]
    table.rows      [["Durtal", "2026 T1", "12", "< 5", ...], ...]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

QUARTER, YEAR = "trimestre", "annee"


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


def period(day: date, by: str) -> str:
    return period_of(day.year, (day.month - 1) // 3 + 1, by)


def period_of(year: int, quarter: int, by: str) -> str:
    return str(year) if by == YEAR else f"{year} T{quarter}"


def shown(count: int, min_cell: int) -> str:
    return f"< {min_cell}" if count < min_cell else str(count)


def build(
    visits: Iterable[tuple[str, int, int, int, dict[str, int]]],
    orientations: Iterable[tuple[str, int, int, str, int]],
    rights: Iterable[tuple[str, int, int, int, Decimal | None]],
    *,
    by: str,
    min_cell: int,
    theme_labels: dict[str, str],
    status_labels: dict[str, str],
) -> Table:
    """Counts already grouped by the database, one tuple per group:
    `visits`: (commune, year, quarter, number of visits, {theme: number of visits noting it});
    `orientations`: (commune, year, quarter, status, number) by the date proposed;
    `rights`: the rights obtained, (commune, year, quarter, number, total monthly amount) by
    the date of the decision."""
    visit_count: Counter = Counter()
    needs: dict[tuple, Counter] = defaultdict(Counter)
    outcomes: dict[tuple, Counter] = defaultdict(Counter)
    obtained: Counter = Counter()
    amounts: dict[tuple, Decimal] = defaultdict(Decimal)
    keys: set[tuple[str, str]] = set()
    for commune, year, quarter, count, by_theme in visits:
        key = (commune, period_of(year, quarter, by))
        keys.add(key)
        visit_count[key] += count
        needs[key].update(by_theme)
    for commune, year, quarter, status, count in orientations:
        key = (commune, period_of(year, quarter, by))
        keys.add(key)
        outcomes[key][status] += count
    for commune, year, quarter, count, amount in rights:
        key = (commune, period_of(year, quarter, by))
        keys.add(key)
        obtained[key] += count
        amounts[key] += amount or Decimal("0")

    themes = [slug for slug in theme_labels if any(needs[k][slug] for k in keys)]
    header = ["Commune", "Période", "Visites"]
    header += [f"Besoins : {theme_labels[slug]}" for slug in themes]
    header += [f"Orientations : {label}" for label in status_labels.values()]
    header += ["Droits obtenus", "Montant mensuel des droits obtenus (€)"]
    rows = []
    for key in sorted(keys):
        row = [key[0], key[1], shown(visit_count[key], min_cell)]
        row += [shown(needs[key][slug], min_cell) for slug in themes]
        row += [shown(outcomes[key][status], min_cell) for status in status_labels]
        row.append(shown(obtained[key], min_cell))
        row.append(f"< {min_cell} droits" if obtained[key] < min_cell else f"{amounts[key]:.2f}")
        rows.append(row)
    return Table(header, rows)
