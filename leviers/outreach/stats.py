"""Anonymous statistics of a team's journal, by commune and period (pure: tuples in, a table
out). Every count below `min_cell` is written « < 5 » (the threshold's value), and a total
amount over fewer rights than that is hidden too: the page and the CSV show the same strings,
so a small number is never exported.

Rows are grouped by the commune's INSEE code, never by its name: France has many communes of
the same name (Saint-Denis in Seine-Saint-Denis and at La Réunion). Each row shows the name,
with the department when another commune of the team has the same (`commune_labels`).

    table = build(visits, orientations, rights, by="trimestre", min_cell=5, communes=..., ...)
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


def commune_labels(communes: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """{INSEE code: what the table shows} for (code, name, department's name) triples: the
    name alone, « Saint-Denis (La Réunion) » when another commune has the same name, and the
    code too when they share the department as well."""
    communes = list(communes)
    names = Counter(name for _code, name, _department in communes)
    in_department = Counter((name, department) for _code, name, department in communes)
    labels = {}
    for code, name, department in communes:
        if names[name] == 1:
            labels[code] = name
        elif in_department[name, department] == 1:
            labels[code] = f"{name} ({department})"
        else:
            labels[code] = f"{name} ({department}, {code})"
    return labels


def shown(count: int, min_cell: int) -> str:
    return f"< {min_cell}" if count < min_cell else str(count)


def build(
    visits: Iterable[tuple[str, int, int, int, dict[str, int]]],
    orientations: Iterable[tuple[str, int, int, str, int]],
    rights: Iterable[tuple[str, int, int, int, Decimal | None]],
    *,
    by: str,
    min_cell: int,
    communes: dict[str, str],
    theme_labels: dict[str, str],
    status_labels: dict[str, str],
) -> Table:
    """Counts already grouped by the database, one tuple per group, the commune named by its
    INSEE code:
    `visits`: (commune, year, quarter, number of visits, {theme: number of visits noting it});
    `orientations`: (commune, year, quarter, status, number) by the date proposed;
    `rights`: the rights obtained, (commune, year, quarter, number, total monthly amount) by
    the date of the decision.
    `communes`: {INSEE code: the name shown} (`commune_labels`)."""
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
    for key in sorted(keys, key=lambda key: (communes[key[0]], key)):
        row = [communes[key[0]], key[1], shown(visit_count[key], min_cell)]
        row += [shown(needs[key][slug], min_cell) for slug in themes]
        row += [shown(outcomes[key][status], min_cell) for status in status_labels]
        row.append(shown(obtained[key], min_cell))
        row.append(f"< {min_cell} droits" if obtained[key] < min_cell else f"{amounts[key]:.2f}")
        rows.append(row)
    return Table(header, rows)
