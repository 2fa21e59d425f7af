"""What the page of an intercommunality shows beyond its own fields, read from the members:
their outlines (the map), programmes, France Services sites, the experiences in and near it,
the ESS figures beside its department, region and France, and its population.

Two populations exist: the referential gives one for the EPCI (`Epci.population`, the figure
the eligibility criteria read), and each member commune has its own, whose sum may differ a
little (the two are published apart). The page shows the EPCI's figure and says so when the
sum differs; shares of inhabitants (rural ones) are taken over the members' sum, the only
figure that can be split commune by commune.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from leviers.catalogue.models import Experience
from leviers.core.text import count_of
from leviers.journey.diagnosis import EXPERIENCES_RADIUS_KM
from leviers.observatory.comparison import comparison_row, territory_comparisons
from leviers.territories.geometry import Nearby, around, haversine_km, nearest_first
from leviers.territories.maps import Shape, describe, render_members_map
from leviers.territories.models import (
    FRANCE,
    Commune,
    CommuneOutline,
    Epci,
    FranceServicesSite,
    Programme,
)

# The members as the page reads them: department and outline (without its path) joined.
MEMBERS = Commune.objects.select_related("department", "region", "outline").defer("outline__path")


@dataclass(frozen=True)
class Population:
    """The EPCI's population (referential) and the sum of its members' (None when unknown)."""

    epci: int | None
    members: int

    @property
    def differs(self) -> bool:
        return self.epci is not None and self.epci != self.members

    @property
    def gap(self) -> int:
        return abs((self.epci or 0) - self.members)


def members_of(epci: Epci) -> list[Commune]:
    """The member communes, most populated first (one query)."""
    return list(MEMBERS.filter(epci=epci).order_by("-population", "name"))


def centre(members: list[Commune]) -> tuple[float, float] | None:
    """The mean of the members' centroids (None when no outline is imported)."""
    points = [m.outline.centroid for m in members if getattr(m, "outline", None)]
    if not points:
        return None
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def programmes_of(members: list[Commune]) -> list[tuple[Programme, list[Commune]]]:
    """Each programme whose list is imported, with the members in it (two queries)."""
    by_code = {m.code: m for m in members}
    found: dict[str, list[Commune]] = {}
    rows = Programme.communes.through.objects.filter(commune_id__in=list(by_code))
    for slug, code in rows.values_list("programme_id", "commune_id"):
        found.setdefault(slug, []).append(by_code[code])
    return [
        (programme, sorted(found.get(programme.slug, []), key=lambda m: m.name))
        for programme in Programme.objects.all()
    ]


def france_services_in(members: list[Commune]) -> list[Nearby]:
    """The France Services sites of the member communes, by commune then name (one query)."""
    sites = FranceServicesSite.objects.filter(commune__in=[m.code for m in members])
    return [
        Nearby(site, None, True, site.longitude, site.latitude)
        for site in sites.select_related("commune").order_by("commune__name", "name")
    ]


def experiences_around(epci: Epci, members: list[Commune], point) -> tuple[list, list]:
    """(in, near): the experiences carried in a member commune, then those within
    EXPERIENCES_RADIUS_KM of the EPCI's centre, nearest first (one query)."""
    codes = {m.code for m in members}
    query = Experience.objects.filter(commune__in=codes)
    if point is not None:
        west, south, east, north = around(point, EXPERIENCES_RADIUS_KM)
        query = query | Experience.objects.filter(
            commune__outline__centroid_latitude__range=(south, north),
            commune__outline__centroid_longitude__range=(west, east),
        )
    inside, near = [], []
    rows = query.select_related("commune__outline").defer("commune__outline__path", "story")
    for experience in rows.distinct():
        outline = getattr(experience.commune, "outline", None)
        where = outline.centroid if outline else (None, None)
        distance = haversine_km(point, where) if point and outline else None
        if experience.commune_id in codes:
            inside.append(Nearby(experience, distance, True, *where))
        elif distance is not None and distance <= EXPERIENCES_RADIUS_KM:
            near.append(Nearby(experience, distance, False, *where))
    return sorted(inside, key=lambda n: str(n.item)), nearest_first(near)


def ess_rows(epci: Epci, members: list[Commune]) -> list[dict]:
    """The ESS comparison: the EPCI, its departments, its regions, France (one query)."""
    departments = sorted({(m.department_id, m.department.name) for m in members})
    regions = sorted({(m.region_id, m.region.name) for m in members})
    wanted = [(epci.name, "epci", epci.siren)]
    wanted += [(f"{name} ({code})", "department", code) for code, name in departments]
    wanted += [(name, "region", code) for code, name in regions]
    wanted.append(("France", "france", FRANCE))
    return [comparison_row(label, figures) for label, figures in territory_comparisons(wanted)]


def members_map_svg(epci: Epci, *, france_services_imported: bool) -> str | None:
    """The map of the intercommunality, or None when no member outline is imported. Three
    queries (outlines, sites, experiences)."""
    rows = CommuneOutline.objects.filter(commune__epci=epci).values_list(
        "commune_id", "path", "min_longitude", "min_latitude", "max_longitude", "max_latitude"
    )
    shapes = [Shape(code, epci.siren, path, tuple(box)) for code, path, *box in rows]
    if not shapes:
        return None
    codes = [s.code for s in shapes]
    sites = None
    if france_services_imported:
        found = FranceServicesSite.objects.filter(commune__in=codes)
        sites = [
            Nearby(site, None, False, site.longitude, site.latitude)
            for site in found.select_related("commune").order_by("commune__name", "name")
        ]
    found = Experience.objects.filter(commune__in=codes).select_related("commune__outline")
    experiences = [
        Nearby(e, None, False, *e.commune.outline.centroid)
        for e in sorted(found.defer("commune__outline__path", "story"), key=str)
    ]
    text = f"Les {len(shapes)} communes de {epci.name} en vert clair."
    if sites is None:
        text += " Sites France Services : liste non renseignée."
    else:
        text += f" {count_of(len(sites), 'site')} France Services (disques orange numérotés)"
        text += f" : {describe(sites)}." if sites else "."
    text += f" {count_of(len(experiences), 'expérience')} (losanges violets numérotés)"
    text += f" : {describe(experiences)}." if experiences else "."
    return render_members_map(
        epci.name, shapes, sites, experiences, title=map_title(epci), description=text
    )


def map_title(epci: Epci) -> str:
    return f"Carte de {epci.name}"


def population(epci: Epci, members: list[Commune]) -> Population:
    return Population(epci.population, sum(m.population or 0 for m in members))


def share(part: int, whole: int) -> int | None:
    """A rounded percentage (None for an empty whole)."""
    return math.floor(100 * part / whole + 0.5) if whole else None
