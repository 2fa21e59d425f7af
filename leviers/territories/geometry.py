"""Plane geometry for commune outlines, in pure Python: WKB reading, simplification, outlines
stored as SVG path data, centroids and distances.

Coordinates are longitude/latitude in degrees (WGS 84). A stored outline is SVG path data in
integer units of 1/10,000 degree (about 11 m), latitude pointing up: the map draws it as it is,
under one `transform` that projects the whole view (see `leviers.territories.maps`).
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes

SCALE = 10_000  # stored units per degree: 4 decimals
EARTH_RADIUS_KM = 6371.0088

_POINT, _POLYGON, _MULTIPOLYGON = 1, 3, 6
_EWKB_SRID = 0x20000000
_EWKB_Z, _EWKB_M = 0x80000000, 0x40000000
_TYPE_NAMES = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString"}
_TYPE_NAMES |= {6: "MultiPolygon", 7: "GeometryCollection"}


class WkbError(ValueError):
    """A WKB value that cannot be read; the message is French."""


# --- WKB -----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def take(self, fmt: str, count: int = 1):
        size = struct.calcsize(fmt) * count
        if self.offset + size > len(self.data):
            raise WkbError(
                f"WKB tronqué : {size} octets attendus à la position {self.offset}, "
                f"il en reste {len(self.data) - self.offset}"
            )
        start, self.offset = self.offset, self.offset + size
        if count == 1:
            return struct.unpack_from(fmt, self.data, start)
        return struct.unpack_from(fmt[0] + fmt[1:] * count, self.data, start)

    def header(self, expected: tuple[int, ...]) -> tuple[str, int]:
        """Read a byte order and a geometry type: (struct prefix of that order, type)."""
        (order,) = self.take("B")
        if order not in (0, 1):
            raise WkbError(f"ordre des octets {order} inconnu à la position {self.offset - 1}")
        endian = "<" if order == 1 else ">"
        (kind,) = self.take(endian + "I")
        if kind & (_EWKB_Z | _EWKB_M) or 1000 <= kind < 4000:
            raise WkbError("géométrie en 3 ou 4 dimensions non prise en charge (2D attendu)")
        if kind & _EWKB_SRID:
            self.take(endian + "I")  # the SRID of an EWKB value: WGS 84 is assumed
            kind &= ~_EWKB_SRID
        if kind not in expected:
            names = " ou ".join(_TYPE_NAMES[k] for k in expected)
            found = _TYPE_NAMES.get(kind, f"type {kind}")
            raise WkbError(f"géométrie {found} au lieu de {names}")
        return endian, kind

    def polygon(self, endian: str) -> Polygon:
        (ring_count,) = self.take(endian + "I")
        rings = []
        for _ in range(ring_count):
            (n,) = self.take(endian + "I")
            values = self.take(endian + "d", 2 * n) if n else ()
            ring = list(zip(values[0::2], values[1::2], strict=True))
            if not all(map(math.isfinite, values)):
                raise WkbError("coordonnée non finie (NaN ou infinie)")
            if n < 4 or ring[0] != ring[-1]:
                raise WkbError(f"anneau de {n} points non fermé (au moins 4, le dernier = le 1er)")
            rings.append(ring)
        return rings


def parse_wkb(value: bytes | str) -> list[Polygon]:
    """The polygons of a WKB Polygon or MultiPolygon (bytes, or hex text as PostGIS writes it),
    in either byte order."""
    data = _bytes(value)
    reader = _Reader(data)
    endian, kind = reader.header((_POLYGON, _MULTIPOLYGON))
    if kind == _POLYGON:
        polygons = [reader.polygon(endian)]
    else:
        (count,) = reader.take(endian + "I")
        polygons = [reader.polygon(reader.header((_POLYGON,))[0]) for _ in range(count)]
        if not polygons:
            raise WkbError("MultiPolygon vide")
    if reader.offset != len(data):
        raise WkbError(f"{len(data) - reader.offset} octets en trop après la géométrie")
    return polygons


def parse_wkb_point(value: bytes | str) -> Point:
    reader = _Reader(_bytes(value))
    endian, _ = reader.header((_POINT,))
    return reader.take(endian + "dd")


def _bytes(value: bytes | str) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return bytes.fromhex(value.strip())
    except ValueError:
        raise WkbError("texte hexadécimal invalide") from None


# --- Measures ------------------------------------------------------------------------------


def _ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Signed area, and the area-weighted sums of x and y (shoelace)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area / 2, cx / 6, cy / 6


def centroid(polygons: list[Polygon]) -> Point:
    """The area centroid (holes subtracted), in the plane of the coordinates: at the scale of
    a commune, within metres of the geodesic one. May lie outside a concave shape."""
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, mx, my = _ring_moments(ring)
            sign = 1 if (area >= 0) == (index == 0) else -1  # outer counts, holes subtract
            total += abs(area) * (1 if index == 0 else -1)
            sx += sign * mx
            sy += sign * my
    if total <= 0:
        points = [p for polygon in polygons for p in polygon[0]]
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return sx / total, sy / total


def bbox(polygons: Iterable[Polygon]) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of the outer rings."""
    xs, ys = [], []
    for polygon in polygons:
        xs.extend(p[0] for p in polygon[0])
        ys.extend(p[1] for p in polygon[0])
    return min(xs), min(ys), max(xs), max(ys)


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (longitude, latitude) points, in kilometres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def around(point: Point, radius_km: float) -> tuple[float, float, float, float]:
    """A (min lon, min lat, max lon, max lat) box holding every point within `radius_km`:
    the cheap filter a database applies before the exact distance."""
    lon, lat = point
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


