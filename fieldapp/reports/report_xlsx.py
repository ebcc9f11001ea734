"""The coverage report as an Excel workbook: one sheet per section, rates as percentages,
charts of coverage by township (or village) and of the reasons for non-coverage."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldapp.core.cell_safety import safe_row

from . import assessment_tables as A
from . import report_tables as T
from .report_data import ReportData

HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
BOLD = Font(bold=True)


def _sheet(wb: Workbook, title: str, table: T.Table, total: list[Any] | None = None,
           freeze: str = "B2"):
    ws = wb.create_sheet(title)
    head, body = table
    ws.append(safe_row(head))
    for row in body:
        ws.append(safe_row(row))
    if total:
        ws.append(safe_row(total))
        for cell in ws[ws.max_row]:
            cell.font = BOLD
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, h in enumerate(head, 1):
        letter = get_column_letter(i)
        width = max([len(str(h)) * 2] + [len(str(r[i - 1] or "")) * 1.6 for r in body[:200]])
        ws.column_dimensions[letter].width = min(max(8, width + 2), 40)
        if h in T.RATE_HEADERS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "0.0%"
    ws.freeze_panes = freeze
    return ws


def _overview(wb: Workbook, d: ReportData) -> None:
    ws = wb.active
    ws.title = "总体情况"
    ws.append(safe_row([f"{d.name}“户户通”覆盖情况报表"]))
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for key, value in T.overview(d):
        ws.append(safe_row([key, value]))
        if key in ("覆盖率（已覆盖 ÷ 除空置、迁出外的户数）", "时间进度", "走访进度"):
            ws.cell(ws.max_row, 2).number_format = "0.0%"
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 24


def write_xlsx(d: ReportData, out: str | os.PathLike) -> Path:
    out = Path(out)
    wb = Workbook()
    _overview(wb, d)
    sheet_name = {"乡镇": "按乡镇", "村（社区）": "按村", "区县": "按区县", "乡镇（街道）": "按乡镇"}
    ws = _sheet(wb, sheet_name[d.unit_label], T.coverage(d.units, d.unit_label), T.total_row(d))
    _rate_chart(ws, d, len(d.units))
    if d.sub_label:
        _sheet(wb, sheet_name[d.sub_label], T.coverage(d.villages, d.sub_label, with_parent=True,
                             parent_label=d.unit_label),
               T.total_row(d, with_parent=True), freeze="C2")
    ws = _sheet(wb, "未覆盖原因", T.reasons(d))
    _reason_chart(ws, len(d.reasons))
    _sheet(wb, "查缺补漏", T.gaps_by_unit(d))
    _sheet(wb, "未覆盖户清单", T.gaps_list(d))
    _sheet(wb, "工单统计", T.orders_summary(d))
    _sheet(wb, "逾期工单", T.overdue(d))
    _sheet(wb, "抽查", T.spot_checks(d))
    _sheet(wb, "抽查结果（按村）", T.spot_results(d))
    _sheet(wb, "有线付费用户移交", T.handover(d))
    _sheet(wb, "违规收费", T.illegal(d))
    if T.has_indicators(d):
        _sheet(wb, "收视与服务指标", T.indicators(d))
        _sheet(wb, "运营商", T.operators(d))
    if d.assessment is not None and d.assessment.townships:
        _sheet(wb, "乡镇考核", A.detail(d.assessment), freeze="C2")
        _sheet(wb, "考核汇总", A.summary(d.assessment))
        _sheet(wb, "考核办法", A.config(d.assessment))
    if d.network:
        _sheet(wb, "服务网点与终端", A.network(d.network))
    wb.save(out)
    return out


def _rate_chart(ws, d: ReportData, n: int) -> None:
    if not n:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"各{d.unit_label}覆盖率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    col = 1 + [h for h, _ in T.COVERAGE_COLUMNS].index("覆盖率") + 1
    chart.add_data(Reference(ws, min_col=col, min_row=1, max_row=n + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.legend = None
    chart.height = max(7.5, 0.55 * n)
    chart.width = 18
    ws.add_chart(chart, f"{get_column_letter(len(T.COVERAGE_COLUMNS) + 3)}2")


def _reason_chart(ws, n: int) -> None:
    chart = BarChart()
    chart.title = "未覆盖原因"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=n + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.legend = None
    ws.add_chart(chart, "D2")
