"""Spacing points apart: `crowded` flags every point closer than the spacing to an earlier one,
and the demo's hamlets use it so no two households share a spot on the map."""

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from fieldapp.jobs.demo_build import MIN_SPACING_M, _hamlet_points
from fieldapp.geo.crs import from_wgs84, metric_crs_for
from fieldapp.geo.tiling import crowded


def _metres(points):
    crs = metric_crs_for([float(points[:, 0].mean())])
    x, y = from_wgs84(points[:, 0], points[:, 1], crs)
    return np.column_stack([x, y])


def _close_pairs(xy, d):
    """Index pairs (i < j) closer than d metres, by brute force."""
    diff = xy[:, None, :] - xy[None, :, :]
    dist = np.hypot(diff[..., 0], diff[..., 1])
    i, j = np.nonzero(np.triu(dist < d, k=1))
    return list(zip(i.tolist(), j.tolist())), dist


@pytest.mark.parametrize("seed", range(5))
def test_every_point_too_close_to_an_earlier_one_is_flagged(seed):
    rng = np.random.default_rng(seed)
    # 600 points in a 40 m square near 稷山: plenty closer than 1.2 m
    pts = np.column_stack([110.98 + rng.uniform(0, 4.4e-4, 600), 35.6 + rng.uniform(0, 3.6e-4, 600)])
    flagged = crowded(pts, 1.2)
    pairs, dist = _close_pairs(_metres(pts), 1.2)
    assert pairs, "the sample must contain close pairs to test anything"
    assert all(flagged[j] for _, j in pairs)  # the later of each close pair
    assert not flagged[0]  # the first point never has an earlier neighbour
    # flagged points do have an earlier point nearby (within the grid's 2.9x reach)
    for j in np.nonzero(flagged)[0]:
        assert dist[j, :j].min() < 1.2 * 2.9
    # what is left unflagged is spaced apart
    keep = _metres(pts[~flagged])
    assert not _close_pairs(keep, 1.2)[0]


def test_far_apart_points_are_not_flagged():
    pts = np.array([[111.0 + i * 1e-3, 35.6] for i in range(50)])  # about 90 m apart
    assert not crowded(pts, 1.2).any()
    assert crowded(pts[:1], 1.2).tolist() == [False]


def test_dense_demo_hamlet_has_no_two_households_in_one_spot():
    # a residents' committee of 3,000 households on 0.07 km², as in 秀洲区's town centres
    village = box(120.70, 30.76, 120.7028, 30.7625)
    pts = _hamlet_points(village, 3000, np.random.default_rng(4))
    assert len(pts) == 3000
    assert shapely.contains_xy(village, pts[:, 0], pts[:, 1]).all()
    xy = _metres(np.round(pts, 6))  # stored as 6 decimals
    tree = shapely.STRtree(shapely.points(xy))
    left, right = tree.query(shapely.points(xy), predicate="dwithin", distance=1.0)
    assert int((left != right).sum()) == 0, "households closer than 1 m"
    assert MIN_SPACING_M > 1.0  # the map check's default threshold
