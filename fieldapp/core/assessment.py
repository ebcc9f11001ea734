"""Township assessment (绩效考核, seed 2 §三(六)) as data: a per-county list of indicators, each
with the measure it reads from the data we hold, a target, a weight and how the score follows.

The configuration is JSON (docs/user-guide-zh.md, 乡镇绩效考核):
    {"version": "330411-2026.1", "county": "330411", "indicators": [
      {"name": "户户通覆盖率（达标准）", "measure": "coverage_rate", "target": 98, "weight": 25},
      {"name": "乡镇服务站", "measure": "service_station", "target": 1, "weight": 15,
       "scoring": "pass"}, ...]}
Rates are percentages (0–100). `scoring`: "ratio" (default: weight × value ÷ target, at most the
weight), "pass" (the weight when value >= target, else 0), "at_most" (the weight when value <=
target, else 0: counts to keep low such as illegal charges). `no_data` (when a rate has nothing to
count, e.g. no work orders): "zero" (default) or "full".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import BadValue
from .messages import ErrorCode

# measure -> (Chinese label, unit) ; the values come from fieldapp.reports.assessment
MEASURES: dict[str, tuple[str, str]] = {
    "coverage_rate": ("覆盖率（达覆盖标准的户 ÷ 应覆盖户）", "%"),
    "visit_rate": ("入户走访率（已走访户 ÷ 总户数）", "%"),
    "county_channel_rate": ("县台收视率（收到县台的户 ÷ 见到住户的户）", "%"),
    "satisfaction_rate": ("满意率（满意和基本满意 ÷ 回答的户）", "%"),
    "orders_closed_rate": ("工单办结率（已完成和已确认 ÷ 未取消的工单）", "%"),
    "terminals_working_rate": ("公共区域应急广播终端完好率（正常 ÷ 登记）", "%"),
    "agency_rate": ("村级代办点覆盖率（有代办点的村 ÷ 村数）", "%"),
    "service_station": ("乡镇服务站（处）", "处"),
    "illegal_charges": ("违规收费户数", "户"),
}
SCORINGS = ("ratio", "pass", "at_most")
NO_DATA = ("zero", "full")


class AssessmentError(BadValue):
    code = "assessment_invalid"


@dataclass(frozen=True)
class Indicator:
    name: str
    measure: str
    target: float
    weight: float
    scoring: str = "ratio"
    no_data: str = "zero"

    def score(self, value: float | None) -> float:
        """The points this value earns (0 .. weight), rounded to 0.1."""
        if value is None:
            return self.weight if self.no_data == "full" else 0.0
        if self.scoring == "pass":
            got = self.weight if value >= self.target else 0.0
        elif self.scoring == "at_most":
            got = self.weight if value <= self.target else 0.0
        elif self.target <= 0:
            got = self.weight
        else:
            got = self.weight * min(value / self.target, 1.0)
        return round(got, 1)

    @property
    def unit(self) -> str:
        return MEASURES[self.measure][1]

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "measure": self.measure, "target": self.target,
                "weight": self.weight, "scoring": self.scoring, "no_data": self.no_data}


@dataclass(frozen=True)
class Assessment:
    version: str
    county: str
    indicators: tuple[Indicator, ...]

    @property
    def full_marks(self) -> float:
        return round(sum(i.weight for i in self.indicators), 1)

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "county": self.county,
                           "indicators": [i.as_json() for i in self.indicators]},
                          ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes, where: str = "") -> Assessment:
        try:
            data = json.loads(text)
            version = str(data["version"]).strip()
            items = [_indicator(r, i) for i, r in enumerate(data["indicators"], 1)]
        except AssessmentError as exc:
            raise AssessmentError(exc.entry, where=where or None, **exc.params) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise AssessmentError(ErrorCode.ASSESSMENT_INVALID, where=where or None,
                                  detail=f"{type(exc).__name__}: {exc}") from None
        if not version or not items:
            raise AssessmentError(ErrorCode.ASSESSMENT_INVALID, where=where or None,
                                  detail="version, indicators")
        return cls(version, str(data.get("county", "")), tuple(items))


def _indicator(r: Mapping[str, Any], index: int) -> Indicator:
    measure = str(r["measure"])
    if measure not in MEASURES:
        raise AssessmentError(ErrorCode.ASSESSMENT_MEASURE, index=index, value=measure,
                              allowed=", ".join(MEASURES))
    scoring, no_data = str(r.get("scoring", "ratio")), str(r.get("no_data", "zero"))
    if scoring not in SCORINGS or no_data not in NO_DATA:
        raise AssessmentError(ErrorCode.ASSESSMENT_INVALID,
                              detail=f"#{index}: scoring {SCORINGS}, no_data {NO_DATA}")
    weight, target = float(r["weight"]), float(r["target"])
    if weight < 0 or target < 0 or weight != weight or target != target:
        raise AssessmentError(ErrorCode.ASSESSMENT_INVALID, detail=f"#{index}: weight, target >= 0")
    return Indicator(str(r.get("name") or MEASURES[measure][0]), measure, target, weight,
                     scoring, no_data)


def _i(name: str, measure: str, target: float, weight: float, scoring: str = "ratio",
       no_data: str = "zero") -> Indicator:
    return Indicator(name, measure, target, weight, scoring, no_data)


# Shipped defaults. Jishan (140824, seed 1): the coverage campaign comes first. Xiuzhou (330411,
# seed 2): the standardised service network (一镇一站, 村级代办点, 应急广播) weighs as much.
DEFAULTS = {
    "140824": Assessment("140824-2026.1", "140824", (
        _i("户户通覆盖率（达标准）", "coverage_rate", 98, 35),
        _i("入户走访率", "visit_rate", 100, 20),
        _i("县台收视率", "county_channel_rate", 95, 10),
        _i("工单办结率", "orders_closed_rate", 90, 10, no_data="full"),
        _i("无违规收费", "illegal_charges", 0, 10, "at_most"),
        _i("乡镇服务站", "service_station", 1, 5, "pass"),
        _i("村级代办点覆盖率", "agency_rate", 100, 5),
        _i("应急广播终端完好率", "terminals_working_rate", 95, 5),
    )),
    "330411": Assessment("330411-2026.1", "330411", (
        _i("户户通覆盖率（达标准）", "coverage_rate", 98, 25),
        _i("入户走访率", "visit_rate", 100, 10),
        _i("一镇一广电站", "service_station", 1, 15, "pass"),
        _i("村级代办点覆盖率", "agency_rate", 100, 15),
        _i("公共区域应急广播终端完好率", "terminals_working_rate", 95, 15),
        _i("工单办结率", "orders_closed_rate", 90, 10, no_data="full"),
        _i("群众满意率", "satisfaction_rate", 90, 10),
    )),
}


def default_assessment(county: str | None) -> Assessment:
    county = (county or "")[:6]
    base = DEFAULTS.get(county) or DEFAULTS["140824"]
    if county in DEFAULTS:
        return base
    return Assessment(f"{county or 'default'}-2026.1", county, base.indicators)
