"""The coverage rule (覆盖标准) as data: what a household must have, beyond being met with a
reception mode that works now, to count as covered (seed 1: the county channel received, no
illegal charge). Versioned, one per county; every failure names its reason.

A rule is JSON:
    {"version": "140824-2026.1", "county": "140824",
     "requires": [{"reason": "county_channel_missing", "field": "channels", "contains": "county"},
                  {"reason": "illegal_charge", "field": "illegal_charge", "not": "yes"}]}
`contains`: the (space-separated select_multiple) answer includes the value; `equals`: the answer
is the value; `not`: the answer is anything but the value (a missing answer passes).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import FieldappError
from fieldapp.core.messages import ErrorCode

NOT_WORKING = "not_working"  # met, a reception mode, but it does not work now
REASON_LABELS_ZH = {
    NOT_WORKING: "不能正常收看",
    "county_channel_missing": "收不到县台",
    "illegal_charge": "被违规收费",
}
_TESTS = ("contains", "equals", "not")


class CoverageRuleError(FieldappError):
    code = "coverage_rule"


@dataclass(frozen=True)
class Requirement:
    reason: str
    field: str
    test: str
    value: str

    def met(self, answers: Mapping[str, Any]) -> bool:
        given = answers.get(self.field)
        if self.test == "not":
            return given is None or str(given) != self.value
        if given is None:
            return False
        if self.test == "contains":
            items = given if isinstance(given, list) else str(given).split()
            return self.value in [str(i) for i in items]
        return str(given) == self.value


@dataclass(frozen=True)
class CoverageRule:
    version: str
    county: str
    requires: tuple[Requirement, ...] = ()

    def failure(self, answers: Mapping[str, Any]) -> str | None:
        """The reason of the first requirement the answers fail, None when all are met."""
        for r in self.requires:
            if not r.met(answers):
                return r.reason
        return None

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "county": self.county, "requires": [
            {"reason": r.reason, "field": r.field, r.test: r.value} for r in self.requires]},
            ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes, where: str = "") -> CoverageRule:
        try:
            data = json.loads(text)
            version, county = str(data["version"]).strip(), str(data.get("county", ""))
            reqs = [_requirement(r, i) for i, r in enumerate(data.get("requires", []), 1)]
        except CoverageRuleError as exc:
            raise CoverageRuleError(exc.entry, where=where or None, **exc.params) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CoverageRuleError(ErrorCode.RULE_INVALID, reason=exc, where=where or None) from None
        if not version:
            raise CoverageRuleError(ErrorCode.RULE_NO_VERSION, where=where or None)
        return cls(version, county, tuple(reqs))


def _requirement(r: Mapping[str, Any], i: int) -> Requirement:
    tests = [t for t in _TESTS if t in r]
    if len(tests) != 1 or not r.get("reason") or not r.get("field"):
        raise CoverageRuleError(ErrorCode.RULE_REQUIREMENT, number=i)
    return Requirement(str(r["reason"]), str(r["field"]), tests[0], str(r[tests[0]]))


def _standard(county: str, version: str) -> CoverageRule:
    return CoverageRule(version, county, (
        Requirement("county_channel_missing", "channels", "contains", "county"),
        Requirement("illegal_charge", "illegal_charge", "not", "yes"),
    ))


# Shipped defaults: seed 1 (Jishan, 140824) and seed 2's district (Xiuzhou, 330411).
DEFAULT_RULES = {
    "140824": _standard("140824", "140824-2026.1"),
    "330411": _standard("330411", "330411-2026.1"),
}


def default_rule(county: str | None) -> CoverageRule:
    county = (county or "")[:6]
    return DEFAULT_RULES.get(county) or _standard(county, f"{county or 'default'}-2026.1")
