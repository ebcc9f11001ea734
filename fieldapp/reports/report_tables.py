"""The report's tables as headers and rows of plain values, written the same way to PDF and
Excel. Rates are floats (0..1) or None; the writers format them."""

from __future__ import annotations

from typing import Any

from fieldapp.core.reconcile import WORK_ORDER_KIND_LABELS_ZH, WORK_ORDER_STATE_LABELS_ZH

from .labels import reason_label
from .report_data import OUTCOME_LABELS, AreaRow, ReportData
from .sheet_rows import masked_phone

Table = tuple[list[str], list[list[Any]]]
RATE = "rate"  # marker in a header name's spec: the column is a share

COVERAGE_COLUMNS = (
    ("户数", "households"), ("花名册", "register"), ("新发现", "field_found"),
    ("已走访", "visited"), ("未走访", "never_visited"), ("家中无人", "nobody_home"),
    ("已覆盖", "covered"),
    ("未覆盖", "not_covered"), ("空置房", "vacant"), ("拒绝核查", "refused"),
    ("迁出/合户", "moved"), ("疑似重复", "duplicates"), ("覆盖率", "rate"),
    ("登记人口", "persons"), ("覆盖户人口", "persons_covered"),  # 不落一人 (core.roster)
)
RATE_HEADERS = {"覆盖率", "移交率", "核实率"}


