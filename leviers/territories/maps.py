"""The map of a commune, drawn by the server as SVG: its department's communes, its EPCI, the
commune itself, and the France Services sites and experiences nearby, with a legend.

Outlines are stored as SVG path data in 1/10,000 degree (`leviers.territories.geometry`): they
are written out unchanged under one `transform` that does the equirectangular projection
(longitude shrunk by the cosine of the view's mean latitude, latitude pointing down). Markers,
the radius circle and the legend are placed in pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from django.db.models import Q

from leviers.territories.geometry import EARTH_RADIUS_KM, SCALE, Nearby
from leviers.territories.models import Commune, CommuneOutline

SIZE = 600  # the longer side of the map, in pixels
PADDING = 14
LEGEND_LINE = 32
FONT_SIZE = 22
COMMUNE, EPCI, DEPARTMENT = "#1d5f3a", "#8fc49b", "#e6e2d3"
FRANCE_SERVICES, EXPERIENCE = "#b34000", "#5a2d82"


@dataclass(frozen=True)
class Shape:
    code: str
    epci_id: str | None
    path: str
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def shapes_around(commune: Commune) -> list[Shape]:
    """The outlines of the commune's department and of its EPCI (which may cross into another
    department), in one query."""
    wanted = Q(commune__department_id=commune.department_id)
    if commune.epci_id:
        wanted |= Q(commune__epci_id=commune.epci_id)
    rows = CommuneOutline.objects.filter(wanted).values_list(
        "commune_id",
        "commune__epci_id",
        "path",
        "min_longitude",
        "min_latitude",
        "max_longitude",
        "max_latitude",
    )
    return [Shape(code, epci, path, tuple(box)) for code, epci, path, *box in rows]


@dataclass(frozen=True)
class Viewport:
    """The equirectangular view of a set of outlines and points: `SIZE` pixels on its longer
    side, longitude shrunk by the cosine of the mean latitude, latitude pointing down."""

    west: float
    north: float
    shrink: float
    scale: float  # pixels per degree of latitude
    width: int
    map_height: int

    @classmethod
    def fit(cls, boxes: list[tuple[float, float, float, float]], points: list) -> Viewport:
        """The view that holds every box (min lon, min lat, max lon, max lat) and point."""
        west = min([b[0] for b in boxes] + [m[0] for m in points])
        south = min([b[1] for b in boxes] + [m[1] for m in points])
        east = max([b[2] for b in boxes] + [m[0] for m in points])
        north = max([b[3] for b in boxes] + [m[1] for m in points])
        shrink = math.cos(math.radians((north + south) / 2))
        span_x, span_y = max((east - west) * shrink, 1e-6), max(north - south, 1e-6)
        scale = (SIZE - 2 * PADDING) / max(span_x, span_y)
        width = round(span_x * scale + 2 * PADDING)
        map_height = round(span_y * scale + 2 * PADDING)
        return cls(west, north, shrink, scale, width, map_height)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixels of a point."""
        return (
            PADDING + (lon - self.west) * self.shrink * self.scale,
            PADDING + (self.north - lat) * self.scale,
        )

    @property
    def matrix(self) -> str:
        """The SVG `matrix(...)` arguments that draw stored outlines (path units) in pixels."""
        return " ".join(
            f"{v:.8g}"
            for v in (
                self.shrink * self.scale / SCALE,
                0,
                0,
                -self.scale / SCALE,
                PADDING - self.west * self.shrink * self.scale,
                PADDING + self.north * self.scale,
            )
        )

    @property
    def unit(self) -> float:
        """One pixel, in path units."""
        return SCALE / self.scale


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_map(
    commune: Commune,
    shapes: list[Shape],
    france_services: list[Nearby] | None,
    experiences: list[Nearby],
    *,
    centroid: tuple[float, float] | None,
    radius_km: float,
    experiences_radius_km: float,
    title: str,
    description: str,
) -> str:
    """The SVG document (pure: everything it draws is given). `france_services` is None when
    the list of sites is not imported."""
    nearby = (france_services or []) + experiences
    markers = [(n.longitude, n.latitude) for n in nearby if n.longitude is not None]
    if centroid:  # the whole radius circle is drawn
        reach = radius_km / (EARTH_RADIUS_KM * math.pi / 180)
        lon, lat = centroid
        stretch = reach / math.cos(math.radians(lat))
        markers += [(lon - stretch, lat - reach), (lon + stretch, lat + reach)]
    view = Viewport.fit([s.box for s in shapes], markers)
    scale = view.scale
    width, map_height, project = view.width, view.map_height, view.project
    matrix = view.matrix
    unit = view.unit
    legend = _legend(
        commune, shapes, france_services, experiences, radius_km, experiences_radius_km
    )
    height = map_height + PADDING + LEGEND_LINE * len(legend)

    out = [
        *svg_start(width, height, title, description),
        f'<g transform="matrix({matrix})" fill-rule="evenodd" stroke="#fff" '
        f'stroke-width="{_number(unit * 0.8)}" stroke-linejoin="round">',
    ]
    others = [s for s in shapes if s.code != commune.code and not _in_epci(s, commune)]
    members = [s for s in shapes if s.code != commune.code and _in_epci(s, commune)]
    for fill, group in ((DEPARTMENT, others), (EPCI, members)):
        out.append(f'<g fill="{fill}">')
        out.extend(f'<path d="{s.path}"/>' for s in group)
        out.append("</g>")
    out.extend(
        f'<path d="{s.path}" fill="{COMMUNE}" stroke="#000" stroke-width="{_number(unit * 2)}"/>'
        for s in shapes
        if s.code == commune.code
    )
    out.append("</g>")
    if centroid:
        cx, cy = project(*centroid)
        r = radius_km / (EARTH_RADIUS_KM * math.pi / 180) * scale
        out.append(
            f'<circle cx="{_number(cx)}" cy="{_number(cy)}" r="{_number(r)}" fill="none" '
            'stroke="#1e1e1e" stroke-width="1.5" stroke-dasharray="6 5"/>'
        )
    placed: list[tuple[float, float]] = []
    for draw, entries in ((_diamond, experiences), (_disc, france_services or [])):
        for number, entry in enumerate(entries, 1):
            if entry.longitude is not None:
                x, y = _free_spot(project(entry.longitude, entry.latitude), placed)
                out.append(draw(x, y, number))
    y = map_height + PADDING
    out.append(f'<line x1="0" x2="{width}" y1="{map_height}" y2="{map_height}" stroke="#c9c9c9"/>')
    for symbol, text in legend:
        out.append(symbol(PADDING + 11, y + 4))
        out.append(f'<text x="{PADDING + 32}" y="{y + 12}">{escape(text)}</text>')
        y += LEGEND_LINE
    out.append("</svg>")
    return "".join(out)


