"""Searching the directory around a commune: by theme and distance from its centroid.

A service's place is its own coordinates, else its commune's centroid (territories'
CommuneOutline), else unknown: a service without a place is listed for its own commune only.
Four queries whatever the number of results: the commune with its outline, the communes whose
centroid lies in the search box, the services, the France Services sites.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from leviers.services.models import Service
from leviers.services.taxonomy import BY_SLUG, LOCAL_THEMES, LocalTheme, answers
from leviers.territories.geometry import Nearby, around, haversine_km, nearest_first
from leviers.territories.models import Commune, CommuneOutline, FranceServicesSite

DISTANCES = (5, 10, 20, 30, 50)
DEFAULT_DISTANCE = 20


@dataclass
class Directory:
    """What a commune's inhabitants can call: services and France Services sites, nearest
    first, within `distance` km. `located` is False when the commune has no outline (then
    only what is in the commune itself is found)."""

    commune: Commune
    theme: LocalTheme | None
    distance: int
    services: list[Nearby] = field(default_factory=list)
    france_services: list[Nearby] = field(default_factory=list)
    located: bool = True

    def by_theme(self) -> list[tuple[LocalTheme, list[Nearby]]]:
        """Each local theme with its services (a service may answer several), in the
        taxonomy's order; themes without a service are left out."""
        groups = []
        for theme in LOCAL_THEMES:
            found = [e for e in self.services if answers(theme, e.item.local_themes, e.item.themes)]
            if found:
                groups.append((theme, found))
        return groups


def commune_with_outline(code: str) -> Commune | None:
    return Commune.objects.select_related("outline", "department").filter(code=code).first()


def _origin(commune: Commune) -> tuple[float, float] | None:
    try:
        outline = commune.outline
    except CommuneOutline.DoesNotExist:
        return None
    return (outline.centroid_longitude, outline.centroid_latitude)


def _in_box(prefix: str, box) -> Q:
    return Q(
        **{
            f"{prefix}longitude__gte": box[0],
            f"{prefix}latitude__gte": box[1],
            f"{prefix}longitude__lte": box[2],
            f"{prefix}latitude__lte": box[3],
        }
    )


def search(
    commune: Commune, theme: str | None = None, distance: int = DEFAULT_DISTANCE
) -> Directory:
    local_theme = BY_SLUG.get(theme or "")
    directory = Directory(commune, local_theme, distance)
    origin = _origin(commune)
    directory.located = origin is not None
    centroids: dict[str, tuple[float, float]] = {}
    if origin is not None:
        box = around(origin, distance)
        centroids = {
            row[0]: (row[1], row[2])
            for row in CommuneOutline.objects.filter(_in_box("centroid_", box)).values_list(
                "commune_id", "centroid_longitude", "centroid_latitude"
            )
        }
        where = Q(commune=commune) | _in_box("", box) | Q(commune_id__in=list(centroids))
    else:
        where = Q(commune=commune)
    services = Service.objects.filter(where).select_related("structure", "commune")
    for service in services:
        if local_theme and not answers(local_theme, service.local_themes, service.themes):
            continue
        entry = _place(service, commune, origin, centroids, distance)
        if entry:
            directory.services.append(entry)
    directory.services = nearest_first(directory.services)
    if local_theme is None or local_theme.slug == "france-services":
        sites = FranceServicesSite.objects.filter(
            Q(commune=commune) | _in_box("", around(origin, distance))
            if origin
            else Q(commune=commune)
        ).select_related("commune")
        directory.france_services = nearest_first(
            e for e in (_place(s, commune, origin, centroids, distance) for s in sites) if e
        )
    return directory


def _place(item, commune, origin, centroids, distance) -> Nearby | None:
    in_commune = item.commune_id == commune.code
    point = None
    if item.longitude is not None and item.latitude is not None:
        point = (item.longitude, item.latitude)
    elif item.commune_id in centroids:
        point = centroids[item.commune_id]
    if origin is None or point is None:
        return Nearby(item, 0.0 if in_commune else None, in_commune) if in_commune else None
    km = haversine_km(origin, point)
    if km > distance and not in_commune:
        return None
    return Nearby(item, round(km, 1), in_commune, point[0], point[1])
