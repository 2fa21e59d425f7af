"""The territory diagnosis of a commune, as its page shows it: the referential's comparisons
and charts, the France Services sites nearby (territories), the experiences of the catalogue
around it, and the commune's map. The ESS comparison is the observatory's `{% ess_summary %}`
tag, which the page's template loads."""

from __future__ import annotations

from leviers.catalogue.models import Experience
from leviers.core.models import Dataset
from leviers.territories.diagnosis import (
    FRANCE_SERVICES_RADIUS_KM,
    aggregates,
    comparisons,
    density_scale,
    france_services_nearby,
    rural_bars,
)
from leviers.territories.maps import describe, map_title, render_map, shapes_around
from leviers.territories.models import Commune

EXPERIENCES_RADIUS_KM = 50


def commune_diagnosis(commune: Commune, datasets: dict[str, Dataset]) -> dict:
    """What the commune page shows beyond the commune's own fields (`datasets`: the `Dataset`
    rows by key, as the page loads them)."""
    outline = getattr(commune, "outline", None)
    centroid = outline.centroid if outline else None
    everything = aggregates(datasets)
    rows = comparisons(commune, everything)
    graded = everything.france.graded > 0
    around = Experience.objects.near(commune, EXPERIENCES_RADIUS_KM)
    return {
        "outline": outline,
        "comparisons": rows,
        "graded": graded,
        "epci_members": everything.epcis[commune.epci_id].communes
        if commune.epci_id in everything.epcis
        else None,
        "density_scale": density_scale(commune.density_level),
        "rural_bars": rural_bars(rows) if graded else None,
        "france_services_nearby": france_services_nearby(commune, centroid),
        "experiences_nearby": around.nearby,
        "experiences_in_department": around.in_department,
        "france_services_radius": FRANCE_SERVICES_RADIUS_KM,
        "experiences_radius": EXPERIENCES_RADIUS_KM,
    }


def commune_map_svg(
    commune: Commune, centroid: tuple[float, float], *, france_services_imported: bool
) -> str:
    """The map of `commune` (department, EPCI, sites and experiences nearby), 3 queries."""
    shapes = shapes_around(commune)
    sites = france_services_nearby(commune, centroid) if france_services_imported else None
    experiences = Experience.objects.near(commune, EXPERIENCES_RADIUS_KM).nearby
    parts = [f"Les communes du département {commune.department}"]
    if commune.epci_id:
        parts.append(f"celles de {commune.epci.name} en vert clair")
    parts.append(f"{commune.name} en vert foncé.")
    text = ", ".join(parts)
    if sites is None:
        text += " Sites France Services : liste pas encore chargée sur ce site."
    else:
        text += (
            f" {len(sites)} site(s) France Services à moins de {FRANCE_SERVICES_RADIUS_KM} km "
            f"du centre de la commune (disques orange numérotés)"
        )
        text += f" : {describe(sites)}." if sites else "."
    text += (
        f" {len(experiences)} expérience(s) à moins de {EXPERIENCES_RADIUS_KM} km "
        "(losanges violets numérotés)"
    )
    text += f" : {describe(experiences)}." if experiences else "."
    return render_map(
        commune,
        shapes,
        sites,
        experiences,
        centroid=centroid,
        radius_km=FRANCE_SERVICES_RADIUS_KM,
        experiences_radius_km=EXPERIENCES_RADIUS_KM,
        title=map_title(commune),
        description=text,
    )
