"""Write the household list to .csv or .xlsx (`fieldapp export households`)."""

from __future__ import annotations

import os

from fieldapp.core.status import REASON_LABELS_ZH, STATUS_LABELS_ZH
from fieldapp.store.households.export_rows import household_rows

from .write import write_table

HEADERS = ("household_id", "村区划代码", "村", "村民小组", "户主姓名", "身份证号（脱敏）", "状态",
           "未覆盖原因", "最近走访日期")
WIDTHS = (38, 14, 16, 9, 10, 20, 10, 14, 13)


def export_households(store, path: str | os.PathLike, code: str | None = None) -> int:
    """Returns the number of households written."""

    def rows():
        for uuid, vcode, vname, group, head, masked, status, reason, last in household_rows(
                store, code):
            yield (uuid, vcode, vname, group or "", head, masked or "",
                   STATUS_LABELS_ZH.get(status, status),
                   REASON_LABELS_ZH.get(reason, reason) if reason else "", last or "")

    return write_table(path, HEADERS, rows(), sheet="户清单", widths=WIDTHS)
