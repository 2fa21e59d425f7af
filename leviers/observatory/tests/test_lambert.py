"""Lambert-93 → WGS 84, checked against IGN's published constants and the projection's
defining properties, not against its own output."""

import math

import pytest

from leviers.observatory import lambert


def test_derived_constants_are_those_published_by_ign():
    # IGN, « Lambert-93 » parameters (NTG 71 / circé): n, C, Xs, Ys.
    n, c, xs, ys, e = lambert.N, lambert.C, lambert.X_S, lambert.Y_S, lambert.E
    assert n == pytest.approx(0.7256077650, abs=1e-10)
    assert c == pytest.approx(11_754_255.426, abs=1e-3)
    assert xs == 700_000
    assert ys == pytest.approx(12_655_612.050, abs=1e-3)
    assert e == pytest.approx(0.0818191910428, abs=1e-12)


def test_false_origin_is_46_5_north_3_east():
    longitude, latitude = lambert.to_wgs84(700_000, 6_600_000)
    assert longitude == pytest.approx(3.0, abs=1e-10)
    assert latitude == pytest.approx(46.5, abs=1e-10)


def test_notre_dame_de_paris():
    # (652 469, 6 861 580), as usually quoted for Notre-Dame, is within ~200 m of the
    # cathedral (48.8530 N, 2.3499 E); one metre is about 1e-5 degree.
    longitude, latitude = lambert.to_wgs84(652_469, 6_861_580)
    assert latitude == pytest.approx(48.853, abs=0.001)
    assert longitude == pytest.approx(2.3499, abs=0.003)


@pytest.mark.parametrize("latitude", [44.0, 49.0])
def test_scale_is_true_along_the_standard_parallels(latitude):
    # On a standard parallel, one metre north in Lambert-93 is one metre on the ellipsoid:
    # the meridian radius of curvature M = a(1 − e²)/(1 − e² sin²φ)^1.5.
    x, y = lambert.to_lambert93(3.0, latitude)
    _, north = lambert.to_wgs84(x, y + 50)
    _, south = lambert.to_wgs84(x, y - 50)
    phi = math.radians(latitude)
    e2 = lambert.E**2
    meridian = lambert.A * (1 - e2) / (1 - e2 * math.sin(phi) ** 2) ** 1.5
    assert meridian * math.radians(north - south) == pytest.approx(100, abs=1e-3)


@pytest.mark.parametrize(
    "point", [(-4.486, 48.390), (7.7521, 48.5734), (9.45, 42.70), (-1.5536, 43.4832), (3, 51)]
)
def test_inverse_undoes_the_forward_projection_within_a_millimetre(point):
    x, y = lambert.to_lambert93(*point)
    longitude, latitude = lambert.to_wgs84(x, y)
    assert longitude == pytest.approx(point[0], abs=1e-8)
    assert latitude == pytest.approx(point[1], abs=1e-8)


def test_sql_expressions_match_the_python_inverse():
    import duckdb

    x, y = lambert.to_lambert93(-0.85, 47.8)
    sql = f"SELECT {lambert.sql_longitude('x', 'y')}, {lambert.sql_latitude('x', 'y')} "
    sql += f"FROM (SELECT {x}::DOUBLE AS x, {y}::DOUBLE AS y)"
    longitude, latitude = duckdb.sql(sql).fetchone()
    assert (longitude, latitude) == pytest.approx((-0.85, 47.8), abs=1e-9)
