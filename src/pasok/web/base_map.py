"""The land under the foundries map: Natural Earth's 1:10m land polygons, as the npm package
world-atlas ships them in TopoJSON (installed by `make install`; settings.BASE_MAP says
where). Tile-free and offline: the outline is drawn into the chart's own SVG.

Only the land around Indonesia is kept in memory (REGION). A map asks for the outline inside
its view: rings outside it are skipped, the rest clipped to the view and thinned to a point
per pixel, so a province's SVG carries a few hundred points, not Java's thousands. Reading
the outline costs about a second, once per process, at its first map."""

import json
import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

# Indonesia with its neighbours' coasts (west, south, east, north; degrees).
REGION = (90.0, -15.0, 145.0, 10.0)

Ring = np.ndarray  # an (n, 2) array of longitude, latitude; closed (first point = last)


@cache
def land_rings() -> tuple[tuple[Ring, tuple[float, float, float, float]], ...]:
    """Each ring of land in REGION with its bounds; none when the file is not installed
    (the map then draws its grid alone, and `pasok check --deploy` says why)."""
    path = Path(settings.BASE_MAP)
    if not path.is_file():
        logger.warning("No base map at %s: run `make install`", path)
        return ()
    topology = json.loads(path.read_text("utf-8"))
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    # Quantised, delta-encoded arcs (TopoJSON specification, "Transforms").
    arcs = [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate
            for arc in topology["arcs"]]
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" \
            else [geometry["arcs"]]
        for polygon in polygons:
            for indices in polygon:
                ring = _join(arcs, indices)
                bounds = (*ring.min(axis=0), *ring.max(axis=0))
                if _overlaps(bounds, REGION):
                    rings.append((ring, tuple(float(b) for b in bounds)))
    return tuple(rings)


def _join(arcs: list[np.ndarray], indices: list[int]) -> Ring:
    """A ring from its arcs: ~i is arc i reversed; consecutive arcs share their end point."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
    return np.concatenate([parts[0], *(part[1:] for part in parts[1:])])


def _overlaps(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _clip(points: list[tuple[float, float]], box) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the polygon cut to the rectangle `box` (west, south, east,
    north). Exact for filling; where the land runs out of the box the ring follows the
    box's edge, which the caller keeps just outside the picture."""
    west, south, east, north = box
    edges = ((0, west, False), (0, east, True), (1, south, False), (1, north, True))
    for axis, limit, upper in edges:
        if not points:
            break

        def inside(p, axis=axis, limit=limit, upper=upper):
            return p[axis] <= limit if upper else p[axis] >= limit

        def crossing(p, q, axis=axis, limit=limit):
            t = (limit - p[axis]) / (q[axis] - p[axis])
            return (limit, p[1] + t * (q[1] - p[1])) if axis == 0 \
                else (p[0] + t * (q[0] - p[0]), limit)
        kept, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(crossing(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(crossing(previous, point))
            previous = point
        points = kept
    return points


@dataclass(frozen=True)
class Equirectangular:
    """Degrees to the picture's pixels: longitudes shrunk by the cosine of the middle
    latitude (true enough over a province), `pad` pixels of margin around (west, north)."""

    west: float
    north: float
    shrink: float
    scale: float  # pixels per degree of latitude
    pad: float

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.pad + (lon - self.west) * self.shrink * self.scale,
                self.pad + (self.north - lat) * self.scale)

    def box(self, width: float, height: float, margin: float = 2) -> tuple[float, ...]:
        """The picture's extent in degrees (west, south, east, north), `margin` pixels
        beyond each edge: a clipped ring's run along the box stays out of sight."""
        k = self.shrink * self.scale
        return (self.west - (self.pad + margin) / k,
                self.north - (height + margin - self.pad) / self.scale,
                self.west + (width + margin - self.pad) / k,
                self.north + (self.pad + margin) / self.scale)


@lru_cache(maxsize=64)
def land_path(project: Equirectangular, width: float, height: float) -> str:
    """The land inside the picture as an SVG path in its pixels; "" when there is none
    (or no base map). Remembered per view: dashboards ask for the same few maps."""
    box = project.box(width, height)
    parts = []
    for ring, bounds in land_rings():
        if not _overlaps(bounds, box):
            continue
        clipped = _clip(ring.tolist(), box)
        pixels, last = [], None
        for lon, lat in clipped:
            x, y = project(lat, lon)
            if last is None or abs(x - last[0]) + abs(y - last[1]) >= 1:
                pixels.append((round(x, 1), round(y, 1)))
                last = (x, y)
        if len(pixels) >= 3:
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pixels) + "Z")
    return "".join(parts)
