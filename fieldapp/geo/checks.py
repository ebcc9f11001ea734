"""Spatial checks of household positions (shapely), distances in metres in the CGCS2000
3-degree Gauss-Krüger zone chosen from the households' median longitude:

- outside_village: a located household not inside its village polygon (with its distance to it;
  closer than OUTSIDE_TOLERANCE_M counts as inside);
- near_duplicate: households at the same or nearly the same position (≤ threshold metres apart),
  reported as groups;
- unlocated: villages with households that have no position yet;
- no_boundary: villages with located households but no boundary to check them against.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import shapely

from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.store.geo import queries as geo_queries

from .crs import Crs, metric_crs_for, to_metric

OUTSIDE, NEAR_DUPLICATE, UNLOCATED, NO_BOUNDARY = (
    "outside_village", "near_duplicate", "unlocated", "no_boundary")
KIND_LABELS_ZH = {OUTSIDE: "不在本村范围内", NEAR_DUPLICATE: "位置重复或过近",
                  UNLOCATED: "有未定位的户", NO_BOUNDARY: "村无边界，无法检查"}
DEFAULT_THRESHOLD_M = 1.0
OUTSIDE_TOLERANCE_M = 1.0  # closer than this to the village line counts as inside (GPS noise)


@dataclass
class Finding:
    kind: str
    village_code: str
    households: list[str] = field(default_factory=list)
    distance_m: float | None = None
    count: int = 0
    detail: str = ""  # in Chinese; detail_en in English
    confirmed: bool = False  # outside_village: the surveyor confirmed placing it there
    detail_en: str = ""

    def said(self, detail: Said) -> Finding:
        """This finding with its detail from the catalogue, in both languages."""
        self.detail, self.detail_en = detail.text("zh"), detail.text("en")
        return self


@dataclass
class CheckReport:
    crs: str
    threshold_m: float
    located: int
    findings: list[Finding] = field(default_factory=list)
    crs_en: str = ""

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys((OUTSIDE, NEAR_DUPLICATE, UNLOCATED, NO_BOUNDARY), 0)
        for f in self.findings:
            out[f.kind] += 1
        return out

    def flagged_households(self) -> set[str]:
        return {u for f in self.findings for u in f.households}

    def to_json(self) -> dict[str, Any]:
        return {"crs": self.crs, "crs_en": self.crs_en, "threshold_m": self.threshold_m,
                "located": self.located,
                "counts": self.counts(), "findings": [asdict(f) for f in self.findings]}


def run_checks(store, *, area_code: str | None = None, threshold_m: float = DEFAULT_THRESHOLD_M,
               progress: Progress | None = None) -> CheckReport:
    rows = geo_queries.check_points(store, area_code)
    arr = np.array(rows, dtype=float).reshape(-1, 4)
    order = np.argsort(arr[:, 1], kind="stable")  # by village
    rowids = arr[order, 0].astype(np.int64)
    village_nums = arr[order, 1].astype(np.int64)
    lon, lat = arr[order, 2], arr[order, 3]
    metric = metric_crs_for(lon)
    report = CheckReport(metric.label, float(threshold_m), len(rows), crs_en=metric.text("en"))
    _step(progress, 1, 4)
    report.findings += _outside(store, area_code, rowids, village_nums, lon, lat, metric, progress)
    _step(progress, 2, 4)
    x, y = to_metric(lon, lat, metric)
    report.findings += _near_duplicates(rowids, village_nums, x, y, float(threshold_m))
    _step(progress, 3, 4)
    for code, name, missing, total in geo_queries.unlocated_by_village(store):
        if area_code and not _under(code, area_code):
            continue
        report.findings.append(Finding(UNLOCATED, code, count=int(missing)).said(
            Said(ErrorCode.CHECK_UNLOCATED, name=name, missing=missing, total=total)))
    # findings carry rowids so far: name the few flagged households by uuid
    uuids = geo_queries.uuids_of(store, sorted({r for f in report.findings for r in f.households}))
    for f in report.findings:
        f.households = [uuids[r] for r in f.households if r in uuids]
    _step(progress, 4, 4)
    return report


def _outside(store, area_code, rowids, villages, lon, lat, metric: Crs, progress) -> list[Finding]:
    polys = {code: text for code, _n, _l, _p, text in
             geo_queries.boundaries(store, level="village", under=area_code)}
    out: list[Finding] = []
    nums, starts = np.unique(villages, return_index=True) if len(villages) else ([], [])
    codes = [f"{int(v):012d}" for v in nums]
    bounds = list(starts[1:]) + [len(villages)]
    for n, (code, a, b) in enumerate(zip(codes, starts, bounds)):
        if code not in polys:
            out.append(Finding(NO_BOUNDARY, code, count=int(b - a)).said(
                Said(ErrorCode.CHECK_NO_BOUNDARY, count=int(b - a))))
            continue
        poly = shapely.from_geojson(polys[code])
        shapely.prepare(poly)
        inside = shapely.contains_xy(poly, lon[a:b], lat[a:b])
        idx = np.nonzero(~inside)[0]
        if len(idx):
            mpoly = shapely.transform(poly, lambda c: np.column_stack(
                to_metric(c[:, 0], c[:, 1], metric)))
            px, py = to_metric(lon[a:b][idx], lat[a:b][idx], metric)
            dist = shapely.distance(mpoly, shapely.points(px, py))
            far = [(int(rowids[a + i]), float(d)) for i, d in zip(idx, dist)
                   if d >= OUTSIDE_TOLERANCE_M]
            confirmed = geo_queries.confirmed_outside(store, [r for r, _d in far])
            for rowid, d in far:
                seen = rowid in confirmed
                why = ErrorCode.CHECK_OUTSIDE_CONFIRMED if seen else ErrorCode.CHECK_OUTSIDE
                out.append(Finding(OUTSIDE, code, [rowid], round(d, 1), 1, confirmed=seen).said(
                    Said(why, metres=f"{d:.0f}")))
        if progress is not None and n % 20 == 0 and progress(n, len(codes) * 4) is False:
            raise Cancelled(ErrorCode.CANCELLED_CHECK)
    return out


def _near_duplicates(rowids, villages, x, y, threshold: float) -> list[Finding]:
    if len(x) < 2:
        return []
    pts = shapely.points(x, y)
    tree = shapely.STRtree(pts)
    left, right = tree.query(pts, predicate="dwithin", distance=threshold)
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return []
    parent = np.arange(len(x))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(left.tolist(), right.tolist()):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in set(left.tolist()) | set(right.tolist()):
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in sorted(groups.values(), key=min):
        members.sort()
        mx, my = x[members], y[members]
        spread = float(np.max(np.hypot(mx - mx.mean(), my - my.mean())) * 2)
        out.append(Finding(NEAR_DUPLICATE, f"{int(villages[members[0]]):012d}",
                           [int(rowids[i]) for i in members], round(spread, 2), len(members),
                           ).said(Said(ErrorCode.CHECK_NEAR, count=len(members),
                                       metres=f"{threshold:g}")))
    return out


def _under(code: str, area: str) -> bool:
    prefix = area[:6] if area.endswith("000000") else area[:9] if area.endswith("000") else area
    return code.startswith(prefix)


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done * 100, total * 100) is False:
        raise Cancelled(ErrorCode.CANCELLED_CHECK)
