"""The coverage report as an Excel workbook: one sheet per section, rates as percentages,
charts of coverage by township (or village), of the reasons for non-coverage, of the reception
modes and satisfaction, of coverage per operator, of the operator mix and of public places by
type."""

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
        ws = _sheet(wb, "收视与服务指标", T.indicators(d))
        _chart(ws, "接收方式（户）", T.mode_mix(d), f"B{len(d.units) + 5}")
        _chart(ws, "满意度（户）", T.satisfaction(d), f"L{len(d.units) + 5}")
        ws = _sheet(wb, "运营商", T.operators(d))
        _chart(ws, "各运营商服务户的覆盖率（达标）", T.operator_rates(d),
               f"B{len(d.more.operators) + 4}", percent=True)
        ws = _sheet(wb, "运营商构成", T.operator_mix(d))
        _stacked_chart(ws, f"各{d.unit_label}的运营商构成（户）", len(d.more.operator_names),
                       len(d.units))
    if d.more.place_types:
        ws = _sheet(wb, "公共场所（按类型）", T.place_types(d))
        _chart(ws, "各类公共场所数量", [(t, c["places"]) for t, c in d.more.place_types],
               "I2")
        if d.more.places_by_unit:
            _sheet(wb, f"公共场所（按{d.unit_label}）", T.places_by_unit(d))
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


def _chart(ws, title: str, pairs: list[tuple[str, Any]], anchor: str,
           percent: bool = False) -> None:
    """A bar chart of (label, value) pairs written in two columns to the right of the table
    (the chart's own data, so it shows what its title says whatever the table's layout)."""
    if not pairs:
        return
    col = ws.max_column + 2
    ws.cell(1, col, title)
    for i, (label, value) in enumerate(pairs, 2):
        ws.cell(i, col, label)
        ws.cell(i, col + 1, value if value is not None else 0)
        if percent:
            ws.cell(i, col + 1).number_format = "0.0%"
    chart = BarChart()
    chart.title = title
    chart.add_data(Reference(ws, min_col=col + 1, min_row=2, max_row=len(pairs) + 1))
    chart.set_categories(Reference(ws, min_col=col, min_row=2, max_row=len(pairs) + 1))
    chart.legend = None
    if percent:
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    ws.add_chart(chart, anchor)


def _stacked_chart(ws, title: str, series: int, rows: int) -> None:
    """Households per unit stacked by operator (the table's columns 2..series+1)."""
    if not series or not rows:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = title
    chart.add_data(Reference(ws, min_col=2, max_col=series + 1, min_row=1, max_row=rows + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    chart.height = max(7.5, 0.55 * rows)
    chart.width = 18
    ws.add_chart(chart, f"{get_column_letter(series + 4)}2")


def _reason_chart(ws, n: int) -> None:
    chart = BarChart()
    chart.title = "未覆盖原因"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=n + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.legend = None
    ws.add_chart(chart, "D2")
