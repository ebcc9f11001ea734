"""Household coverage status, derived from the latest complete visit.

The household checklist (forms/huhutong_household.xlsx) uses these field names; the derivation is
the programme's rule of what "covered" (已覆盖) means: the household was met, has a reception mode
and the TV works now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .coverage_rule import REASON_LABELS_ZH as RULE_REASON_LABELS_ZH
from .coverage_rule import NOT_WORKING, CoverageRule

COVERED = "covered"
NOT_COVERED = "not_covered"
NOT_VISITED = "not_visited"
VACANT = "vacant"
REFUSED = "refused"
MOVED = "moved"

STATUSES = (COVERED, NOT_COVERED, NOT_VISITED, VACANT, REFUSED, MOVED)

# Chinese labels live here as data for non-Qt outputs (PDF, Excel); the UI translates via Qt.
STATUS_LABELS_ZH = {
    COVERED: "已覆盖",
    NOT_COVERED: "未覆盖",
    NOT_VISITED: "未入户",
    VACANT: "空置房",
    REFUSED: "拒绝核查",
    MOVED: "已迁出/合户",
}

REASONS = ("no_tv", "signal", "awaiting_install", "cannot_afford", "refuses", "other")
REASON_LABELS_ZH = {
    "no_tv": "无电视机",
    "signal": "信号问题",
    "awaiting_install": "待安装",
    "cannot_afford": "经济困难",
    "refuses": "本人不愿安装",
    "other": "其他",
    "nobody_home": "家中无人",
    "spot_check_not_confirmed": "抽查与登记不符",
    **RULE_REASON_LABELS_ZH,
}
SPOT_NOT_CONFIRMED = "spot_check_not_confirmed"

VISIT_RESULTS = ("met", "nobody_home", "vacant", "refused", "moved_out", "merged")
RECEPTION_MODES = ("cable", "iptv", "dbs", "dtmb", "none")
RECEPTION_LABELS_ZH = {
    "cable": "有线数字电视",
    "iptv": "IPTV",
    "dbs": "直播卫星",
    "dtmb": "地面数字电视",
    "none": "无",
}
# The household checklist's answers derive_status reads, with the choice values it tests: a
# revision of the checklist must keep them (`fieldapp form publish` refuses one that does not).
STATUS_FIELDS = {"visit_result": VISIT_RESULTS, "reception_mode": RECEPTION_MODES,
                 "works_now": ("yes",), "not_covered_reason": ()}


def coverage_fields(rule: CoverageRule | None) -> dict[str, tuple[str, ...]]:
    """Every answer the coverage status needs (the status's own and the county rule's), with the
    choice values it compares them to."""
    needs = {name: tuple(values) for name, values in STATUS_FIELDS.items()}
    for r in rule.requires if rule is not None else ():
        if r.value not in needs.setdefault(r.field, ()):
            needs[r.field] += (r.value,)
    return needs


OPERATOR_LABELS_ZH = {
    "cable_co": "广电网络公司", "telecom": "中国电信", "unicom": "中国联通", "mobile": "中国移动",
    "none": "无",
}


@dataclass(frozen=True)
class Status:
    status: str
    reason: str = ""

    @property
    def label_zh(self) -> str:
        return STATUS_LABELS_ZH[self.status]


def derive_status(answers: Mapping[str, Any] | None, rule: CoverageRule | None = None) -> Status:
    """Status from the answers of the latest *complete* visit (None: never visited). With a
    county's coverage rule, a household that works now but fails one of the rule's requirements
    (county channel, no illegal charge, ...) is not covered, with that requirement's reason."""
    if not answers:
        return Status(NOT_VISITED)
    result = answers.get("visit_result") or "met"
    if result == "nobody_home":
        return Status(NOT_VISITED, "nobody_home")
    if result == "vacant":
        return Status(VACANT)
    if result == "refused":
        return Status(REFUSED)
    if result in ("moved_out", "merged"):
        return Status(MOVED, result)
    mode = answers.get("reception_mode") or "none"
    if mode == "none":
        return Status(NOT_COVERED, str(answers.get("not_covered_reason") or "other"))
    if answers.get("works_now") not in ("yes", True, 1, "1"):
        # a reception mode that does not work now fails the standard as such; why (signal, ...)
        # stays in the answers and the gap list shows it beside this reason
        return Status(NOT_COVERED, NOT_WORKING)
    failed = rule.failure(answers) if rule is not None else None
    return Status(NOT_COVERED, failed) if failed else Status(COVERED)


def after_spot_check(status: Status, visited_at: str | None, outcome: str,
                     checked_at: str | None) -> Status:
    """The status once the latest spot check of the household is taken into account: a check
    that did not confirm it, on or after the day of its latest visit, puts it back to not
    covered (a later visit decides again)."""
    if outcome != "not_confirmed" or not checked_at:
        return status
    if visited_at and str(checked_at)[:10] < str(visited_at)[:10]:
        return status
    return Status(NOT_COVERED, SPOT_NOT_CONFIRMED)


def coverage_rate(covered: int, total: int) -> float | None:
    """Share of households covered among those that count (vacant and moved do not)."""
    return None if total <= 0 else covered / total
