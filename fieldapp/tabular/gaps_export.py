"""The gap list for the operator (`fieldapp gaps`): one row per not-covered household with its
work order, and a column 完成日期 the operator fills in and sends back (read by
`fieldapp workorders done --from`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from fieldapp.core.messages import ErrorCode
from fieldapp.core.reconcile import (
    WORK_ORDER_KIND_LABELS_ZH,
    WORK_ORDER_STATE_LABELS_ZH,
    is_overdue,
)
from fieldapp.core.register_rows import cell_text
from fieldapp.core.status import REASON_LABELS_ZH
from fieldapp.store.households.gaps import open_gaps, work_orders

from .read import TabularError, read_table
from .write import write_table

HEADERS = ("工单编号", "乡镇", "村", "村民小组", "户主姓名", "联系电话", "住址", "未覆盖原因",
           "最近走访", "工单类型", "运营商", "截止日期", "工单状态", "是否逾期", "完成日期", "备注",
           "household_id")
WIDTHS = (38, 12, 14, 8, 10, 13, 22, 12, 11, 10, 10, 11, 12, 8, 11, 16, 38)


def export_gaps(store, path: str | os.PathLike, code: str | None = None,
                today: dt.date | None = None) -> int:
    today = today or dt.date.today()

    def rows() -> Iterator[tuple]:
        for g in open_gaps(store, code):
            state = g["state"]
            yield (g["order_uuid"] or "", g["township_name"] or "", g["village_name"],
                   g["group_no"] or "", g["head_name"], g["phone"] or "", g["address"] or "",
                   REASON_LABELS_ZH.get(g["status_reason"], g["status_reason"] or ""),
                   (g["last_visit_at"] or "")[:10],
                   WORK_ORDER_KIND_LABELS_ZH.get(g["kind"], "") if g["kind"] else "",
                   g["operator"] or "", g["due_date"] or "",
                   WORK_ORDER_STATE_LABELS_ZH.get(state, "未派单") if state else "未派单",
                   "是" if state and is_overdue(state, g["due_date"], today) else "",
                   g["done_at"] or "", g["notes"] or "", g["household_uuid"])

    overdue = work_orders(store, code, overdue_on=today)
    extra = ("逾期工单", ("工单编号", "村", "户主姓名", "联系电话", "运营商", "截止日期",
                        "逾期天数"),
             [(o["uuid"], o["village_name"], o["head_name"], o["phone"] or "", o["operator"],
               o["due_date"], (today - dt.date.fromisoformat(o["due_date"][:10])).days)
              for o in overdue])
    return write_table(path, HEADERS, rows(), sheet="未覆盖户", widths=WIDTHS, sheets=[extra])


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
