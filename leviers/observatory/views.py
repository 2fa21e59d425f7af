"""ESS indicators of a commune or an EPCI (the directory of its actors: `directory`)."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from leviers.core.models import Dataset
from leviers.observatory import headcount, naf
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.indicators import (
    SMALL_COUNT_NOTE,
    bars,
    breakdown,
    is_small,
    percent,
    share,
)
from leviers.observatory.models import (
    CommuneEssStats,
    Family,
    TerritoryEssStats,
)
from leviers.observatory.perimeter import perimeter
from leviers.territories.models import Commune, Epci


def _row(label: str, figures) -> dict:
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
        "private": figures.private_establishments,
        "ess_share": percent(share(n, figures.private_establishments)),
    }


def _indicators_context(kind: str, name: str, figures, comparisons: list[tuple[str, object]]):
    france = next((f for label, f in comparisons if label == "France"), None)
    family_labels = dict(Family.choices)
    families = breakdown(
        figures.by_family if figures else {},
        family_labels,
        france.by_family if france else None,
    )
    sections = breakdown(
        figures.by_section if figures else {},
        naf.sections(),
        france.by_section if france else None,
    )
    family_bars, family_height = bars(families)
    section_bars, section_height = bars(sections)
    return {
        "kind": kind,
        "name": name,
        "figures": figures,
        "main": _row(name, figures),
        "rows": [_row(name, figures)] + [_row(label, f) for label, f in comparisons],
        "families": families,
        "family_bars": family_bars,
        "family_height": family_height,
        "sections": sections,
        "section_bars": section_bars,
        "section_height": section_height,
        "headcount_method": headcount.METHOD,
        "small_count_note": SMALL_COUNT_NOTE,
        "perimeter_source": perimeter().source,
        "exclusions": perimeter().naf_exclusions,
        "naf_source": naf.source(),
        "dataset": Dataset.objects.filter(key=DATASET_KEY).first(),
    }


def _comparisons(wanted: list[tuple[str, str, str]]) -> list[tuple[str, object]]:
    """(label, figures) for each (label, level, code), in one query."""
    query = Q(pk__in=[])
    for _, level, code in wanted:
        query |= Q(level=level, code=code)
    found = {(s.level, s.code): s for s in TerritoryEssStats.objects.filter(query)}
    return [(label, found.get((level, code))) for label, level, code in wanted]


def commune_comparisons(commune: Commune):
    """The commune's ESS figures, and those of its EPCI, department, region and France."""
    figures = CommuneEssStats.objects.filter(commune=commune).first()
    wanted = []
    if commune.epci:
        wanted.append((commune.epci.name, "epci", commune.epci_id))
    wanted += [
        (
            f"{commune.department.name} ({commune.department_id})",
            "department",
            commune.department_id,
        ),
        (commune.region.name, "region", commune.region_id),
        ("France", "france", "FR"),
    ]
    return figures, _comparisons(wanted)


def comparison_rows(commune: Commune) -> list[dict]:
    """The rows of the comparison table, for the commune's diagnosis page too."""
    figures, comparisons = commune_comparisons(commune)
    return [_row(commune.name, figures)] + [_row(label, f) for label, f in comparisons]


def commune_indicators(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci"), code=code
    )
    figures, comparisons = commune_comparisons(commune)
    context = _indicators_context("commune", commune.name, figures, comparisons)
    context["commune"] = commune
    return render(request, "observatory/territory.html", context)


def epci_indicators(request, siren: str):
    epci = get_object_or_404(Epci, siren=siren)
    # The department and region of its most populated commune (an EPCI may straddle two).
    seat = (
        Commune.objects.filter(epci=epci)
        .select_related("department", "region")
        .order_by("-population", "code")
        .first()
    )
    figures = TerritoryEssStats.objects.filter(level="epci", code=epci.siren).first()
    wanted = []
    if seat:
        wanted += [
            (f"{seat.department.name} ({seat.department_id})", "department", seat.department_id),
            (seat.region.name, "region", seat.region_id),
        ]
    wanted.append(("France", "france", "FR"))
    context = _indicators_context("epci", epci.name, figures, _comparisons(wanted))
    context["epci"] = epci
    return render(request, "observatory/territory.html", context)
