"""The coverage report as PDF (A4 landscape, platypus): overview, tables by township and village,
charts of coverage and of reasons for non-coverage, gaps and work orders, spot checks, hand-over
of paid cable subscribers and illegal-charge findings, the indicators per township and per
operator with charts (reception modes, satisfaction, county channel, coverage per operator), the
operator mix and the public places by type."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fieldapp.core.private_files import create_private

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from . import report_tables as T
from .assessment_pdf import assessment_story
from .pdf_charts import hbar_chart
from .fonts import cjk_font
from .report_data import ReportData

PAGE = landscape(A4)
MARGIN = 36
WIDTH = PAGE[0] - 2 * MARGIN - 12  # the frame's padding
CHART_MAX_H = PAGE[1] - 2 * MARGIN - 40
PDF_LIST_LIMIT = 200  # longer lists are in the Excel report


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=1,
                                spaceAfter=6),
        "h1": ParagraphStyle("h1", fontName=font, fontSize=13, leading=18, spaceBefore=10,
                             spaceAfter=6, keepWithNext=1),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7, leading=9),
        "note": ParagraphStyle("note", fontName=font, fontSize=8, leading=11,
                               textColor=colors.HexColor("#555555")),
    }


def _fmt(value: Any, header: str) -> str:
    if header in T.RATE_HEADERS or isinstance(value, float):
        return "—" if value is None else f"{100 * value:.1f}%"
    return "" if value is None else str(value)


def _table(font: str, table: T.Table, total: list[Any] | None = None,
           widths: list[float] | None = None, size: float = 8, wrap: bool = False) -> LongTable:
    """A table; `wrap`: headers wrap within their column (many narrow columns)."""
    head, body = table
    shown: list[Any] = list(head)
    if wrap:
        cell = ParagraphStyle("head", fontName=font, fontSize=size, leading=size + 1.5,
                              alignment=1)
        shown = [Paragraph(h, cell) for h in head]
    rows = [shown] + [[_fmt(v, h) for v, h in zip(r, head)] for r in body]
    if total:
        rows.append([_fmt(v, h) for v, h in zip(total, head)])
    if len(rows) == 1:
        rows.append(["（无）"] + [""] * (len(head) - 1))
    t = LongTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), font, size),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
             ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    t.setStyle(TableStyle(style))
    return t


def _coverage_widths(lead: int) -> list[float]:
    first = 110.0 if lead == 1 else 75.0
    rest = (WIDTH - lead * first) / len(T.COVERAGE_COLUMNS)
    return [first] * lead + [rest] * len(T.COVERAGE_COLUMNS)


def _rate_chart(font: str, d: ReportData) -> Drawing:
    return _share_chart(font, f"各{d.unit_label}覆盖率", [(u.name, u.rate) for u in d.units])


def _share_chart(font: str, title: str, pairs: list[tuple[str, float | None]],
                 color: str = "#3A78B5") -> Drawing:
    """A share (0..1) per row as horizontal bars with their percentages."""
    return hbar_chart(font, title, [(name, 100 * (v or 0)) for name, v in pairs], WIDTH,
                      CHART_MAX_H, 100, color, "%.1f%%", axis_format="%d%%", step=10)


def _reason_chart(font: str, d: ReportData) -> Drawing:
    return _bar_chart(font, "未覆盖原因（户）", d.reasons, "#D9822B")


def _bar_chart(font: str, title: str, pairs: list[tuple[str, int]], color: str) -> Drawing:
    """Households per category as vertical bars with their numbers."""
    height = 200
    dr = Drawing(WIDTH, height, initialFontName=font)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60, 30, WIDTH / 2, height - 60
    chart.data = [[n for _, n in pairs] or [0]]
    chart.categoryAxis.categoryNames = [k for k, _ in pairs] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.bars[0].fillColor = colors.HexColor(color)
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    dr.add(chart)
    dr.add(String(60 + WIDTH / 4, height - 14, title, fontName=font, fontSize=11,
                  textAnchor="middle"))
    return dr


def write_pdf(d: ReportData, out: str | os.PathLike) -> Path:
    out = Path(out)
    font = cjk_font()
    st = _styles(font)
    title = f"{d.name}“户户通”覆盖情况报表"
    doc = SimpleDocTemplate(str(out), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                            author="fieldapp", subject="户户通覆盖情况", creator="fieldapp",
                            initialFontName=font)

    def footer(c, doc_) -> None:
        c.saveState()
        c.setFont(font, 8)
        c.drawCentredString(PAGE[0] / 2, 18, f"{title} · 第 {doc_.page} 页")
        c.drawRightString(PAGE[0] - MARGIN, 18, f"生成于 {d.generated_at}")
        c.restoreState()

    story: list[Any] = [Paragraph(title, st["title"]),
                        Paragraph(f"生成于 {d.generated_at}　数据来源：{d.source}",
                                  st["note"])]
    story += [Paragraph("一、总体情况", st["h1"]), _overview_table(font, d)]
    story += [Paragraph(f"二、按{d.unit_label}", st["h1"]),
              _table(font, T.coverage(d.units, d.unit_label), T.total_row(d),
                     widths=_coverage_widths(1), wrap=True),
              Spacer(1, 10), KeepTogether(_rate_chart(font, d))]
    story += [KeepTogether([Paragraph("三、未覆盖原因", st["h1"]), _reason_chart(font, d),
                            _table(font, T.reasons(d), widths=[160, 80])])]
    if d.sub_label:
        story += [PageBreak(), Paragraph(f"四、按{d.sub_label}", st["h1"]),
                  _table(font, T.coverage(d.villages, d.sub_label, with_parent=True,
                             parent_label=d.unit_label),
                         T.total_row(d, with_parent=True), widths=_coverage_widths(2), size=7,
                         wrap=True)]
    story += [PageBreak(), Paragraph("五、查缺补漏与工单", st["h1"]),
              _table(font, T.gaps_by_unit(d)), Spacer(1, 8),
              _table(font, T.orders_summary(d), widths=[160, 80]),
              Paragraph(f"逾期工单（{len(d.overdue_orders)} 张）", st["h1"]),
              _table(font, T.overdue(d, PDF_LIST_LIMIT)),
              _limit_note(st, len(d.overdue_orders))]
    story += [Paragraph("六、抽查结果", st["h1"]), _table(font, T.spot_checks(d))]
    if d.spot_results:
        story += [Spacer(1, 8), _table(font, T.spot_results(d))]
    story += [Paragraph("七、有线付费用户移交", st["h1"]), _table(font, T.handover(d))]
    story += [Paragraph(f"八、违规收费发现（{len(d.illegal)} 户）", st["h1"]),
              _table(font, T.illegal(d, PDF_LIST_LIMIT)), _limit_note(st, len(d.illegal))]
    if T.has_indicators(d):
        head = T.indicators(d)[0]
        lead = 56
        story += [Paragraph("九、收视与服务指标（见到住户的最近一次走访）", st["h1"]),
                  _table(font, T.indicators(d), size=6, wrap=True,
                         widths=[lead] + [(WIDTH - lead) / (len(head) - 1)] * (len(head) - 1)),
                  KeepTogether(_bar_chart(font, "接收方式（户）", T.mode_mix(d), "#4F81BD")),
                  KeepTogether(_bar_chart(font, "满意度（户）", T.satisfaction(d), "#8064A2")),
                  KeepTogether(_share_chart(font, f"各{d.unit_label}县台收视率",
                                            T.county_channel_rates(d), "#4BACC6")),
                  *_operator_story(font, st, d)]
    places = _places_story(font, st, d)
    story += places
    numbers = ("十二", "十三") if T.has_indicators(d) or places else ("九", "十")
    seed2 = assessment_story(font, st, d, WIDTH, numbers)
    if seed2:
        story += [PageBreak(), *seed2]
    story += [Spacer(1, 12), Paragraph(
        "说明：覆盖率 = 已覆盖 ÷（户数 − 空置房 − 已迁出/合户）。身份证号码与电话号码仅显示脱敏形式。"
        "未覆盖户的完整清单见同名 Excel 报表或 fieldapp gaps 命令。", st["note"])]
    part = out.with_name(f".{out.name}.part")
    try:
        doc.filename = str(create_private(part))
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out


def _even(head: list[str], lead: float) -> list[float]:
    return [lead] + [(WIDTH - lead) / (len(head) - 1)] * (len(head) - 1)


def _operator_story(font: str, st, d: ReportData) -> list[Any]:
    """十、运营商: households per operator and coverage per operator (charts), every indicator
    per operator, and each unit's operator mix."""
    ops, mix = T.operators(d), T.operator_mix(d)
    if not d.more.operators:  # nothing the visits say (a roll-up of counts only)
        return [Paragraph("十、运营商", st["h1"]), _table(font, ops, size=6, wrap=True)]
    return [KeepTogether([Paragraph("十、运营商", st["h1"]),
                          _bar_chart(font, "各运营商服务的户数", [
                              (r.name, r.met) for r in d.more.operators], "#6A9F58")]),
            KeepTogether(_share_chart(font, "各运营商服务户的覆盖率（达标）",
                                      T.operator_rates(d), "#6A9F58")),
            _table(font, ops, size=6, widths=_even(ops[0], 52), wrap=True), Spacer(1, 8),
            KeepTogether([Paragraph(f"各{d.unit_label}的运营商构成（户）", st["body"]),
                          _table(font, mix, size=7, widths=_even(mix[0], 110))])]


