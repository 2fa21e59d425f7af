"""The map of a commune's ESS actors, drawn by the server as SVG (an image of the directory
page, whose list is its text alternative).

The commune's outline is drawn under the projection of `leviers.territories.maps.Viewport`.
Each actor is a marker whose shape and colour tell its family (never colour alone); an actor
without a position (none in SIRENE, overseas, non-diffusible, or far outside the commune) is
drawn hollow around the commune's centroid, and the legend says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from leviers.observatory.models import Family
from leviers.territories.maps import (
    LEGEND_LINE,
    PADDING,
    SIZE,
    Shape,
    Viewport,
    svg_start,
)

MAP_LIMIT = 1500  # beyond, markers hide each other: the page asks to filter first
# Family: (shape, colour, legend label). Colours contrast at least 3:1 with white.
STYLES = {
    Family.ASSOCIATION: ("circle", "#1d5f3a", "Association"),
    Family.COOPERATIVE: ("square", "#b34000", "Coopérative"),
    Family.MUTUELLE: ("triangle", "#5a2d82", "Mutuelle"),
    Family.FONDATION: ("diamond", "#005a9c", "Fondation"),
    Family.SOCIETE_COMMERCIALE: ("down", "#7a4b00", "Société commerciale de l'ESS"),
    Family.AUTRE: ("cross", "#3a3a3a", "Autre organisme de l'ESS"),
}
COMMUNE_FILL, COMMUNE_STROKE = "#f1efe6", "#525252"


@dataclass(frozen=True)
class Marker:
    name: str
    family: str
    longitude: float | None = None
    latitude: float | None = None


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def symbol(shape: str, colour: str, x: float, y: float, *, hollow: bool = False) -> str:
    """One marker, about 14 px wide, centred on (x, y)."""
    fill, stroke = ("#fff", colour) if hollow else (colour, "#fff")
    style = f'fill="{fill}" stroke="{stroke}" stroke-width="2"'
    r = 7
    if shape == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r}" {style}/>'
    if shape == "square":
        return f'<rect x="{_f(x - 6)}" y="{_f(y - 6)}" width="12" height="12" {style}/>'
    if shape == "cross":
        points = [(-2.5, -7), (2.5, -7), (2.5, -2.5), (7, -2.5), (7, 2.5), (2.5, 2.5), (2.5, 7)]
        points += [(-2.5, 7), (-2.5, 2.5), (-7, 2.5), (-7, -2.5), (-2.5, -2.5)]
    else:
        points = {
            "triangle": [(0, -8), (7.5, 6), (-7.5, 6)],
            "down": [(0, 8), (7.5, -6), (-7.5, -6)],
            "diamond": [(0, -8.5), (8.5, 0), (0, 8.5), (-8.5, 0)],
        }[shape]
    text = " ".join(f"{_f(x + dx)},{_f(y + dy)}" for dx, dy in points)
    return f'<polygon points="{text}" {style}/>'


def _inside(box: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    """Within the box, widened by a fifth on each side (an address at the commune's edge)."""
    dx, dy = (box[2] - box[0]) / 5, (box[3] - box[1]) / 5
    return box[0] - dx <= lon <= box[2] + dx and box[1] - dy <= lat <= box[3] + dy


def render_actor_map(
    shape: Shape, centroid: tuple[float, float], markers: list[Marker], *, title: str, desc: str
) -> str:
    """The SVG document (pure: everything it draws is given)."""
    located = [m for m in markers if m.longitude is not None and _inside(shape.box, *_at(m))]
    placed = set(map(id, located))
    unlocated = [m for m in markers if id(m) not in placed]
    view = Viewport.fit([shape.box], [_at(m) for m in located])
    families = [f for f in STYLES if any(m.family == f for m in markers)]
    legend = [(STYLES[f], False, f"{STYLES[f][2]} ({_count(markers, f)})") for f in families]
    if unlocated:
        legend.append(
            (
                ("circle", "#525252", ""),
                True,
                f"Forme vide : placé au centre de la commune ({len(unlocated)})",
            )
        )
    width, map_height = max(view.width, SIZE), view.map_height
    height = map_height + PADDING + LEGEND_LINE * len(legend)
    out = [
        *svg_start(width, height, title, desc),
        f'<g transform="matrix({view.matrix})" fill-rule="evenodd">',
        f'<path d="{shape.path}" fill="{COMMUNE_FILL}" stroke="{COMMUNE_STROKE}" '
        f'stroke-width="{_f(view.unit * 2)}" stroke-linejoin="round"/>',
        "</g>",
    ]
    for marker in located:
        out.append(_marker(marker, *view.project(*_at(marker))))
    cx, cy = view.project(*centroid)
    for n, marker in enumerate(unlocated):
        # A sunflower around the centroid: every hollow marker stays visible.
        radius, angle = 9 * math.sqrt(n), n * 2.39996
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        out.append(_marker(marker, x, y, hollow=True))
    y = map_height + PADDING
    out.append(f'<line x1="0" x2="{width}" y1="{map_height}" y2="{map_height}" stroke="#c9c9c9"/>')
    for (shape_name, colour, _), hollow, text in legend:
        out.append(symbol(shape_name, colour, PADDING + 11, y + 4, hollow=hollow))
        out.append(f'<text x="{PADDING + 32}" y="{y + 12}">{escape(text)}</text>')
        y += LEGEND_LINE
    out.append("</svg>")
    return "".join(out)


def _at(marker: Marker) -> tuple[float, float]:
    return marker.longitude, marker.latitude


def _count(markers: list[Marker], family: str) -> int:
    return sum(1 for m in markers if m.family == family)


def _marker(marker: Marker, x: float, y: float, *, hollow: bool = False) -> str:
    shape, colour, _ = STYLES.get(marker.family, STYLES[Family.AUTRE])
    return (
        f'<g class="acteur"><title>{escape(marker.name)}</title>'
        f"{symbol(shape, colour, x, y, hollow=hollow)}</g>"
    )
