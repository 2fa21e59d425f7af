"""The referential's part of a commune's diagnosis: its figures beside those of its EPCI,
department, region and France, the France Services sites nearby, and the charts of both.
The page that composes them with the other domains is `leviers.journey.diagnosis`.

The aggregates of every EPCI, department and region come from one grouped query over the
communes, summed in Python (`aggregate`, pure) and kept per process until the referential or
the density grid is imported again (`aggregates`, a `StampedCache` on their `Dataset` rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from leviers.core.caching import StampedCache
from leviers.core.models import Dataset
from leviers.territories.density import RURAL_LEVELS
from leviers.territories.geometry import Nearby, around, haversine_km, nearest_first
from leviers.territories.models import Commune, FranceServicesSite

FRANCE_SERVICES_RADIUS_KM = 15
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


LEVEL_NAMES = {
    "commune": "commune",
    "epci": "intercommunalité",
    "department": "département",
    "region": "région",
    "france": "pays",
}


def comparisons(commune: Commune, everything: Aggregates) -> list[Comparison]:
    """The commune beside each territory of its ladder (an EPCI only when its figures are
    known)."""
    rows = []
    for rung in commune.ladder():
        level = LEVEL_NAMES[rung.level]
        if rung.level == "commune":
            own = Aggregate()
            own.add(commune.density_level, 1, commune.population or 0)
            rows.append(
                Comparison(level, rung.name, own, commune.get_absolute_url(), commune.population)
            )
        elif rung.level == "epci":
            if rung.code in everything.epcis:
                figures = everything.epcis[rung.code]
                epci = rung.territory
                rows.append(
                    Comparison(level, rung.name, figures, epci.get_absolute_url(), epci.population)
                )
        elif rung.level == "france":
            rows.append(Comparison(level, rung.name, everything.france))
        else:
            by_code = everything.departments if rung.level == "department" else everything.regions
            rows.append(Comparison(level, rung.name, by_code.get(rung.code, Aggregate())))
    return rows


# --- Nearby ------------------------------------------------------------------------------------


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
    return nearest_first(found)


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
