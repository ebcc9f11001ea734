"""The map layers of seed 2's registers: service stations (squares), village agency points
(diamonds) and public-area emergency-broadcast terminals (triangles, slate when working, red when
broken or not checked), drawn over the households with their own legend (bottom right)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen

MAX_NAMES = 150  # names are written when few symbols are in view

COLORS = {"station": QColor("#1565c0"), "agency": QColor("#00838f"),
          "terminal_working": QColor("#455a64"), "terminal_other": QColor("#c62828")}


def _t(text: str) -> str:
    return QCoreApplication.translate("MapFacilities", text)


def style_label(style: str) -> str:
    return {"station": _t("Service station"), "agency": _t("Village agency point"),
            "terminal_working": _t("Broadcast terminal, working"),
            "terminal_other": _t("Broadcast terminal, broken or not checked")}[style]


def symbol(style: str, at: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    x, y = at.x(), at.y()
    if style == "station":
        path.addRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif style == "agency":
        path.moveTo(x, y - r * 1.3)
        path.lineTo(x + r * 1.3, y)
        path.lineTo(x, y + r * 1.3)
        path.lineTo(x - r * 1.3, y)
        path.closeSubpath()
    else:
        path.moveTo(x, y - r * 1.2)
        path.lineTo(x + r * 1.2, y + r)
        path.lineTo(x - r * 1.2, y + r)
        path.closeSubpath()
    return path


def paint_facilities(p: QPainter, canvas) -> None:
    """The symbols of the records in view; their names when zoomed in and few."""
    items = canvas.data.facilities
    if not items:
        return
    r = 3.0 if canvas.mpp > 40 else 4.5 if canvas.mpp > 8 else 6.0
    w, h = canvas.width(), canvas.height()
    shown = []
    for style, x, y, name in items:
        sx = (x - canvas.cx) / canvas.mpp + w / 2
        sy = h / 2 - (y - canvas.cy) / canvas.mpp
        if -10 <= sx <= w + 10 and -10 <= sy <= h + 10:
            shown.append((style, QPointF(sx, sy), name))
    p.save()
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setPen(QPen(QColor("white"), 1.2))
    for style, at, _name in shown:
        p.setBrush(COLORS[style])
        p.drawPath(symbol(style, at, r))
    if canvas.mpp < 8 and len(shown) <= MAX_NAMES:
        p.setPen(QColor("#37474f"))
        for _style, at, name in shown:
            p.drawText(at + QPointF(r + 3, -r), name)
    p.restore()


def paint_facility_legend(p: QPainter, rect: QRect, counts: dict[str, int]) -> None:
    """One row per symbol with how many are on the map, bottom right; nothing when none."""
    rows = [(s, n) for s, n in counts.items() if n]
    if not rows:
        return
    fm = QFontMetrics(p.font())
    texts = [f"{style_label(s)}  {n:,}" for s, n in rows]
    line = fm.height() + 2
    width = max(fm.horizontalAdvance(t) for t in texts) + 34
    height = line * len(rows) + 10
    box = QRectF(rect.right() - width - 10, rect.bottom() - height - 10, width, height)
    p.save()
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setPen(QPen(QColor(0, 0, 0, 60)))
    p.setBrush(QColor(255, 255, 255, 225))
    p.drawRoundedRect(box, 4, 4)
    y = box.top() + 5
    for (style, _n), text in zip(rows, texts):
        p.setPen(QPen(QColor("white"), 1))
        p.setBrush(COLORS[style])
        p.drawPath(symbol(style, QPointF(box.left() + 14, y + line / 2), 4.5))
        p.setPen(QColor("#212121"))
        p.drawText(QRectF(box.left() + 26, y, width - 30, line), Qt.AlignVCenter | Qt.AlignLeft,
                   text)
        y += line
    p.restore()