# --- Simplification ------------------------------------------------------------------------


@dataclass
class Nearby:
    """Something near a commune, with its distance from the commune's centroid in km (None
    when unknown: a site without coordinates, listed for its own commune only)."""

    item: object
    distance: float | None
    in_commune: bool
    longitude: float | None = None
    latitude: float | None = None


def nearest_first(entries: Iterable[Nearby]) -> list[Nearby]:
    """Those in the commune first, then by distance, then by name."""
    return sorted(entries, key=lambda e: (not e.in_commune, e.distance or 0.0, str(e.item)))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points of a line (or closed ring) kept so that no dropped point lies
    further than `tolerance` from the simplified line. Endpoints are always kept.

    Written for CPython's speed (a national import simplifies a million points): coordinates in
    two flat lists, the clamp and the distance inline, the closed-ring case in its own loop."""
    count = len(points)
    if count < 3:
        return list(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    keep = [False] * count
    keep[0] = keep[-1] = True
    tolerance2 = tolerance * tolerance
    stack = [(0, count - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = xs[first], ys[first]
        dx, dy = xs[last] - ax, ys[last] - ay
        length2 = dx * dx + dy * dy
        farthest, worst = 0.0, -1
        if length2 == 0:  # a closed ring: distance to its first point
            for i in range(first + 1, last):
                ex, ey = xs[i] - ax, ys[i] - ay
                d2 = ex * ex + ey * ey
                if d2 > farthest:
                    farthest, worst = d2, i
        else:
            for i in range(first + 1, last):
                ex, ey = xs[i] - ax, ys[i] - ay
                t = (ex * dx + ey * dy) / length2  # the nearest point of the segment...
                if t < 0.0:
                    t = 0.0
                elif t > 1.0:
                    t = 1.0
                ex, ey = ex - t * dx, ey - t * dy  # ...and the distance to it
                d2 = ex * ex + ey * ey
                if d2 > farthest:
                    farthest, worst = d2, i
        if worst > 0 and farthest > tolerance2:
            keep[worst] = True
            stack.append((first, worst))
            stack.append((worst, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _grid_ring(ring: Ring, tolerance: float) -> list[tuple[int, int]] | None:
    """A ring simplified then snapped to the 1/10,000 degree grid, without its closing point;
    None when fewer than 3 distinct points remain."""
    snapped: list[tuple[int, int]] = []
    for x, y in simplify(ring, tolerance):
        point = (round(x * SCALE), round(y * SCALE))
        if not snapped or snapped[-1] != point:
            snapped.append(point)
    if len(snapped) > 1 and snapped[-1] == snapped[0]:
        snapped.pop()
    return snapped if len(snapped) >= 3 else None


@dataclass(frozen=True)
class Outline:
    path: str  # SVG path data, 1/10,000 degree units, y = latitude (north up)
    points: int


def outline(polygons: list[Polygon], tolerance: float) -> Outline:
    """The simplified outline of a (multi)polygon as compact SVG path data.

    Rings that shrink below a triangle are dropped, except that the largest polygon is always
    kept (with its points merely rounded) so that every commune stays on the map."""
    rings: list[list[tuple[int, int]]] = []
    for polygon in polygons:
        outer = _grid_ring(polygon[0], tolerance)
        if outer is None:
            continue
        rings.append(outer)
        rings.extend(r for hole in polygon[1:] if (r := _grid_ring(hole, tolerance)))
    if not rings:
        largest = max(polygons, key=lambda p: abs(_ring_moments(p[0])[0]))
        rings = [_grid_ring(largest[0], 0.0) or _triangle(largest[0])]
    return Outline(path="".join(_ring_path(r) for r in rings), points=sum(map(len, rings)))


def _triangle(ring: Ring) -> list[tuple[int, int]]:
    """A tiny shape still drawn as a speck: its first point and two grid steps around it."""
    x, y = round(ring[0][0] * SCALE), round(ring[0][1] * SCALE)
    return [(x, y), (x + 1, y), (x, y + 1)]


def _ring_path(ring: list[tuple[int, int]]) -> str:
    x, y = ring[0]
    parts = [f"M{x} {y}l"]
    previous = ring[0]
    numbers = []
    for point in ring[1:]:
        numbers.append(point[0] - previous[0])
        numbers.append(point[1] - previous[1])
        previous = point
    parts.append(_join_numbers(numbers))
    parts.append("z")
    return "".join(parts)


def _join_numbers(numbers: list[int]) -> str:
    """SVG number list: a minus sign separates as well as a space does."""
    return " ".join(map(str, numbers)).replace(" -", "-")


_PATH_NUMBER = re.compile(r"-?\d+")


def path_rings(path: str) -> list[list[tuple[int, int]]]:
    """The rings of a stored outline, in absolute grid units (the reverse of `outline`)."""
    rings = []
    for chunk in path.split("M")[1:]:
        numbers = [int(n) for n in _PATH_NUMBER.findall(chunk)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings
