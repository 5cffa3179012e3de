"""The foundries map's land: Natural Earth's outline (npm world-atlas, installed by `make
install`), clipped to the view and thinned to a point per pixel."""

import re
from itertools import pairwise

import pytest

from pasok.web import base_map
from pasok.web.base_map import Equirectangular, _clip, land_path, land_rings

# Central Java's south coast: Klaten inland, the Indian Ocean below Gunungkidul.
VIEW = Equirectangular(west=110.0, north=-7.2, shrink=0.99, scale=400.0, pad=36)
WIDTH, HEIGHT = 480, 500
KLATEN, OFF_GUNUNGKIDUL = (-7.70, 110.60), (-8.35, 110.60)


def _polygons(path: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in ring.split("L")]
            for ring in re.findall(r"M([^Z]+)Z", path)]


def _inside(x: float, y: float, polygons) -> bool:
    """Even-odd, as the path is filled."""
    crossings = 0
    for ring in polygons:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def test_the_base_map_is_installed_and_kept_around_indonesia():
    rings = land_rings()
    assert len(rings) > 100, "run `make install`: the base map comes from npm's world-atlas"
    west, south, east, north = base_map.REGION
    assert all(b[0] <= east and b[2] >= west and b[1] <= north and b[3] >= south
               for _ring, b in rings)
    lat, lon = KLATEN
    java = next(r for r in rings if r[1][0] < lon < r[1][2] and r[1][1] < lat < r[1][3]
                and _inside(lon, lat, [[tuple(p) for p in r[0]]]))
    assert java[1][0] < 106 and java[1][2] > 114  # Java runs from Banten to Banyuwangi


def test_land_and_sea_fall_where_they_are():
    polygons = _polygons(land_path(VIEW, WIDTH, HEIGHT))
    assert polygons
    assert _inside(*VIEW(*KLATEN), polygons)
    assert not _inside(*VIEW(*OFF_GUNUNGKIDUL), polygons)


def test_the_outline_is_cut_to_the_picture_and_thinned_to_the_pixel():
    path = land_path(VIEW, WIDTH, HEIGHT)
    points = [p for ring in _polygons(path) for p in ring]
    assert all(-3 <= x <= WIDTH + 3 and -3 <= y <= HEIGHT + 3 for x, y in points)
    for ring in _polygons(path):
        for (x1, y1), (x2, y2) in pairwise(ring):
            assert abs(x2 - x1) + abs(y2 - y1) >= 0.8  # rounded to a tenth of a pixel
    assert len(path) < 40_000  # Java's coast has thousands of points; a view needs few


def test_a_view_of_open_sea_has_no_land():
    ocean = Equirectangular(west=95.0, north=-12.0, shrink=0.98, scale=400.0, pad=36)
    assert land_path(ocean, WIDTH, HEIGHT) == ""


@pytest.mark.parametrize(("polygon", "box", "clipped"), [
    # A square over the box's corner: cut to the overlap.
    ([(0, 0), (10, 0), (10, 10), (0, 10)], (5, 5, 20, 20),
     [(5, 10), (5, 5), (10, 5), (10, 10)]),
    # Wholly inside: unchanged; wholly outside: nothing.
    ([(1, 1), (2, 1), (2, 2)], (0, 0, 5, 5), [(1, 1), (2, 1), (2, 2)]),
    ([(10, 10), (12, 10), (12, 12)], (0, 0, 5, 5), []),
])
def test_sutherland_hodgman_clipping(polygon, box, clipped):
    assert sorted(_clip(polygon, box)) == sorted(clipped)


def test_without_the_file_the_map_draws_no_land(settings, tmp_path):
    settings.BASE_MAP = tmp_path / "missing.json"
    land_rings.cache_clear(), land_path.cache_clear()
    try:
        assert land_rings() == () and land_path(VIEW, WIDTH, HEIGHT) == ""
    finally:
        land_rings.cache_clear(), land_path.cache_clear()