def rate(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


def _short(d: ReportData) -> str:
    width = {"province": 2, "city": 4, "county": 6}.get(d.level, 9)
    return d.code[:width]


def overview(d: ReportData) -> list[tuple[str, Any]]:
    t, p = d.total, d.progress
    return [
        ("地区", f"{d.name}（{_short(d)}）"),
        ("生成时间", d.generated_at),
        ("户数（花名册 + 新发现）", t.households), ("花名册户数", t.register),
        ("走访中新发现的户", t.field_found), ("已走访", t.visited), ("未走访", t.never_visited),
        ("家中无人（已上门，需补访）", t.nobody_home), ("已覆盖", t.covered), ("未覆盖", t.not_covered), ("空置房", t.vacant),
        ("拒绝核查", t.refused), ("已迁出/合户", t.moved), ("疑似重复户", t.duplicates),
        ("覆盖率（已覆盖 ÷ 除空置、迁出外的户数）", t.rate),
        ("待解决（未覆盖、拒绝、未走访）", t.open_gaps),
        ("进行中的工单", t.orders_active), ("逾期工单", t.orders_overdue),
        ("有线付费用户", t.paid), ("其中已移交", t.handed_over), ("其中未移交", t.not_handed_over),
        ("违规收费发现", t.illegal_charges),
        ("家庭成员登记人数（常住）", t.persons), ("其中已覆盖户人口", t.persons_covered),
        ("其中未覆盖户人口", t.persons_not_covered),
        ("目标日期", p["target_date"]), ("时间进度", p["elapsed"]),
        ("走访进度", p["visited_share"]), ("是否按计划", "按计划" if p["on_track"] else "落后于计划"),
        ("剩余天数", p["days_left"]), ("每天需走访户数", p["visits_per_day_needed"] or 0),
    ]


def coverage(rows: list[AreaRow], label: str, with_parent: bool = False,
             parent_label: str = "乡镇") -> Table:
    head = ([label] if not with_parent else [parent_label, label]) + [h for h, _ in COVERAGE_COLUMNS]
    body = []
    for r in rows:
        lead = [r.name] if not with_parent else [r.parent, r.name]
        body.append(lead + [getattr(r, a) for _, a in COVERAGE_COLUMNS])
    return head, body


def total_row(d: ReportData, with_parent: bool = False) -> list[Any]:
    lead = ["合计"] if not with_parent else ["合计", ""]
    return lead + [getattr(d.total, a) for _, a in COVERAGE_COLUMNS]


def reasons(d: ReportData) -> Table:
    return ["未覆盖原因", "户数"], [[k, n] for k, n in d.reasons]


def gaps_by_unit(d: ReportData) -> Table:
    head = [d.unit_label, "未覆盖", "拒绝核查", "未走访", "待解决合计", "进行中工单", "逾期工单"]
    body = [[r.name, r.not_covered, r.refused, r.never_visited, r.open_gaps, r.orders_active,
             r.orders_overdue] for r in d.units]
    return head, body


def orders_summary(d: ReportData) -> Table:
    return (["工单状态", "数量"], [[k, n] for k, n in d.orders_by_state]
            + [["—— 按类型 ——", ""]] + [[k, n] for k, n in d.orders_by_kind])


def overdue(d: ReportData, limit: int | None = None) -> Table:
    head = ["村（社区）", "组", "户主", "电话", "工单类型", "运营商", "截止日期", "状态"]
    body = [[o["village_name"], o["group_no"], o["head_name"], masked_phone(o["phone"]),
             WORK_ORDER_KIND_LABELS_ZH.get(o["kind"], o["kind"]), o["operator"], o["due_date"],
             WORK_ORDER_STATE_LABELS_ZH.get(o["state"], o["state"])]
            for o in d.overdue_orders[:limit]]
    return head, body


def gaps_list(d: ReportData) -> Table:
    head = ["乡镇", "村（社区）", "组", "户主", "身份证号码", "电话", "未覆盖原因", "工单类型",
            "运营商", "截止日期", "工单状态"]
    body = [[g["township_name"], g["village_name"], g["group_no"], g["head_name"], g["id_masked"],
             masked_phone(g["phone"]), reason_label("not_covered", g["status_reason"]),
             WORK_ORDER_KIND_LABELS_ZH.get(g["kind"], g["kind"] or ""), g["operator"] or "",
             g["due_date"] or "", WORK_ORDER_STATE_LABELS_ZH.get(g["state"], "未派单")]
            for g in d.gaps]
    return head, body


def spot_checks(d: ReportData) -> Table:
    head = ["抽查日期", "范围", "抽查户数", "已核查", "核实已覆盖", "与登记不符", "核实率"]
    body = [[(c["drawn_at"] or "")[:10], c["area_name"], c["sampled"], c["checked"] or 0,
             c["confirmed"] or 0, c["not_confirmed"] or 0,
             rate(c["confirmed"] or 0, c["checked"] or 0)] for c in d.spot_checks]
    return head, body


def spot_results(d: ReportData) -> Table:
    head = ["抽查日期", "村（社区）", "抽查户数", OUTCOME_LABELS["pending"],
            OUTCOME_LABELS["confirmed"], OUTCOME_LABELS["not_confirmed"],
            OUTCOME_LABELS["unreachable"], "核实率"]
    body = [[(r["drawn_at"] or "")[:10], r["village_name"], r["sampled"], r["pending"],
             r["confirmed"], r["not_confirmed"], r["unreachable"], r["confirmed_rate"]]
            for r in d.spot_results]
    return head, body


def handover(d: ReportData) -> Table:
    head = [d.unit_label, "有线付费用户", "已移交", "未移交", "移交率"]
    body = [[r.name, r.paid, r.handed_over, r.not_handed_over, rate(r.handed_over, r.paid)]
            for r in d.units]
    body.append(["合计", d.total.paid, d.total.handed_over, d.total.not_handed_over,
                 rate(d.total.handed_over, d.total.paid)])
    return head, body


INDICATOR_COLUMNS = (
    ("见到住户", "met"), ("有线", "mode_cable"), ("IPTV", "mode_iptv"), ("直播卫星", "mode_dbs"),
    ("地面数字", "mode_dtmb"), ("无接收方式", "mode_none"), ("收到县台", "county_channel"),
    ("有宽带", "broadband"), ("应急广播终端", "eb_terminal"), ("其中能用", "eb_working"),
    ("满意", "satisfaction_satisfied"), ("基本满意", "satisfaction_basic"),
    ("不满意", "satisfaction_unsatisfied"), ("违规收费户", "illegal_charges"),
    ("违规收费额", "charge_amount"),
)
RATE_HEADERS |= {"县台收视率", "宽带率", "终端完好率", "满意率", "开通率"}


def has_indicators(d: ReportData) -> bool:
    return d.total.met > 0


def indicators(d: ReportData) -> Table:
    """Per unit, from the latest visits of the households met: reception-mode mix, county
    channel, broadband, emergency-broadcast terminals, satisfaction and illegal charges with
    their amounts; rates over the households met (terminals: working of those with one)."""
    head = [d.unit_label, *(h for h, _ in INDICATOR_COLUMNS),
            "县台收视率", "宽带率", "终端完好率", "满意率"]
    body = []
    for r in [*d.units, d.total]:
        body.append([r.name if r is not d.total else "合计",
                     *(getattr(r, k) for _, k in INDICATOR_COLUMNS[:-1]), _yuan(r.charge_amount),
                     *_rates(r)])
    return head, body


def _rates(r: AreaRow) -> list[float | None]:
    """County channel, broadband, terminals working, satisfied or basically satisfied."""
    satisfied = r.satisfaction_satisfied + r.satisfaction_basic
    return [rate(r.county_channel, r.met), rate(r.broadband, r.met),
            rate(r.eb_working, r.eb_terminal),
            rate(satisfied, satisfied + r.satisfaction_unsatisfied)]


def satisfaction(d: ReportData) -> list[tuple[str, int]]:
    """(answer, households met) of the report's total, for a chart."""
    return [(h, getattr(d.total, k)) for h, k in INDICATOR_COLUMNS[10:13]]


def county_channel_rates(d: ReportData) -> list[tuple[str, float | None]]:
    """(unit, share of the households met receiving the county channel), for a chart."""
    return [(r.name, rate(r.county_channel, r.met)) for r in d.units]


def mode_mix(d: ReportData) -> list[tuple[str, int]]:
    """(reception mode, households met) of the report's total, for a chart."""
    return [(h, getattr(d.total, k)) for h, k in INDICATOR_COLUMNS[1:6]]


def _yuan(amount: float) -> int | str:
    """An amount as a whole number when it is one (a float would read as a share)."""
    return int(amount) if float(amount).is_integer() else f"{amount:.2f}"


OPERATOR_COLUMNS = (
    ("有接收方式的户", "met"), ("已覆盖", "covered"), ("覆盖率", "rate"),
    *INDICATOR_COLUMNS[1:5], *INDICATOR_COLUMNS[6:13],
    ("有线付费用户", "paid"), ("已移交", "handed_over"), ("未移交", "not_handed_over"),
    *INDICATOR_COLUMNS[13:15],
)


def operators(d: ReportData) -> Table:
    """Per operator, over the households met that it serves (a reception mode through it): the
    same indicators as per township — coverage to the standard, reception modes, county
    channel, broadband, emergency-broadcast terminals, satisfaction, paid subscribers handed
    over, illegal charges with amounts — and their rates."""
    head = ["运营商", *(h for h, _ in OPERATOR_COLUMNS), "县台收视率", "宽带率", "终端完好率",
            "满意率", "移交率"]
    rows = d.more.operators
    body = [[r.name, *(getattr(r, k) for _, k in OPERATOR_COLUMNS[:-1]), _yuan(r.charge_amount),
             *_rates(r), rate(r.handed_over, r.paid)] for r in rows]
    return head, body


def operator_rates(d: ReportData) -> list[tuple[str, float | None]]:
    """(operator, coverage to the standard of the households it serves), for a chart."""
    return [(r.name, r.rate) for r in d.more.operators]


def operator_mix(d: ReportData) -> Table:
    """Per unit: households met with a reception mode, by the operator serving them."""
    names = d.more.operator_names
    head = [d.unit_label, *names, "合计"]
    body = [[unit, *(mix.get(n, 0) for n in names), sum(mix.values())]
            for unit, mix in d.more.operator_mix]
    body.append(["合计", *(sum(m.get(n, 0) for _, m in d.more.operator_mix) for n in names),
                 sum(sum(m.values()) for _, m in d.more.operator_mix)])
    return head, body


def place_types(d: ReportData) -> Table:
    """Public places by type: places, checked, cable TV opened (and the share), county channel
    received, TV outlets."""
    head = ["场所类型", "场所数", "已核查", "已开通有线", "开通率", "收到县台", "电视终端数"]
    keys = ("places", "checked", "cable_opened", "county_channel", "tv_points")
    body = [[t, c["places"], c["checked"], c["cable_opened"], rate(c["cable_opened"], c["places"]),
             c["county_channel"], c["tv_points"]] for t, c in d.more.place_types]
    if body:
        sums = {k: sum(c[k] for _, c in d.more.place_types) for k in keys}
        body.append(["合计", sums["places"], sums["checked"], sums["cable_opened"],
                     rate(sums["cable_opened"], sums["places"]), sums["county_channel"],
                     sums["tv_points"]])
    return head, body


def places_by_unit(d: ReportData) -> Table:
    """Public places per township by type."""
    types = [t for t, _ in d.more.place_types]
    head = [d.unit_label, *types, "合计"]
    body = [[unit, *(by.get(t, 0) for t in types), sum(by.values())]
            for unit, by in d.more.places_by_unit]
    return head, body


def illegal(d: ReportData, limit: int | None = None) -> Table:
    head = ["村（社区）", "组", "户主", "身份证号码", "收费金额（元）", "收费人", "核查人",
            "核查日期"]
    body = [[i["village_name"], i["group_no"], i["head_name"], i["id_masked"], i["amount"],
             i["charged_by"], i["surveyor"], i["visited_at"]] for i in d.illegal[:limit]]
    return head, body
