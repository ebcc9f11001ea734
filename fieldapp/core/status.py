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
from .coverage_rule import CoverageRule

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
    **RULE_REASON_LABELS_ZH,
}

VISIT_RESULTS = ("met", "nobody_home", "vacant", "refused", "moved_out", "merged")
RECEPTION_MODES = ("cable", "iptv", "dbs", "dtmb", "none")


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
    works = answers.get("works_now")
    if mode != "none" and works in ("yes", True, 1, "1"):
        failed = rule.failure(answers) if rule is not None else None
        return Status(NOT_COVERED, failed) if failed else Status(COVERED)
    reason = answers.get("not_covered_reason") or ("signal" if mode != "none" else "other")
    return Status(NOT_COVERED, str(reason))


def coverage_rate(covered: int, total: int) -> float | None:
    """Share of households covered among those that count (vacant and moved do not)."""
    return None if total <= 0 else covered / total
