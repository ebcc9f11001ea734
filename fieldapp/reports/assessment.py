"""The township assessment table (绩效考核, seed 2 §三(六)): per township of the county (or the one
township asked for), each configured indicator's value from the data we hold, its target, weight
and score, and the township's total. One function for `fieldapp assessment` and the reports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.assessment import Assessment
from fieldapp.store.assessment import assessment_of
from fieldapp.store.facilities import township_counts
from fieldapp.store.reports import answer_counts as Q
from fieldapp.store.reports.reconciliation_counts import reconciliation


@dataclass
class TownshipScore:
    code: str
    name: str
    values: list[float | None]
    scores: list[float]
    total: float = 0.0
    rank: int = 0

    def as_json(self, a: Assessment) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "total": self.total, "rank": self.rank,
                "indicators": [
                    {**i.as_json(), "unit": i.unit, "value": v, "score": s}
                    for i, v, s in zip(a.indicators, self.values, self.scores)]}


@dataclass
class AssessmentTable:
    config: Assessment
    townships: list[TownshipScore] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"version": self.config.version, "county": self.config.county,
                "full_marks": self.config.full_marks,
                "townships": [t.as_json(self.config) for t in self.townships]}


def _pct(part: float, whole: float) -> float | None:
    return None if not whole else round(100.0 * part / whole, 1)


def measures(store, code: str) -> dict[str, tuple[str, dict[str, float | None]]]:
    """township code -> (name, measure -> value) for every measure of core.assessment."""
    county = code[:6] + "000000"
    figures = reconciliation(store, code, duplicates=False)
    towns = figures.children if figures.level == "county" else [figures]
    per_village: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for counts in (Q.indicator_counts(store, code), Q.answer_counts(store, code)):
        for village, row in counts.items():
            for k, v in row.items():
                per_village[village[:9]][k] += v or 0
    orders: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for village, _kind, state, n in Q.work_order_counts(store, code):
        orders[village[:9]][state] += n
    points = township_counts(store, county)
    out = {}
    for t in towns:
        ind, o = per_village[t.code[:9]], orders[t.code[:9]]
        p = points.get(t.code, {})
        answered = sum(ind[f"satisfaction_{s}"] for s in ("satisfied", "basic", "unsatisfied"))
        out[t.code] = (t.name, {
            "coverage_rate": None if t.coverage_rate is None else round(100 * t.coverage_rate, 1),
            "visit_rate": _pct(t.visited, t.households),
            "county_channel_rate": _pct(ind["county_channel"], ind["met"]),
            "satisfaction_rate": _pct(ind["satisfaction_satisfied"] + ind["satisfaction_basic"],
                                      answered),
            "orders_closed_rate": _pct(o["done"] + o["verified"],
                                       sum(n for s, n in o.items() if s != "cancelled")),
            "terminals_working_rate": _pct(p.get("terminals_working", 0), p.get("terminals", 0)),
            "agency_rate": _pct(p.get("villages_with_agency", 0), p.get("villages", 0)),
            "service_station": float(p.get("stations", 0)),
            "illegal_charges": float(ind["illegal_charges"]) if ind["met"] else None,
        })
    return out


def assessment_table(store, code: str | None = None,
                     config: Assessment | None = None) -> AssessmentTable:
    """Score every township of the county (default) or one township."""
    code = code or store.setting("county_code") or ""
    config = config or assessment_of(store)
    table = AssessmentTable(config)
    for town, (name, values) in measures(store, code).items():
        vals = [values[i.measure] for i in config.indicators]
        scores = [i.score(v) for i, v in zip(config.indicators, vals)]
        table.townships.append(TownshipScore(town, name, vals, scores, round(sum(scores), 1)))
    for t in table.townships:  # equal totals share a rank
        t.rank = 1 + sum(o.total > t.total for o in table.townships)
    return table
