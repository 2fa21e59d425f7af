"""ESS indicators of a commune or an EPCI (the directory of its actors: `directory`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from leviers.core.models import Dataset
from leviers.observatory import headcount, naf
from leviers.observatory.comparison import (
    commune_comparisons,
    comparison_row,
    territory_comparisons,
)
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.indicators import (
    SMALL_COUNT_NOTE,
    bars,
    breakdown,
)
from leviers.observatory.models import (
    Family,
    TerritoryEssStats,
)
from leviers.observatory.perimeter import perimeter
from leviers.territories.models import Commune, Epci


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
        "main": comparison_row(name, figures),
        "rows": [comparison_row(name, figures)]
        + [comparison_row(label, f) for label, f in comparisons],
        "families": families,
        "family_bars": family_bars,
        "family_height": family_height,
        "sections": sections,
        "section_bars": section_bars,
        "section_height": section_height,
        "headcount_method": headcount.METHOD,
        "small_count_note": SMALL_COUNT_NOTE,
        "perimeter_source": perimeter().source,
        "perimeter_status": perimeter().status,
        "cooperative_words": ", ".join(perimeter().cooperative_words),
        "exclusions": perimeter().naf_exclusions,
        "naf_source": naf.source(),
        "dataset": Dataset.objects.filter(key=DATASET_KEY).first(),
    }


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
    context = _indicators_context("epci", epci.name, figures, territory_comparisons(wanted))
    context["epci"] = epci
    return render(request, "observatory/territory.html", context)
