"""The gap list for the operator (`fieldapp gaps`): one row per not-covered household with its
work order, and a column 完成日期 the operator fills in and sends back (read by
`fieldapp workorders done --from`); then a sheet per other gap (never visited, nobody home,
nobody home N times to revisit, paid subscribers not handed over, illegal charges, spot checks
not confirmed) and overdue orders."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from fieldapp.core.messages import ErrorCode
from fieldapp.core.reconcile import (
    GAP_LIST_LABELS_ZH,
    WORK_ORDER_KIND_LABELS_ZH,
    WORK_ORDER_STATE_LABELS_ZH,
    is_overdue,
)
from fieldapp.core.register_rows import cell_text
from fieldapp.core.status import (
    OPERATOR_LABELS_ZH,
    REASON_LABELS_ZH,
    RECEPTION_LABELS_ZH,
    STATUS_LABELS_ZH,
)
from fieldapp.store.facilities import service_gaps
from fieldapp.store.households.gaps import gap_lists, work_orders

from .read import TabularError, read_table
from .write import write_table

HEADERS = ("工单编号", "乡镇", "村", "村民小组", "户主姓名", "联系电话", "住址", "类别", "未覆盖原因",
           "具体原因", "最近走访", "工单类型", "运营商", "截止日期", "工单状态", "是否逾期", "完成日期",
           "备注", "household_id")
WIDTHS = (38, 12, 14, 8, 10, 13, 22, 10, 12, 12, 11, 10, 10, 11, 12, 8, 11, 16, 38)
_PLACE = ("乡镇", "村", "村民小组", "户主姓名", "联系电话", "住址", "状态", "原因", "最近走访")
# The other lists: sheet name, the headers after _PLACE and how each row fills them.
_LISTS = {
    "never_visited": ((), lambda g: ()),
    "nobody_home": ((), lambda g: ()),
    "revisit": (("家中无人次数",), lambda g: (g["nobody_home_visits"],)),
    "not_handed_over": (("接收方式", "运营商"), lambda g: (
        RECEPTION_LABELS_ZH.get(g["reception_mode"], g["reception_mode"] or ""),
        OPERATOR_LABELS_ZH.get(g["operator"], g["operator"] or ""))),
    "illegal_charge": (("收费金额（元）", "收费人或单位"), lambda g: (
        g["charge_amount"], g["charged_by"] or "")),
    "spot_check_not_confirmed": (("核查日期", "核查人", "说明"), lambda g: (
        g["checked_at"] or "", g["checker"] or "", g["note"] or "")),
}


def _reason(g: dict) -> str:
    return REASON_LABELS_ZH.get(g["status_reason"], g["status_reason"] or "")


def _not_covered_row(g: dict, today: dt.date) -> tuple:
    state = g["state"]
    return (g["order_uuid"] or "", g["township_name"] or "", g["village_name"],
            g["group_no"] or "", g["head_name"], g["phone"] or "", g["address"] or "",
            "未达覆盖标准" if g["below_standard"] else "未覆盖", _reason(g),
            REASON_LABELS_ZH.get(g["reason_detail"], g["reason_detail"] or ""),
            (g["last_visit_at"] or "")[:10],
            WORK_ORDER_KIND_LABELS_ZH.get(g["kind"], "") if g["kind"] else "",
            g["operator"] or "", g["due_date"] or "",
            WORK_ORDER_STATE_LABELS_ZH.get(state, "未派单") if state else "未派单",
            "是" if state and is_overdue(state, g["due_date"], today) else "",
            g["done_at"] or "", g["notes"] or "", g["household_uuid"])


def _list_sheet(kind: str, rows: list[dict]) -> tuple[str, tuple, list[tuple]]:
    extra, values = _LISTS[kind]
    return (GAP_LIST_LABELS_ZH[kind], (*_PLACE, *extra, "household_id"),
            [(g["township_name"] or "", g["village_name"], g["group_no"] or "", g["head_name"],
              g["phone"] or "", g["address"] or "", STATUS_LABELS_ZH.get(g["status"], ""),
              _reason(g), (g["last_visit_at"] or "")[:10], *values(g), g["household_uuid"])
             for g in rows])


def export_gaps(store, path: str | os.PathLike, code: str | None = None,
                today: dt.date | None = None,
                lists: dict[str, list[dict]] | None = None) -> int:
    """The operator's list of not-covered households (first sheet; the only one in a CSV), then
    one sheet per other gap list and the overdue work orders. Returns the first sheet's rows."""
    today = today or dt.date.today()
    lists = lists if lists is not None else gap_lists(store, code)
    rows: Iterator[tuple] = (_not_covered_row(g, today) for g in lists["not_covered"])
    overdue = work_orders(store, code, overdue_on=today)
    extra = [_list_sheet(kind, lists[kind]) for kind in _LISTS]
    extra.append(("逾期工单", ("工单编号", "村", "户主姓名", "联系电话", "运营商", "截止日期",
                             "逾期天数"),
                  [(o["uuid"], o["village_name"], o["head_name"], o["phone"] or "",
                    o["operator"], o["due_date"],
                    (today - dt.date.fromisoformat(o["due_date"][:10])).days) for o in overdue]))
    extra.append(_service_sheet(service_gaps(store, code)))
    return write_table(path, HEADERS, rows, sheet=GAP_LIST_LABELS_ZH["not_covered"],
                       widths=WIDTHS, sheets=extra)


SERVICE_GAP_LABELS_ZH = {"no_service_station": "乡镇没有服务站",
                         "no_agency_point": "村没有代办点"}


def _service_sheet(gaps: dict[str, list[dict]]) -> tuple[str, tuple, list[tuple]]:
    """Townships without a service station, villages without an agency point (seed 2)."""
    return ("服务网点缺口", ("缺口", "乡镇", "村（社区）", "区划代码"),
            [(SERVICE_GAP_LABELS_ZH[kind], g["township_name"],
              "" if kind == "no_service_station" else g["name"], g["code"])
             for kind, rows in gaps.items() for g in rows])


def read_done_dates(path: str | os.PathLike) -> list[tuple[int, str, str]]:
    """(row number, order uuid, done date) of the rows the operator filled in."""
    table = read_table(path)
    header = [cell_text(c) for c in (table.rows[0] if table.rows else [])]
    try:
        c_id, c_done = header.index("工单编号"), header.index("完成日期")
    except ValueError:
        raise TabularError(ErrorCode.NOT_A_GAPS_LIST, where=str(path)) from None
    out = []
    for i, row in enumerate(table.rows[1:], start=2):
        uuid = cell_text(row[c_id]) if c_id < len(row) else ""
        done = row[c_done] if c_done < len(row) else ""
        if uuid and done not in ("", None):
            out.append((i, uuid, done.isoformat()[:10] if hasattr(done, "isoformat")
                        else cell_text(done)))
    return out
