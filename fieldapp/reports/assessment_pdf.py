"""The report's seed 2 pages in PDF: the township assessment (the indicators in force, then every
township's value and score per indicator, total and rank, with a chart of the totals) and the
service network (stations, agency points, emergency-broadcast terminals)."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from . import assessment_tables as A
from .pdf_charts import hbar_chart
from .report_data import ReportData


def _cells(rows: list[list[Any]], style) -> list[list[Any]]:
    return [[Paragraph(str("" if v is None else v), style) for v in r] for r in rows]


def _grid(font: str, table: A.Table, widths: list[float], style, size: float = 8,
          total: bool = False) -> LongTable:
    head, body = table
    t = LongTable(_cells([head], style) + _cells(body, style), colWidths=widths, repeatRows=1,
                  hAlign="LEFT")
    spec = [("FONT", (0, 0), (-1, -1), font, size),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if total:
        spec.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    t.setStyle(TableStyle(spec))
    return t


def _totals_chart(font: str, d: ReportData, width: float) -> Drawing:
    a = d.assessment
    towns = sorted(a.townships, key=lambda t: (t.rank, t.code)) if a else []
    return hbar_chart(font, "各乡镇考核总分", [(t.name, t.total) for t in towns], width, 420,
                      a.config.full_marks if a else 100, "#6A9F58", "%.1f")


def assessment_story(font: str, st: dict, d: ReportData, width: float, number: str) -> list:
    """The flowables of the assessment and service-network sections (none without data)."""
    a = d.assessment
    story: list[Any] = []
    small = st["cell"]
    if a is not None and a.townships:
        story += [Paragraph(f"{number[0]}、乡镇绩效考核（考核办法 {a.config.version}，满分 "
                            f"{a.config.full_marks:g}）", st["h1"]),
                  _grid(font, A.config(a), [150, 260, 70, 50, width - 530], small, total=True),
                  Spacer(1, 8)]
        head = A.summary(a)[0]
        lead, tail = 80, 40
        each = (width - lead - 2 * tail) / max(1, len(head) - 3)
        story += [Paragraph("各乡镇得分（每格：实际值｜得分）", st["body"]), Spacer(1, 4),
                  _grid(font, A.summary(a), [lead] + [each] * (len(head) - 3) + [tail, tail],
                        small, size=7),
                  Spacer(1, 8), KeepTogether(_totals_chart(font, d, width))]
    if d.network:
        n = number[1] if story else number[0]
        story += [Paragraph(f"{n}、服务网点与公共区域应急广播终端", st["h1"]),
                  _grid(font, A.network(d.network), [120] + [90] * 6, small, total=True)]
    return story
