"""The figures of a coverage report for the county or a township, gathered once and written as
PDF (report_pdf) or Excel (report_xlsx): reconciliation by township and village, reasons for
non-coverage, open gaps and work orders, spot checks, paid-subscriber hand-over, illegal charges,
and the indicators the checklist collects (reception modes, operators, county channel, broadband,
emergency-broadcast terminals, satisfaction).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.divisions import CodeError, level_of, normalize_code
from fieldapp.core.messages import ErrorCode
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.reconcile import (
    SPOT_OUTCOME_LABELS_ZH,
    WORK_ORDER_KIND_LABELS_ZH,
    WORK_ORDER_STATE_LABELS_ZH,
    Figures,
)
from fieldapp.core.status import NOT_COVERED, OPERATOR_LABELS_ZH, REASONS
from .errors import ReportError
from fieldapp.store import spotcheck
from fieldapp.store.facilities import township_counts
from fieldapp.store.households import gaps
from fieldapp.store.reports import answer_counts as report_queries
from fieldapp.store.reports.reconciliation_counts import reconciliation, schedule

from .assessment import AssessmentTable, assessment_table
from .labels import reason_label
from .report_breakdowns import Breakdowns, breakdowns

STEPS = 6


@dataclass
class AreaRow:
    code: str
    name: str
    parent: str = ""  # the township's name, for village rows
    households: int = 0
    register: int = 0
    field_found: int = 0
    visited: int = 0
    never_visited: int = 0
    nobody_home: int = 0
    covered: int = 0
    not_covered: int = 0
    vacant: int = 0
    refused: int = 0
    moved: int = 0
    duplicates: int = 0
    rate: float | None = None
    open_gaps: int = 0
    orders_active: int = 0
    orders_overdue: int = 0
    paid: int = 0
    handed_over: int = 0
    not_handed_over: int = 0
    illegal_charges: int = 0
    persons: int = 0  # people on the member rosters (fieldapp.core.roster, households.persons)
    persons_covered: int = 0
    persons_not_covered: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    # indicators from the latest visits (store.reports.answer_counts.INDICATORS)
    met: int = 0
    mode_cable: int = 0
    mode_iptv: int = 0
    mode_dbs: int = 0
    mode_dtmb: int = 0
    mode_none: int = 0
    county_channel: int = 0
    broadband: int = 0
    eb_terminal: int = 0
    eb_working: int = 0
    satisfaction_satisfied: int = 0
    satisfaction_basic: int = 0
    satisfaction_unsatisfied: int = 0
    charge_amount: float = 0


@dataclass
class ReportData:
    code: str
    name: str
    level: str
    county_name: str
    generated_at: str
    total: AreaRow
    progress: dict[str, Any]
    units: list[AreaRow]  # townships of a county report, villages of a township report
    villages: list[AreaRow]
    reasons: list[tuple[str, int]]
    orders_by_state: list[tuple[str, int]]
    orders_by_kind: list[tuple[str, int]]
    overdue_orders: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    spot_checks: list[dict[str, Any]]
    spot_results: list[dict[str, Any]]
    illegal: list[dict[str, Any]]
    source: str = "本数据库（fieldapp）"
    operators: list[tuple[str, int, int]] = field(default_factory=list)  # label, met, covered
    assessment: AssessmentTable | None = None  # township assessment (seed 2), county/township
    network: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # per township
    # per operator, operator mix per unit, public places by type (report_breakdowns)
    more: Breakdowns = field(default_factory=Breakdowns)

    @property
    def unit_label(self) -> str:
        """What the report's units are: townships of a county, villages of a township, counties
        of a city or province roll-up."""
        return {"county": "乡镇", "township": "村（社区）"}.get(self.level, "区县")

    @property
    def sub_label(self) -> str | None:
        """The finer table under the units (villages of a county, townships of a roll-up)."""
        return {"county": "村（社区）", "township": None}.get(self.level, "乡镇（街道）")


def _row(f: Figures, parent: str = "") -> AreaRow:
    return AreaRow(
        code=f.code, name=f.name, parent=parent, register=f.register, visited=f.visited,
        **f.counts(), persons_not_covered=f.persons_not_covered, duplicates=f.duplicates,
        rate=f.coverage_rate, open_gaps=f.open_gaps,
        reasons=dict(f.not_covered_by_reason))


def _add(target: AreaRow, counts: dict[str, int]) -> None:
    for k, v in counts.items():
        setattr(target, k, getattr(target, k) + v)


def build_report(store, code: str | None = None, *, today: dt.date | None = None,
                 progress: Progress | None = None) -> ReportData:
    """Gather the report of a county (default: this database's county) or a township."""
    today = today or dt.date.today()
    try:
        code = normalize_code(code or store.setting("county_code") or "")
    except CodeError as exc:
        raise ReportError.again(exc) from None
    level = level_of(code)
    if level == "village":
        raise ReportError(ErrorCode.REPORT_NOT_FOR_VILLAGE, where=code)

    def step(i: int) -> None:
        if progress and progress(i, STEPS) is False:
            raise Cancelled(ErrorCode.CANCELLED_REPORT)

    step(0)
    figures = reconciliation(store, code)
    total = _row(figures)
    units = [_row(c) for c in figures.children]
    villages: list[AreaRow] = []
    if level == "county":
        for town in figures.children:
            villages += [_row(v, town.name) for v in town.children]
    else:
        villages = units
    by_code = {r.code: r for r in [total, *units, *villages]}
    step(1)
    for per_village in (report_queries.answer_counts(store, code),
                        report_queries.indicator_counts(store, code)):
        for village, counts in per_village.items():
            _spread(by_code, code, village, counts)
    step(2)
    orders = report_queries.work_order_counts(store, code)
    states: Counter = Counter()
    kinds: Counter = Counter()
    for village, kind, state, n in orders:
        states[state] += n
        kinds[kind] += n
        if state in ("open", "done"):
            _spread(by_code, code, village, {"orders_active": n})
    overdue = gaps.work_orders(store, code, overdue_on=today)
    for o in overdue:
        _spread(by_code, code, o["village_code"], {"orders_overdue": 1})
    open_gaps = gaps.open_gaps(store, code)
    step(3)
    checks = [c for c in spotcheck.checks(store) if _within(c["area_code"], code)]
    results = []
    for c in checks:
        for r in spotcheck.results(store, c["uuid"]):
            if _within(r["village_code"], code):
                results.append(dict(r, check_uuid=c["uuid"], drawn_at=c["drawn_at"]))
    step(4)
    illegal = report_queries.illegal_charges(store, code)
    step(5)
    reasons = [(reason_label(NOT_COVERED, r), total.reasons.get(r, 0)) for r in REASONS]
    reasons += [(reason_label(NOT_COVERED, r), n) for r, n in total.reasons.items()
                if r not in REASONS]
    names = {r.code: r.name for r in [total, *units]}
    county_name = names.get(code[:6] + "000000") or store.setting("county_name") or ""
    data = ReportData(
        code=code, name=total.name, level=level, county_name=county_name,
        generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), total=total,
        progress=figures.progress(schedule(store, today=today)), units=units, villages=villages,
        reasons=reasons,
        orders_by_state=[(WORK_ORDER_STATE_LABELS_ZH[s], states[s])
                         for s in WORK_ORDER_STATE_LABELS_ZH],
        orders_by_kind=[(WORK_ORDER_KIND_LABELS_ZH[k], kinds[k]) for k in WORK_ORDER_KIND_LABELS_ZH],
        overdue_orders=overdue, gaps=open_gaps, spot_checks=checks, spot_results=results,
        illegal=illegal, operators=[
            (OPERATOR_LABELS_ZH.get(op, op or "未填"), n, covered or 0)
            for op, n, covered in report_queries.operator_counts(store, code)])
    data.assessment = assessment_table(store, code)
    counts = township_counts(store, code)
    data.network = [(t.name, counts[t.code]) for t in (units if level == "county" else [total])
                    if t.code in counts]
    data.more = breakdowns(store, code, units, AreaRow)
    step(STEPS)
    return data


def _spread(by_code: dict[str, AreaRow], root: str, village: str, counts: dict[str, int]) -> None:
    """Add a village's counts to the village, its township and the report's total."""
    targets = {village, village[:9] + "000", root}
    for c in targets:
        row = by_code.get(c)
        if row is not None:
            _add(row, counts)


def _within(code: str, root: str) -> bool:
    if root.endswith("000000"):
        return code.startswith(root[:6])
    return code.startswith(root[:9])


OUTCOME_LABELS = SPOT_OUTCOME_LABELS_ZH
