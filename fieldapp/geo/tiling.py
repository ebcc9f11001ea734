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
