"""Overlays painted on top of the map: scale bar (bottom left) and status legend (top right)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPen

from fieldapp.core.reconcile import PERSON_COUNT_KEYS
from fieldapp.geo.basemap import nice_length

from fieldapp.ui.widgets.labels import STATUS_COLORS, status_label


def _t(text: str) -> str:
    return QCoreApplication.translate("MapOverlay", text)


def paint_scale_bar(p: QPainter, rect: QRect, ground_mpp: float, max_px: int = 140) -> None:
    length = nice_length(max_px * ground_mpp)
    if length <= 0:
        return
    px = length / ground_mpp
    text = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    x0, y0 = rect.left() + 14, rect.bottom() - 16
    p.save()
    p.setRenderHint(QPainter.Antialiasing, False)
    p.fillRect(QRectF(x0 - 6, y0 - 22, px + 12 + p.fontMetrics().horizontalAdvance(text) + 8, 30),
               QColor(255, 255, 255, 200))
    p.setPen(QPen(QColor("#212121"), 2))
    p.drawLine(QPointF(x0, y0), QPointF(x0 + px, y0))
    p.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0))
    p.drawLine(QPointF(x0 + px, y0 - 5), QPointF(x0 + px, y0))
    p.drawText(QPointF(x0 + px + 6, y0 + 1), text)
    p.restore()


_LEGENDS: dict[tuple, QImage] = {}


# Legend rows: (key of the one count definition, status colour of the points drawn for it).
LEGEND_KEYS = (("not_covered", "not_covered"), ("never_visited", "not_visited"),
               ("nobody_home", "not_visited"), ("refused", "refused"), ("vacant", "vacant"),
               ("moved", "moved"), ("covered", "covered"))


def count_label(key: str) -> str:
    if key == "never_visited":
        return _t("Never visited")
    if key == "nobody_home":
        return _t("Nobody home")
    return status_label(key)


def legend_rows(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(count key, colour status, households) per legend row, from the county's counts
    (fieldapp.store.reports.reconciliation_counts.household_counts: the same numbers as info and reconcile)."""
    return [(key, color, int(counts.get(key, 0))) for key, color in LEGEND_KEYS]


def legend_persons(counts: dict[str, int]) -> dict[str, int]:
    """The persons line under the legend (不落一人): people on the member rosters, and those in
    covered households, from the same counts."""
    return {key: int(counts.get(key, 0)) for key in PERSON_COUNT_KEYS}


def _persons_text(counts: dict[str, int]) -> str:
    n = legend_persons(counts)
    return (_t("Persons %1, in covered households %2")
            .replace("%1", f"{n['persons']:,}").replace("%2", f"{n['persons_covered']:,}"))


def paint_legend(p: QPainter, rect: QRect, counts: dict[str, int], dpr: float = 1.0) -> None:
    """The status legend with counts, top right; drawn once per set of counts, then blitted."""
    key = (tuple(sorted(counts.items())), p.font().toString(), dpr,
           _t("All households (not only those in view)"), _persons_text(counts))
    img = _LEGENDS.get(key)
    if img is None:
        if len(_LEGENDS) > 50:
            _LEGENDS.clear()
        img = _LEGENDS[key] = _legend_image(p.font(), counts, dpr)
    p.drawImage(QPointF(rect.right() - img.width() / dpr - 10, rect.top() + 10), img)


def _legend_image(font, counts: dict[str, int], dpr: float) -> QImage:
    fm = QFontMetrics(font)
    rows = legend_rows(counts)
    labels = [f"{count_label(k)}  {n:,}" for k, _c, n in rows]
    # The counts are the whole database's, whatever the zoom: the title says so.
    title = f"{_t('All households (not only those in view)')}  {int(counts.get('households', 0)):,}"
    people = _persons_text(counts)
    width = max(fm.horizontalAdvance(t) for t in labels + [title, people]) + 34
    line = fm.height() + 2
    height = line * (len(rows) + 2) + 10
    img = QImage(int((width + 2) * dpr), int((height + 2) * dpr), QImage.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setFont(font)
    box = QRectF(1, 1, width, height)
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setPen(QPen(QColor(0, 0, 0, 60)))
    p.setBrush(QColor(255, 255, 255, 225))
    p.drawRoundedRect(box, 4, 4)
    p.setPen(QColor("#212121"))
    y = box.top() + 6
    p.drawText(QRectF(box.left() + 8, y, width - 12, line), Qt.AlignVCenter | Qt.AlignLeft, title)
    for (_key, status, _n), text in zip(rows, labels):
        y += line
        p.setPen(Qt.NoPen)
        p.setBrush(STATUS_COLORS[status])
        p.drawEllipse(QPointF(box.left() + 14, y + line / 2), 5, 5)
        p.setPen(QColor("#212121"))
        p.drawText(QRectF(box.left() + 26, y, width - 30, line), Qt.AlignVCenter | Qt.AlignLeft, text)
    y += line
    p.drawText(QRectF(box.left() + 8, y, width - 12, line), Qt.AlignVCenter | Qt.AlignLeft, people)
    p.end()
    return img
