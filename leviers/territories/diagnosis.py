"""The territory diagnosis of a commune: its figures beside those of its EPCI, department,
region and France, and what lies nearby (France Services sites, experiences of the catalogue).

The aggregates of every EPCI, department and region come from one grouped query over the
communes, summed in Python (`aggregate`, pure) and kept per process until the referential or
the density grid is imported again (`aggregates`, a `StampedCache` on their `Dataset` rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from leviers.core.caching import StampedCache
from leviers.core.models import Dataset
from leviers.territories.density import RURAL_LEVELS
from leviers.territories.geometry import around, haversine_km
from leviers.territories.models import Commune, FranceServicesSite

FRANCE_SERVICES_RADIUS_KM = 15
EXPERIENCES_RADIUS_KM = 50
STAMPED = ("decoupage-administratif", "grille-densite")


@dataclass
class Aggregate:
    """What is summed over the communes of a territory."""

    communes: int = 0
    population: int = 0
    graded: int = 0  # communes whose density level is known
    graded_population: int = 0
    rural: int = 0
    rural_population: int = 0
    levels: dict[int, int] = field(default_factory=dict)  # density level → communes

    def add(self, level: int | None, communes: int, population: int) -> None:
        self.communes += communes
        self.population += population
        if level is None:
            return
        self.graded += communes
        self.graded_population += population
        self.levels[level] = self.levels.get(level, 0) + communes
        if level in RURAL_LEVELS:
            self.rural += communes
            self.rural_population += population

    @property
    def rural_share(self) -> float | None:
        """Share of rural communes, in %, among those whose level is known."""
        return 100 * self.rural / self.graded if self.graded else None

    @property
    def rural_population_share(self) -> float | None:
        """Share of the population living in a rural commune, in %."""
        if not self.graded_population:
            return None
        return 100 * self.rural_population / self.graded_population

    @property
    def complete(self) -> bool:
        return self.graded == self.communes


@dataclass
class Aggregates:
    france: Aggregate = field(default_factory=Aggregate)
    regions: dict[str, Aggregate] = field(default_factory=dict)
    departments: dict[str, Aggregate] = field(default_factory=dict)
    epcis: dict[str, Aggregate] = field(default_factory=dict)


def aggregate(rows: Iterable[tuple[str, str, str | None, int | None, int, int]]) -> Aggregates:
    """Sum rows of (department, region, epci, density level, communes, population)."""
    result = Aggregates()
    for department, region, epci, level, communes, population in rows:
        targets = [
            result.france,
            result.regions.setdefault(region, Aggregate()),
            result.departments.setdefault(department, Aggregate()),
        ]
        if epci:
            targets.append(result.epcis.setdefault(epci, Aggregate()))
        for target in targets:
            target.add(level, communes, population or 0)
    return result


def _stamp(datasets: dict[str, Dataset]) -> tuple:
    """Changes whenever the referential or the density grid is imported again."""
    return tuple(
        (d.pk, d.imported_at, d.checksum) if (d := datasets.get(key)) else None for key in STAMPED
    )


def _build() -> Aggregates:
    rows = (
        Commune.objects.order_by()
        .values_list("department_id", "region_id", "epci_id", "density_level")
        .annotate(communes=Count("code"), population=Sum("population"))
    )
    return aggregate(rows)


_aggregates = StampedCache(
    "territory aggregates",
    stamp=lambda: _stamp(Dataset.objects.filter(key__in=STAMPED).in_bulk(field_name="key")),
    build=_build,
)


def aggregates(datasets: dict[str, Dataset] | None = None) -> Aggregates:
    """The aggregates of every territory, computed once per process and per import of the
    referential or density grid (`datasets`: the `Dataset` rows by key when the page has
    loaded them already, which saves reading their stamp)."""
    if datasets is None:
        return _aggregates.get()
    return _aggregates.get(stamp=_stamp(datasets))


def reset_aggregates() -> None:
    _aggregates.reset()


# --- Comparisons -------------------------------------------------------------------------------


@dataclass
class Comparison:
    """One row of the comparison table and bar chart."""

    level: str  # "commune", "epci", "département", "région", "France"
    name: str
    figures: Aggregate
    url: str = ""
    official_population: int | None = None

    @property
    def population(self) -> int | None:
        """The population INSEE gives the territory when it does (an EPCI's may differ by a
        few inhabitants from the sum of its communes'), else the sum of its communes'."""
        if self.official_population is not None:
            return self.official_population
        return self.figures.population if self.figures.communes else None


def comparisons(commune: Commune, everything: Aggregates) -> list[Comparison]:
    own = Aggregate()
    own.add(commune.density_level, 1, commune.population or 0)
    rows = [
        Comparison("commune", commune.name, own, commune.get_absolute_url(), commune.population)
    ]
    if commune.epci_id and commune.epci_id in everything.epcis:
        rows.append(
            Comparison(
                "intercommunalité",
                commune.epci.name,
                everything.epcis[commune.epci_id],
                commune.epci.get_absolute_url(),
                commune.epci.population,
            )
        )
    rows.append(
        Comparison(
            "département",
            commune.department.name,
            everything.departments.get(commune.department_id, Aggregate()),
        )
    )
    rows.append(
        Comparison(
            "région", commune.region.name, everything.regions.get(commune.region_id, Aggregate())
        )
    )
    rows.append(Comparison("pays", "France", everything.france))
    return rows


# --- Nearby ------------------------------------------------------------------------------------


@dataclass
class Nearby:
    """Something near the commune, with its distance from the commune's centroid in km
    (None when unknown: a site without coordinates, listed for its own commune only)."""

    item: object
    distance: float | None
    in_commune: bool
    longitude: float | None = None
    latitude: float | None = None


def france_services_nearby(
    commune: Commune,
    centroid: tuple[float, float] | None,
    radius: float = FRANCE_SERVICES_RADIUS_KM,
) -> list[Nearby]:
    """Sites of the commune and, when its centroid is known, those within `radius` km of it,
    nearest first."""
    if centroid is None:
        return [Nearby(site, None, True) for site in commune.france_services.all()]
    west, south, east, north = around(centroid, radius)
    sites = FranceServicesSite.objects.filter(
        latitude__range=(south, north), longitude__range=(west, east)
    ) | FranceServicesSite.objects.filter(commune=commune, latitude__isnull=True)
    found = []
    for site in sites.select_related("commune"):
        own = site.commune_id == commune.code
        if site.latitude is None or site.longitude is None:
            found.append(Nearby(site, None, own))
            continue
        distance = haversine_km(centroid, (site.longitude, site.latitude))
        if distance <= radius or own:
            found.append(Nearby(site, distance, own, site.longitude, site.latitude))
    return sorted(found, key=_nearest)


def experiences_nearby(
    commune: Commune, centroid: tuple[float, float] | None, radius: float = EXPERIENCES_RADIUS_KM
) -> list[Nearby]:
    """Experiences of the catalogue carried in the commune or within `radius` km of its
    centroid (measured between commune centroids), nearest first."""
    return experiences_around(commune, centroid, radius)[0]


def experiences_around(
    commune: Commune, centroid: tuple[float, float] | None, radius: float = EXPERIENCES_RADIUS_KM
) -> tuple[list[Nearby], list]:
    """(experiences_nearby, those the source places in the commune's department without
    naming a commune: listed apart, with no distance and no point on the map). One query."""
    from leviers.catalogue.models import Experience

    in_department = Q(commune=None, department=commune.department_id)
    if centroid is None:
        located = Q(commune=commune)
    else:
        west, south, east, north = around(centroid, radius)
        located = Q(
            commune__outline__centroid_latitude__range=(south, north),
            commune__outline__centroid_longitude__range=(west, east),
        )
    experiences = Experience.objects.filter(located | in_department).select_related(
        "commune__outline"
    )
    found, elsewhere = [], []
    for experience in experiences.defer("commune__outline__path", "story"):
        if experience.commune_id is None:
            elsewhere.append(experience)
        elif centroid is None:
            found.append(Nearby(experience, None, True))
        else:
            point = experience.commune.outline.centroid
            distance = haversine_km(centroid, point)
            if distance <= radius:
                own = experience.commune_id == commune.code
                found.append(Nearby(experience, distance, own, *point))
    return sorted(found, key=_nearest), sorted(elsewhere, key=str)


def _nearest(entry: Nearby) -> tuple[bool, float, str]:
    return not entry.in_commune, entry.distance or 0.0, str(entry.item)


# --- Charts ------------------------------------------------------------------------------------
# Coordinates are computed here, as text with a decimal point: the page's locale writes
# numbers with a comma, which SVG does not read.

CHART_WIDTH = 360


def density_scale(level: int | None) -> list[dict]:
    """The 7 cells of the density scale, the commune's level marked."""
    from leviers.territories.density import DENSITY_LABELS

    cell, gap, left = 46, 4, 10
    return [
        {
            "level": n,
            "label": label,
            "x": left + (n - 1) * (cell + gap),
            "centre": left + (n - 1) * (cell + gap) + cell // 2,
            "width": cell,
            "rural": n in RURAL_LEVELS,
            "current": n == level,
        }
        for n, label in sorted(DENSITY_LABELS.items())
    ]


def rural_bars(rows: list[Comparison]) -> dict:
    """Bars of the rural shares (communes, population) of each compared territory."""
    label_height, bar, gap, row_gap, top = 18, 14, 3, 14, 34
    length = CHART_WIDTH - 70
    bars, y = [], top
    for row in rows:
        entry = {"name": row.name, "level": row.level, "label_y": y + 13, "series": []}
        y += label_height + 2
        for key, share in (
            ("population", row.figures.rural_population_share),
            ("communes", row.figures.rural_share),
        ):
            width = 0 if share is None else round(length * share / 100, 1)
            entry["series"].append(
                {
                    "key": key,
                    "y": y,
                    "text_y": y + bar - 2,
                    "width": f"{width:.1f}",
                    "text_x": f"{width + 5:.1f}",
                    "share": share,
                }
            )
            y += bar + gap
        bars.append(entry)
        y += row_gap
    return {"rows": bars, "height": y, "width": CHART_WIDTH, "length": length}


def commune_diagnosis(commune: Commune, datasets: dict[str, Dataset]) -> dict:
    """What the commune page shows beyond the commune's own fields."""
    outline = getattr(commune, "outline", None)
    centroid = outline.centroid if outline else None
    everything = aggregates(datasets)
    rows = comparisons(commune, everything)
    graded = everything.france.graded > 0
    nearby, in_department = experiences_around(commune, centroid)
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
        "experiences_nearby": nearby,
        "experiences_in_department": in_department,
        "france_services_radius": FRANCE_SERVICES_RADIUS_KM,
        "experiences_radius": EXPERIENCES_RADIUS_KM,
    }