def _free_spot(point: tuple[float, float], placed: list) -> tuple[float, float]:
    """`point`, moved aside step by step while it would hide a marker already placed
    (several experiences of one commune share its centroid)."""
    x, y = point
    step = 0
    while any(abs(x - px) < 16 and abs(y - py) < 16 for px, py in placed):
        step += 1
        angle = step * 2.4  # a golden-angle spiral around the true position
        x, y = (
            point[0] + 17 * math.sqrt(step) * math.cos(angle),
            point[1] + 17 * math.sqrt(step) * math.sin(angle),
        )
    placed.append((x, y))
    return x, y


def svg_start(width: float, height: float, title: str, description: str) -> list[str]:
    """The opening of a map: an image named by its title and described for screen readers,
    on a white background."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="carte-titre carte-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="carte-titre">{escape(title)}</title>',
        f'<desc id="carte-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]


def _in_epci(shape: Shape, commune: Commune) -> bool:
    return bool(commune.epci_id) and shape.epci_id == commune.epci_id


def _swatch(fill: str, stroke: str = "#525252"):
    return lambda x, y: (
        f'<rect x="{x - 10}" y="{y - 8}" width="20" height="16" fill="{fill}" stroke="{stroke}"/>'
    )


def _marker_number(x: float, y: float, number: int | str) -> str:
    """The number of a list entry, written on its marker (nothing for the legend's marker)."""
    if not number:
        return ""
    return (
        f'<text x="{_number(x)}" y="{_number(y + 4)}" text-anchor="middle" font-size="11" '
        f'font-weight="700" fill="#fff">{number}</text>'
    )


def _disc(x: float, y: float, number: int | str = "") -> str:
    return (
        f'<circle cx="{_number(x)}" cy="{_number(y)}" r="9" fill="{FRANCE_SERVICES}" '
        f'stroke="#fff" stroke-width="2"/>{_marker_number(x, y, number)}'
    )


def _diamond(x: float, y: float, number: int | str = "") -> str:
    return (
        f'<rect x="{_number(x - 8)}" y="{_number(y - 8)}" width="16" height="16" '
        f'transform="rotate(45 {_number(x)} {_number(y)})" fill="{EXPERIENCE}" stroke="#fff" '
        f'stroke-width="2"/>{_marker_number(x, y, number)}'
    )


def _radius(x: float, y: float) -> str:
    return (
        f'<line x1="{x - 10}" x2="{x + 10}" y1="{y}" y2="{y}" stroke="#1e1e1e" '
        'stroke-width="1.5" stroke-dasharray="6 5"/>'
    )


def _legend(commune, shapes, france_services, experiences, radius_km, experiences_radius_km):
    members = sum(1 for s in shapes if _in_epci(s, commune))
    lines = [(_swatch(COMMUNE, "#000"), commune.name)]
    if commune.epci_id:
        lines.append((_swatch(EPCI), f"{commune.epci.name} ({members} communes)"))
    lines.append((_swatch(DEPARTMENT), f"Autres communes : {commune.department}"))
    lines.append((_radius, f"À {radius_km} km du centre de {commune.name}"))
    count = "liste pas encore chargée" if france_services is None else len(france_services)
    lines.append((_disc, f"France Services à moins de {radius_km} km ({count})"))
    count = len(experiences)
    lines.append(
        (_diamond, f"Expériences à moins de {experiences_radius_km} km ({count})"),
    )
    return lines


def km(distance: float) -> str:
    return f"{distance:.1f}".replace(".", ",") + " km"


def describe(entries: list[Nearby]) -> str:
    return " ; ".join(
        f"{n}. {entry.item}"
        + (" (dans la commune)" if entry.in_commune else "")
        + (f", à {km(entry.distance)}" if entry.distance is not None else "")
        for n, entry in enumerate(entries, 1)
    )


def map_title(commune: Commune) -> str:
    where = f"{commune.epci.name}, " if commune.epci_id else ""
    return f"Carte de {commune.name} ({where}{commune.department})"


def render_members_map(
    name: str,
    shapes: list[Shape],
    france_services: list[Nearby] | None,
    experiences: list[Nearby],
    *,
    title: str,
    description: str,
) -> str:
    """The SVG map of an intercommunality (pure): its member communes' outlines, with the
    France Services sites (None: list not imported) and experiences placed in them."""
    markers = [(n.longitude, n.latitude) for n in (france_services or []) + experiences]
    markers = [m for m in markers if m[0] is not None]
    view = Viewport.fit([s.box for s in shapes], markers)
    count = "liste non renseignée" if france_services is None else len(france_services)
    legend = [
        (_swatch(EPCI), f"{name} ({len(shapes)} communes)"),
        (_disc, f"France Services dans l'intercommunalité ({count})"),
        (_diamond, f"Expériences dans l'intercommunalité ({len(experiences)})"),
    ]
    height = view.map_height + PADDING + LEGEND_LINE * len(legend)
    out = [
        *svg_start(view.width, height, title, description),
        f'<g transform="matrix({view.matrix})" fill-rule="evenodd" fill="{EPCI}" stroke="#fff" '
        f'stroke-width="{_number(view.unit * 0.8)}" stroke-linejoin="round">',
        *(f'<path d="{s.path}"/>' for s in shapes),
        "</g>",
    ]
    placed: list[tuple[float, float]] = []
    for draw, entries in ((_diamond, experiences), (_disc, france_services or [])):
        for number, entry in enumerate(entries, 1):
            if entry.longitude is not None:
                x, y = _free_spot(view.project(entry.longitude, entry.latitude), placed)
                out.append(draw(x, y, number))
    y = view.map_height + PADDING
    out.append(
        f'<line x1="0" x2="{view.width}" y1="{view.map_height}" y2="{view.map_height}" '
        'stroke="#c9c9c9"/>'
    )
    for symbol, text in legend:
        out.append(symbol(PADDING + 11, y + 4))
        out.append(f'<text x="{PADDING + 32}" y="{y + 12}">{escape(text)}</text>')
        y += LEGEND_LINE
    out.append("</svg>")
    return "".join(out)
