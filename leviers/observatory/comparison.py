"""The ESS figures of a territory beside those of the territories around it, as the rows of a
comparison table: read from the figures computed at import, never at page time."""

from __future__ import annotations

from django.db.models import Q

from leviers.observatory import headcount
from leviers.observatory.indicators import is_small, percent, share
from leviers.observatory.models import CommuneEssStats, TerritoryEssStats
from leviers.territories.models import Commune


def comparison_row(label: str, figures) -> dict:
    """One line of the comparison table."""
    if figures is None:
        return {"label": label, "missing": True}
    n = figures.establishments
    return {
        "label": label,
        "missing": False,
        "establishments": n,
        "small": is_small(n),
        "legal_units": figures.legal_units,
        "employers": figures.employer_establishments,
        "employer_share": percent(share(figures.employer_establishments, n)),
        "headcount": str(
            headcount.HeadcountRange(
                figures.headcount_low, figures.headcount_high, figures.headcount_unknown
            )
        ),
        # The headline share, comparable with published figures: employer ESS establishments
        # over employer private establishments.
        "private_employers": figures.private_employer_establishments,
        "ess_share": percent(
            share(figures.employer_establishments, figures.private_employer_establishments)
        ),
    }


def territory_comparisons(wanted: list[tuple[str, str, str]]) -> list[tuple[str, object]]:
    """(label, figures) for each (label, level, code), in one query."""
    query = Q(pk__in=[])
    for _, level, code in wanted:
        query |= Q(level=level, code=code)
    found = {(s.level, s.code): s for s in TerritoryEssStats.objects.filter(query)}
    return [(label, found.get((level, code))) for label, level, code in wanted]


def commune_comparisons(commune: Commune):
    """The commune's ESS figures, and those of its EPCI, department, region and France (the
    rungs of its ladder above it)."""
    figures = CommuneEssStats.objects.filter(commune=commune).first()
    wanted = [
        (
            f"{rung.name} ({rung.code})" if rung.level == "department" else rung.name,
            rung.level,
            rung.code,
        )
        for rung in commune.ladder()[1:]
    ]
    return figures, territory_comparisons(wanted)


def ess_comparison(commune: Commune) -> list[dict]:
    """The rows of the comparison table: the commune, its EPCI, department, region, France."""
    figures, comparisons = commune_comparisons(commune)
    return [comparison_row(commune.name, figures)] + [
        comparison_row(label, f) for label, f in comparisons
    ]
