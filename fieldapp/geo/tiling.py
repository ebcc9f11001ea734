"""Split a polygon into cells that tile it exactly: a Voronoi diagram of seed points drawn inside
it, clipped to it. Used by the demo to give villages plausible, gap-free synthetic boundaries."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry


def random_points_in(geom: BaseGeometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """n uniformly random points inside geom, as an (n, 2) array (vectorised rejection)."""
    minx, miny, maxx, maxy = geom.bounds
    shapely.prepare(geom)
    out = np.empty((0, 2))
    while len(out) < n:
        k = max(64, int((n - len(out)) * 1.6 * geom.envelope.area / max(geom.area, 1e-12)))
        pts = np.column_stack([rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k)])
        inside = shapely.contains_xy(geom, pts[:, 0], pts[:, 1])
        out = np.vstack([out, pts[inside]])
    return out[:n]


def crowded(points: np.ndarray, min_m: float) -> np.ndarray:
    """Mask of the lon/lat points that have an earlier point (lower index) in the same or a
    neighbouring grid cell of about min_m metres: every point closer than min_m to an earlier one
    is flagged (and some up to 2.9 min_m away), so the unflagged points are at least min_m apart.
    Vectorised: a sort and nine lookups, no pairwise distances."""
    n = len(points)
    if n < 2:
        return np.zeros(n, bool)
    # Cells a little larger than min_m: the fewest metres a degree can span here.
    cos_lat = np.cos(np.radians(np.abs(points[:, 1]).max()))
    kx = np.floor(points[:, 0] / (min_m / (111_320.0 * cos_lat))).astype(np.int64)
    ky = np.floor(points[:, 1] / (min_m / 110_540.0)).astype(np.int64)
    kx -= kx.min() - 1
    ky -= ky.min() - 1
    width = int(ky.max()) + 2
    key = kx * width + ky
    order = np.argsort(key, kind="stable")  # within a cell, original order: first = earliest
    cells, start = np.unique(key[order], return_index=True)
    earliest_in = order[start]
    steps = np.array([-1, 0, 1])
    near = key[:, None] + (steps[:, None] * width + steps[None, :]).ravel()  # the 9 cells
    pos = np.minimum(np.searchsorted(cells, near), len(cells) - 1)
    earliest = np.where(cells[pos] == near, earliest_in[pos], n)
    return (earliest < np.arange(n)[:, None]).any(axis=1)


def tile(geom: BaseGeometry, seeds: np.ndarray) -> list[BaseGeometry]:
    """Voronoi cells of seeds clipped to geom, in the order of the seeds."""
    if len(seeds) == 1:
        return [geom]
    cells = shapely.voronoi_polygons(MultiPoint([tuple(p) for p in seeds]), extend_to=geom)
    by_seed: list[BaseGeometry | None] = [None] * len(seeds)
    pts = shapely.points(seeds)
    for cell in shapely.get_parts(cells):
        hit = np.nonzero(shapely.contains(cell, pts))[0]
        if len(hit):
            by_seed[int(hit[0])] = cell
    result = []
    for i, cell in enumerate(by_seed):
        if cell is None:  # duplicate seed: degenerate, give it a tiny piece around the point
            cell = shapely.points(seeds[i]).buffer(1e-6)
        piece = shapely.intersection(cell, geom)
        result.append(shapely.make_valid(piece))
    return result
