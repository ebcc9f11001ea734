"""Coverage by township as stacked horizontal bars (covered / not covered / never visited /
other), painted with QPainter, and a progress-bar delegate for rate columns."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QWidget,
)

from fieldapp.core.reconcile import Figures

from fieldapp.ui.overview.dashboard_models import RATE_ROLE
from fieldapp.ui.widgets.labels import STATUS_COLORS

OTHER = QColor("#9e9e9e")
NOBODY = QColor("#ffe082")


def chart_parts(f: Figures) -> list[tuple[str, int]]:
    """The segments of an area's bar, from the one definition of the counts: covered, not
    covered, never visited, nobody home, and the rest (vacant, refused, moved)."""
    c = f.counts()
    return [("covered", c["covered"]), ("not_covered", c["not_covered"]),
            ("never_visited", c["never_visited"]), ("nobody_home", c["nobody_home"]),
            ("other", c["vacant"] + c["refused"] + c["moved"])]


def _t(text: str) -> str:
    return QCoreApplication.translate("DashboardChart", text)


class CoverageChart(QWidget):
    """Click a bar to pick that area (signal `areaClicked(code)`)."""

    areaClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Figures] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._bars: list[tuple[QRectF, str]] = []

    def set_rows(self, rows: list[Figures]) -> None:
        self.rows = [r for r in rows if r.households]
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 40 + 22 * max(4, len(self.rows)))

    def mousePressEvent(self, event) -> None:
        for rect, code in self._bars:
            if rect.contains(event.position()):
                self.areaClicked.emit(code)
                return

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = QFontMetrics(self.font())
        legend = [(STATUS_COLORS["covered"], _t("Covered")),
                  (STATUS_COLORS["not_covered"], _t("Not covered")),
                  (STATUS_COLORS["not_visited"], _t("Not visited")),
                  (NOBODY, _t("Nobody home")),
                  (OTHER, _t("Vacant, refused, moved"))]
        x = 8
        for color, text in legend:
            p.fillRect(QRectF(x, 6, 10, 10), color)
            p.setPen(self.palette().text().color())
            p.drawText(x + 14, 16, text)
            x += 24 + fm.horizontalAdvance(text)
        self._bars = []
        if not self.rows:
            p.drawText(self.rect(), Qt.AlignCenter, _t("No households yet"))
            return
        label_w = min(140, max(fm.horizontalAdvance(r.name) for r in self.rows) + 8)
        rate_w = fm.horizontalAdvance("100.0%") + 8
        top = 26
        row_h = max(14.0, min(24.0, (self.height() - top - 4) / len(self.rows)))
        width = max(40.0, self.width() - label_w - rate_w - 12)
        for i, f in enumerate(self.rows):
            y = top + i * row_h
            p.setPen(self.palette().text().color())
            name = fm.elidedText(f.name, Qt.ElideRight, label_w - 6)
            p.drawText(QRectF(4, y, label_w - 6, row_h), Qt.AlignVCenter | Qt.AlignRight, name)
            colors = {"covered": STATUS_COLORS["covered"],
                      "not_covered": STATUS_COLORS["not_covered"],
                      "never_visited": STATUS_COLORS["not_visited"], "nobody_home": NOBODY,
                      "other": OTHER}
            parts = [(colors[k], n) for k, n in chart_parts(f)]
            x = label_w
            bar = QRectF(label_w, y + 3, width, row_h - 6)
            for color, n in parts:
                w = width * n / f.households
                p.fillRect(QRectF(x, y + 3, w, row_h - 6), color)
                x += w
            p.setPen(QPen(QColor("#424242"), 0.5))
            p.drawRect(bar)
            rate = f.coverage_rate
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(label_w + width + 6, y, rate_w, row_h), Qt.AlignVCenter,
                       "–" if rate is None else f"{rate:.1%}")
            self._bars.append((QRectF(0, y, self.width(), row_h), f.code))
        p.end()


class RateBarDelegate(QStyledItemDelegate):
    """Draws RATE_ROLE (0..1) as a progress bar with the percentage inside."""

    def paint(self, painter, option, index) -> None:
        rate = index.data(RATE_ROLE)
        if rate is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(rate * 1000)
        bar.text = f"{rate:.1%}"
        bar.textVisible = True
        bar.state = option.state
        bar.palette = option.palette
        behind = index.data(Qt.ForegroundRole)  # a red bar: behind the programme calendar
        if behind is not None:
            bar.palette.setColor(QPalette.Highlight, behind)
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.CE_ProgressBar, bar, painter, option.widget)