def _places_story(font: str, st, d: ReportData) -> list[Any]:
    """十一、公共场所: by type (chart and table) and per township by type."""
    if not d.more.place_types:
        return []
    types, per_unit = T.place_types(d), T.places_by_unit(d)
    story = [KeepTogether([Paragraph("十一、公共场所（按类型）", st["h1"]),
                           _bar_chart(font, "各类公共场所数量", [
                               (t, c["places"]) for t, c in d.more.place_types], "#C0504D")]),
             _table(font, types, widths=_even(types[0], 110))]
    if per_unit[1]:
        story += [Spacer(1, 8), KeepTogether([
            Paragraph(f"各{d.unit_label}公共场所（按类型）", st["body"]),
            _table(font, per_unit, size=7, widths=_even(per_unit[0], 110))])]
    return story


def _overview_table(font: str, d: ReportData) -> LongTable:
    items = T.overview(d)
    half = (len(items) + 1) // 2
    rows = []
    for i in range(half):
        left = items[i]
        right = items[i + half] if i + half < len(items) else ("", "")
        rows.append([left[0], _fmt_overview(left), right[0], _fmt_overview(right)])
    t = LongTable(rows, colWidths=[WIDTH * 0.3, WIDTH * 0.2, WIDTH * 0.3, WIDTH * 0.2])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9),
                           ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                           ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F2F2"))]))
    return t


def _fmt_overview(item: tuple[str, Any]) -> str:
    key, value = item
    if isinstance(value, float) or (value is None and ("率" in key or "进度" in key)):
        return "—" if value is None else f"{100 * value:.1f}%"
    return "" if value is None else str(value)


def _limit_note(st, n: int) -> Any:
    if n <= PDF_LIST_LIMIT:
        return Spacer(1, 4)
    return Paragraph(f"（只列出前 {PDF_LIST_LIMIT} 条，共 {n} 条；完整清单见 Excel 报表）",
                     st["note"])
