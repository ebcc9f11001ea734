"""Charts of the PDF reports (reportlab graphics), shared by the coverage and assessment pages."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors


def hbar_chart(font: str, title: str, pairs: list[tuple[str, float]], width: float,
               max_height: float, value_max: float, color: str, label_format: str,
               axis_format: str | None = None, step: float | None = None) -> Drawing:
    """One horizontal bar per (name, value), first on top, with the value at its end."""
    n = max(1, len(pairs))
    bar_h = min(14.0, (max_height - 60) / n)
    height = n * bar_h + 60
    dr = Drawing(width, height, initialFontName=font)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 120, 30, width - 180, n * bar_h
    chart.data = [[v for _, v in reversed(pairs)] or [0]]
    chart.categoryAxis.categoryNames = [k for k, _ in reversed(pairs)] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = min(8, bar_h * 0.8)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, value_max
    if step:
        chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    if axis_format:
        chart.valueAxis.labelTextFormat = axis_format
    chart.bars[0].fillColor = colors.HexColor(color)
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = min(7, bar_h * 0.7)
    chart.barLabelFormat = label_format
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    dr.add(chart)
    dr.add(String(width / 2, height - 14, title, fontName=font, fontSize=11,
                  textAnchor="middle"))
    return dr
