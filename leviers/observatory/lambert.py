"""Lambert-93 (RGF93, EPSG:2154) to WGS 84 longitude/latitude, in pure Python and in SQL.

SIRENE gives the position of metropolitan establishments in Lambert-93 metres; maps draw
longitude/latitude. The inverse of a Lambert conformal conic projection is closed-form but
for the isometric latitude, inverted by a fixed-point iteration that gains a factor e² (about
1/150) per step: from the spherical start, 5 fixed steps reach ~1e-14 rad, far below a metre,
and a fixed count lets the same formula be written as one SQL expression (`sql_longitude`,
`sql_latitude`), so the import computes it inside DuckDB.

RGF93 and WGS 84 differ by less than a metre: no datum shift is applied.
Parameters: IGN, « Projection cartographique conique conforme de Lambert » (NTG 71).
"""

from __future__ import annotations

import math

# GRS 80 ellipsoid
A = 6_378_137.0
F = 1 / 298.257222101
E = math.sqrt(F * (2 - F))
# Lambert-93
PHI_1, PHI_2 = math.radians(44.0), math.radians(49.0)  # standard parallels
PHI_0 = math.radians(46.5)  # latitude of origin
LAMBDA_0 = math.radians(3.0)  # central meridian
X_0, Y_0 = 700_000.0, 6_600_000.0  # false easting and northing
ITERATIONS = 5

# Metropolitan France and its sea, in Lambert-93 metres: anything outside is not a position.
BOUNDS = (50_000.0, 6_000_000.0, 1_300_000.0, 7_200_000.0)  # min x, min y, max x, max y


def _isometric_latitude(phi: float) -> float:
    s = E * math.sin(phi)
    return math.log(math.tan(math.pi / 4 + phi / 2)) - E / 2 * math.log((1 + s) / (1 - s))


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (E * math.sin(phi)) ** 2)


N = (math.log(_m(PHI_2) / _m(PHI_1))) / (_isometric_latitude(PHI_1) - _isometric_latitude(PHI_2))
C = A * _m(PHI_1) / N * math.exp(N * _isometric_latitude(PHI_1))
X_S = X_0
Y_S = Y_0 + C * math.exp(-N * _isometric_latitude(PHI_0))


def in_bounds(x: float, y: float) -> bool:
    return BOUNDS[0] <= x <= BOUNDS[2] and BOUNDS[1] <= y <= BOUNDS[3]


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(longitude, latitude) in degrees of the Lambert-93 point (x, y) in metres."""
    dx, dy = x - X_S, Y_S - y
    radius = math.hypot(dx, dy)
    gamma = math.atan(dx / dy)
    longitude = LAMBDA_0 + gamma / N
    isometric = -math.log(radius / C) / N
    phi = 2 * math.atan(math.exp(isometric)) - math.pi / 2
    for _ in range(ITERATIONS):
        phi = 2 * math.atan(math.exp(isometric + E * math.atanh(E * math.sin(phi)))) - math.pi / 2
    return math.degrees(longitude), math.degrees(phi)


def to_lambert93(longitude: float, latitude: float) -> tuple[float, float]:
    """The forward projection (for tests and synthetic data)."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    radius = C * math.exp(-N * _isometric_latitude(phi))
    theta = N * (lam - LAMBDA_0)
    return X_S + radius * math.sin(theta), Y_S - radius * math.cos(theta)


def sql_longitude(x: str, y: str) -> str:
    """A SQL expression (DuckDB) of the longitude in degrees; `x`, `y` are DOUBLE expressions."""
    return f"degrees({LAMBDA_0!r} + atan(({x} - {X_S!r}) / ({Y_S!r} - {y})) / {N!r})"


def sql_latitude(x: str, y: str) -> str:
    """A SQL expression (DuckDB) of the latitude in degrees, with the same fixed iterations."""
    isometric = f"(-ln(sqrt(pow({x} - {X_S!r}, 2) + pow({Y_S!r} - {y}, 2)) / {C!r}) / {N!r})"
    half_pi = repr(math.pi / 2)
    phi = f"(2 * atan(exp({isometric})) - {half_pi})"
    for _ in range(ITERATIONS):
        phi = f"(2 * atan(exp({isometric} + {E!r} * atanh({E!r} * sin({phi})))) - {half_pi})"
    return f"degrees({phi})"
