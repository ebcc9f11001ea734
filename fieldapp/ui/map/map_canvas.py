"""The map canvas: basemap tiles, area outlines, household points by status (batched), selection
and check highlights, labels, measuring line, scale bar and legend. Pan with the mouse or the
arrow keys, zoom with the wheel or +/−. Knows nothing of the database: MapView feeds it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QWidget

from fieldapp.core.status import STATUSES
from fieldapp.geo import basemap as bm
from fieldapp.geo.mapdata import DRAW_ORDER, MapData

from fieldapp.ui.widgets.labels import STATUS_COLORS
from fieldapp.ui.map.map_layers import LabelLayer, TileLayer
from fieldapp.ui.map.map_facilities import paint_facilities, paint_facility_legend
from fieldapp.ui.map.map_overlay import paint_legend, paint_scale_bar
from fieldapp.ui.map.map_raster import PointLayer, argb, disc, ring

SELECT, PLACE, MEASURE = "select", "place", "measure"
PICK_PX = 7
# Hairlines (≤ 1 px) are antialiased cheaply by Qt's cosmetic stroker; wider antialiased strokes
# of a whole county cost 20-70 ms a frame, so the wider township/county lines are drawn aliased.
_LEVEL_PENS = {"county": ("#37474f", 3.0, False), "township": ("#546e7a", 2.0, False),
               "village": ("#90a4ae", 1.0, True)}


class MapCanvas(QWidget):
    selectionChanged = Signal()  # the user picked households (self.selected)
    placeRequested = Signal(float, float)  # display coordinates clicked in place mode
    measureChanged = Signal()
    pointerMoved = Signal(float, float)  # display coordinates under the mouse

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 240)
        self.data: MapData | None = None
        self.cx = self.cy = 0.0
        self.mpp = 50.0  # display metres per pixel
        self.mode = SELECT
        self.selected = np.empty(0, dtype=np.int64)
        self.flagged = np.empty(0, dtype=np.int64)
        self.measure_pts: list[tuple[float, float]] = []
        self.basemap = None  # a ui.map.tile_source.TileSource
        self.label_provider = None  # callable(rowids) -> {rowid: text}
        self.labels = LabelLayer()
        self._tile_layer: TileLayer | None = None
        self._paths: list[tuple[str, QPainterPath]] = []
        self._press = None
        self._dragged = False
        self._rubber: QRect | None = None
        self._rel_key = None
        self._rel = (0.0, 0.0, np.empty(0, np.float32), np.empty(0, np.float32))
        self.notice = ""  # written over the map (while it is being read, or why it is not)

    # ----- data and view ------------------------------------------------------------------
    def set_data(self, data: MapData | None) -> None:
        self.data = data
        self.selected = np.empty(0, dtype=np.int64)
        self.flagged = np.empty(0, dtype=np.int64)
        self.labels.clear()
        self._paths = []
        if data is not None:  # one path per level: three drawPath calls a frame, not 180
            for level in ("village", "township", "county"):
                path = QPainterPath()
                for area in data.areas:
                    if area.level == level:
                        for ring_xy in area.rings:
                            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring_xy]))
                            path.closeSubpath()
                if not path.isEmpty():
                    self._paths.append((level, path))
        self.update()

    def set_basemap(self, source) -> None:
        """Show a TileSource (or none); its tiles are drawn as they arrive."""
        self.basemap = source
        self._tile_layer = TileLayer(source) if source is not None else None
        if source is not None:
            layer = self._tile_layer
            source.tile_ready.connect(lambda key, image: self._tile_arrived(layer, key, image))
            source.opened.connect(self.update)
        self.update()

    def _tile_arrived(self, layer: TileLayer, key, image) -> None:
        if layer is self._tile_layer:
            layer.deliver(key, image)
            self.update()

    def fit(self, box: tuple[float, float, float, float] | None, margin: float = 0.06) -> None:
        if box is None:
            return
        x0, y0, x1, y1 = box
        w, h = max(self.width(), 50), max(self.height(), 50)
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        span = max((x1 - x0) / w, (y1 - y0) / h, 0.5 / 1.0)
        self.mpp = span * (1 + 2 * margin)
        self.update()

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        ax, ay = (anchor.x(), anchor.y()) if anchor else (self.width() / 2, self.height() / 2)
        wx, wy = self.to_world(ax, ay)
        self.mpp = min(20000.0, max(0.05, self.mpp / factor))
        self.cx = wx - (ax - self.width() / 2) * self.mpp
        self.cy = wy + (ay - self.height() / 2) * self.mpp
        self.update()

    def pan_pixels(self, dx: float, dy: float) -> None:
        self.cx -= dx * self.mpp
        self.cy += dy * self.mpp
        self.update()

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        return (self.cx + (sx - self.width() / 2) * self.mpp,
                self.cy - (sy - self.height() / 2) * self.mpp)

    def to_screen(self, x, y):
        return ((np.asarray(x) - self.cx) / self.mpp + self.width() / 2,
                self.height() / 2 - (np.asarray(y) - self.cy) / self.mpp)

    def ground_mpp(self) -> float:
        _lon, lat = bm.mercator_to_lonlat(self.cx, self.cy)
        return self.mpp * bm.ground_scale(float(lat))

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.setCursor(Qt.CrossCursor if mode in (PLACE, MEASURE) else Qt.ArrowCursor)
        if mode != MEASURE and self.measure_pts:
            self.measure_pts = []
            self.measureChanged.emit()
        self.update()

    # ----- painting -----------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f3f1ec"))
        if self._tile_layer is not None:
            self._tile_layer.paint(p, self)
        if self.data is not None:
            self._paint_areas(p)
            self._paint_points(p)
            paint_facilities(p, self)
            self.labels.paint(p, self)
        self._paint_measure(p)
        if self._rubber is not None:
            p.setPen(QPen(QColor("#1565c0"), 1, Qt.DashLine))
            p.setBrush(QColor(21, 101, 192, 30))
            p.drawRect(self._rubber)
        paint_scale_bar(p, self.rect(), self.ground_mpp())
        if self.data is not None:
            self._relative()
            paint_legend(p, self.rect(), self.data.counts, self.devicePixelRatioF())
            paint_facility_legend(p, self.rect(), self.data.facility_counts())
        if self.notice:
            self._paint_notice(p)
        p.end()

    def _paint_notice(self, p: QPainter) -> None:
        box = p.fontMetrics().boundingRect(self.notice).adjusted(-12, -6, 12, 6)
        box.moveCenter(self.rect().center())
        box.moveTop(12)
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(255, 255, 255, 220))
        p.drawRoundedRect(box, 6, 6)
        p.setPen(QColor("#444444"))
        p.drawText(box, Qt.AlignCenter, self.notice)

    def _world_transform(self) -> QTransform:
        s = 1.0 / self.mpp
        return QTransform(s, 0, 0, -s, self.width() / 2 - self.cx * s, self.height() / 2 + self.cy * s)

    def _paint_areas(self, p: QPainter) -> None:
        p.save()
        p.setTransform(self._world_transform())
        p.setBrush(Qt.NoBrush)
        for level, path in self._paths:
            color, width, smooth = _LEVEL_PENS.get(level, _LEVEL_PENS["village"])
            p.setRenderHint(QPainter.Antialiasing, smooth)
            pen = QPen(QColor(color), width)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPath(path)
        p.restore()

    def _relative(self) -> tuple[np.ndarray, np.ndarray]:
        """float32 coordinates relative to the data's centre (cached until the data changes):
        half the memory traffic of float64 and still millimetre-exact within a county."""
        d = self.data
        key = (id(d), d.version, len(d.x))
        if self._rel_key != key:
            ox = float(np.nanmean(d.x)) if len(d.x) else 0.0
            oy = float(np.nanmean(d.y)) if len(d.y) else 0.0
            self._rel = (ox, oy, (d.x - ox).astype(np.float32), (d.y - oy).astype(np.float32))
            self._rel_key = key
        return self._rel

    def _paint_points(self, p: QPainter) -> None:
        d = self.data
        if not len(d.x):
            return
        dpr = self.devicePixelRatioF()
        ox, oy, rx, ry = self._relative()
        scale = np.float32(dpr / self.mpp)
        w, h = int(self.width() * dpr), int(self.height() * dpr)
        sx = rx * scale + np.float32((ox - self.cx) / self.mpp * dpr + w / 2 + 0.5)
        sy = ry * -scale + np.float32(h / 2 - (oy - self.cy) / self.mpp * dpr + 0.5)
        radius = 0 if self.mpp > 40 else 1 if self.mpp > 8 else 2 if self.mpp > 1.5 else 3
        radius = round(radius * dpr)
        margin = radius + 5  # room for the selection and check rings
        with np.errstate(invalid="ignore"):
            vis = (sx >= -radius) & (sx < w + radius) & (sy >= -radius) & (sy < h + radius)
        idx = np.nonzero(vis)[0]
        layer = PointLayer(w, h, margin)
        flat = layer.positions(np.floor(sx[idx]), np.floor(sy[idx]))
        st = d.status[idx]
        stencil = disc(radius)
        for status in DRAW_ORDER:
            layer.stamp(flat[st == STATUSES.index(status)], stencil, argb(STATUS_COLORS[status]))
        for marked, shape, color in ((self.flagged, ring(radius + 2, 2), "#ff6f00"),
                                     (self.selected, ring(radius + 1, 2), "#00b8d4")):
            if len(marked):
                m = marked[vis[marked]]
                layer.stamp(layer.positions(np.floor(sx[m]), np.floor(sy[m])), shape,
                            argb(QColor(color)))
        img = layer.image()
        img.setDevicePixelRatio(dpr)
        p.drawImage(0, 0, img)
        self._visible_count = len(idx)

    def _paint_measure(self, p: QPainter) -> None:
        if not self.measure_pts:
            return
        xs, ys = self.to_screen([q[0] for q in self.measure_pts], [q[1] for q in self.measure_pts])
        pts = [QPointF(float(a), float(b)) for a, b in zip(xs, ys)]
        p.save()
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setPen(QPen(QColor("#d81b60"), 2, Qt.DashLine))
        p.drawPolyline(QPolygonF(pts))
        p.setBrush(QColor("#d81b60"))
        for q in pts:
            p.drawEllipse(q, 3.5, 3.5)
        p.restore()

    # ----- input ----------------------------------------------------------------------------
    def mousePressEvent(self, e) -> None:
        self.setFocus()
        if e.button() == Qt.LeftButton:
            self._press = e.position()
            self._dragged = False
            if self.mode == SELECT and e.modifiers() & Qt.ShiftModifier:
                self._rubber = QRect(e.position().toPoint(), e.position().toPoint())
        elif e.button() == Qt.RightButton and self.mode == MEASURE:
            self.measure_pts = []
            self.measureChanged.emit()
            self.update()

    def mouseMoveEvent(self, e) -> None:
        wx, wy = self.to_world(e.position().x(), e.position().y())
        self.pointerMoved.emit(wx, wy)
        if self._press is None:
            return
        delta = e.position() - self._press
        if not self._dragged and abs(delta.x()) + abs(delta.y()) < 4:
            return
        self._dragged = True
        if self._rubber is not None:
            self._rubber = QRect(self._press.toPoint(), e.position().toPoint()).normalized()
            self.update()
        else:
            self.pan_pixels(delta.x(), delta.y())
            self._press = e.position()

    def mouseReleaseEvent(self, e) -> None:
        if e.button() != Qt.LeftButton or self._press is None:
            return
        pos = e.position()
        if self._rubber is not None:
            if self._dragged and self.data is not None:
                x0, y0 = self.to_world(self._rubber.left(), self._rubber.top())
                x1, y1 = self.to_world(self._rubber.right(), self._rubber.bottom())
                self.selected = self.data.in_rect(x0, y0, x1, y1)
                self.selectionChanged.emit()
            self._rubber = None
        elif not self._dragged:
            self._click(pos, e.modifiers())
        self._press = None
        self.update()

    def _click(self, pos: QPointF, modifiers) -> None:
        wx, wy = self.to_world(pos.x(), pos.y())
        if self.mode == PLACE:
            self.placeRequested.emit(wx, wy)
        elif self.mode == MEASURE:
            self.measure_pts.append((wx, wy))
            self.measureChanged.emit()
        elif self.data is not None:
            hit = self.data.pick(wx, wy, PICK_PX * self.mpp)
            if modifiers & Qt.ControlModifier:
                if hit is not None:
                    cur = set(self.selected.tolist()) ^ {hit}
                    self.selected = np.array(sorted(cur), dtype=np.int64)
            else:
                self.selected = np.array([hit] if hit is not None else [], dtype=np.int64)
            self.selectionChanged.emit()
        self.update()

    def wheelEvent(self, e) -> None:
        steps = e.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.25 ** steps, e.position())

    def keyPressEvent(self, e) -> None:
        step = 0.25
        k = e.key()
        if k == Qt.Key_Left:
            self.pan_pixels(self.width() * step, 0)
        elif k == Qt.Key_Right:
            self.pan_pixels(-self.width() * step, 0)
        elif k == Qt.Key_Up:
            self.pan_pixels(0, self.height() * step)
        elif k == Qt.Key_Down:
            self.pan_pixels(0, -self.height() * step)
        elif k in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom(1.5)
        elif k in (Qt.Key_Minus, Qt.Key_Underscore):
            self.zoom(1 / 1.5)
        elif k == Qt.Key_Home and self.data is not None:
            self.fit(self.data.extent())
        elif k == Qt.Key_Escape:
            self.set_mode(SELECT)
        else:
            super().keyPressEvent(e)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.update()

