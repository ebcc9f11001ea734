"""Draw a geotrace (a line) or geoshape (an area) for a visit question on the village map, or
place a geopoint with a click. Clicks add points; Backspace (or Ctrl+Z, or the right mouse
button) takes the last one back; Enter or a double-click finishes; Esc cancels. A shape is closed
when finished. The answer is ODK's text ("lat lon alt acc;…", fieldapp.survey.geotrace); a stored
answer is shown again when the dialog opens, to be changed.

The village map (households, boundaries) is read by a job on its own thread: the window opens at
once, says the map is loading, and can be drawn on meanwhile (a click's position does not depend
on the map); the map appears when read. Closing the window first drops the read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from fieldapp.core.errors import BadValue
from fieldapp.geo.mapdata import MapData
from fieldapp.geo.measure import format_distance, path_length_m, polygon_area_m2
from fieldapp.survey.geotrace import MAX_TRACE_VERTICES, check_points, format_trace, lonlats
from fieldapp.ui.map.basemap_open import gcj_basemap
from fieldapp.ui.map.map_canvas import PLACE, MapCanvas
from fieldapp.ui.map.map_jobs import Job
from fieldapp.ui.map.tile_source import TileSource
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.errors import describe
from fieldapp.ui.widgets.screen_fit import fit_to_screen

POINT, TRACE, SHAPE = "geopoint", "geotrace", "geoshape"
_INK = QColor("#d81b60")
_VIEW_SPAN_M = 400.0  # display metres shown around a household with nothing drawn yet

MapLoader = Callable[..., MapData]  # (store, gcj_display) -> MapData, run on the job's thread


class TraceCanvas(MapCanvas):
    """The map canvas with the points being drawn on top."""

    pointsChanged = Signal()
    finishRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.limit = 1 if kind == POINT else MAX_TRACE_VERTICES
        self.vertices: list[tuple[float, float]] = []  # display coordinates
        self.set_mode(PLACE)
        self.placeRequested.connect(self.add)

    def add(self, x: float, y: float) -> None:
        if self.kind == POINT:
            self.vertices = []
        if len(self.vertices) < self.limit:
            self.vertices.append((x, y))
            self.pointsChanged.emit()
            self.update()

    def undo(self) -> None:
        if self.vertices:
            self.vertices.pop()
            self.pointsChanged.emit()
            self.update()

    def mouseDoubleClickEvent(self, e) -> None:
        """Finish with the point double-clicked (added by its first click, else now)."""
        if e.button() != Qt.LeftButton:
            return
        pos = e.position()
        last = self.vertices[-1] if self.vertices else None
        if last is None or abs(complex(*self.to_screen(*last)) - complex(pos.x(), pos.y())) > 4:
            self.add(*self.to_world(pos.x(), pos.y()))
        self.finishRequested.emit()

    def mousePressEvent(self, e) -> None:
        if e.button() == Qt.RightButton:
            self.undo()
            return
        super().mousePressEvent(e)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Backspace, Qt.Key_Delete) or e.matches(QKeySequence.Undo):
            self.undo()
        elif e.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.finishRequested.emit()
        elif e.key() == Qt.Key_Escape:
            self.cancelRequested.emit()
        else:
            super().keyPressEvent(e)

    def paintEvent(self, e) -> None:
        super().paintEvent(e)  # with its notice (the map is being read)
        if not self.vertices:
            return
        xs, ys = self.to_screen([v[0] for v in self.vertices], [v[1] for v in self.vertices])
        pts = [QPointF(float(a), float(b)) for a, b in zip(xs, ys)]
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setPen(QPen(_INK, 2.5))
        if self.kind == SHAPE and len(pts) >= 3:
            p.setBrush(QColor(216, 27, 96, 50))
            p.drawPolygon(QPolygonF(pts))
        elif len(pts) >= 2:
            p.drawPolyline(QPolygonF(pts))
        p.setPen(QPen(QColor("white"), 1.5))
        p.setBrush(_INK)
        for q in pts:
            p.drawEllipse(q, 4.5, 4.5)
        p.end()


class TraceDialog(QDialog):
    def __init__(self, store, kind: str, value: str | None = None,
                 near: tuple[float, float] | None = None, village: str | None = None,
                 parent=None, *, loader: MapLoader = MapData.load):
        """`near`: (lon, lat) to centre on when nothing is drawn yet (the household);
        `village`: its code, whose boundary is shown when there is no position; `loader`
        reads the map (MapData.load; tests give a slow one)."""
        super().__init__(parent)
        self.kind = kind
        titles = {POINT: self.tr("Place the point on the map"),
                  TRACE: self.tr("Draw the line on the map"),
                  SHAPE: self.tr("Draw the area on the map")}
        self.setWindowTitle(titles[kind])
        self.store = store
        self._loader, self._job = loader, None
        self.data = MapData()  # projects positions until the map is read; not drawn
        self.canvas = TraceCanvas(kind)
        help_text = (self.tr("Click where the point is. Enter or a double-click uses it; Esc "
                             "cancels.") if kind == POINT else
                     self.tr("Click to add points; Backspace or the right button takes the last "
                             "one back; Enter or a double-click finishes; Esc cancels. At most "
                             "%1 points.").replace("%1", str(MAX_TRACE_VERTICES)))
        hint = QLabel(help_text)
        hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.loading = QLabel()  # why the map is missing, if it cannot be read
        self.loading.setStyleSheet("color: #c0392b;")
        self.loading.hide()
        self.undo_button = QPushButton(self.tr("Undo last point"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.finish_button = QPushButton(self.tr("Finish"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for b in (self.undo_button, self.clear_button, self.finish_button, self.cancel_button):
            b.setFocusPolicy(Qt.TabFocus)
            b.setAutoDefault(False)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button.clicked.connect(self.clear)
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button.clicked.connect(self.reject)
        self.canvas.pointsChanged.connect(self._show_status)
        self.canvas.finishRequested.connect(self.finish)
        self.canvas.cancelRequested.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.loading)
        for b in (self.undo_button, self.clear_button, self.finish_button, self.cancel_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bar)
        fit_to_screen(self, 960, 680)
        self._result: str | None = None
        self._load(value)
        self._near, self._village = near, village
        self._show_status()
        self._show_basemap()
        self._read_map(gcj_display=False)

    def _show_basemap(self) -> None:
        """The offline basemap the map tab shows (remembered in the settings), if there is one;
        a GCJ-02 basemap shifts the households, boundaries and points drawn onto it."""
        path = str(QSettings().value("map/basemap", "") or "")
        if not path or not Path(path).is_file():
            return
        source = TileSource(path, self)
        source.opened.connect(lambda: self._basemap_opened(source))
        source.failed.connect(lambda _exc: self.canvas.basemap is source
                              and self.canvas.set_basemap(None))
        self.canvas.set_basemap(source)

    def _basemap_opened(self, source: TileSource) -> None:
        if gcj_basemap(source) and not self.data.gcj_display:
            self._read_map(gcj_display=True)

    def _read_map(self, gcj_display: bool) -> None:
        """Read the map in a job (a read already under way is dropped)."""
        if self.store is None:
            return
        if self._job is not None:
            self._job.cancel()
        loader = self._loader
        self._job = Job(self, "", self.store.path, lambda store, _progress: loader(
            store, gcj_display=gcj_display), dialog=False)
        self._job.finished.connect(self._map_read)
        self._job.failed.connect(self._map_failed)
        self.loading.hide()
        self.canvas.notice = self.tr("Loading the village map…")
        self.canvas.update()
        self._job.start()

    def _map_read(self, data: MapData) -> None:
        """The map arrived: drawn under what is drawn so far (shifted if it is GCJ-02)."""
        self._job = None
        self.canvas.notice = ""
        drawn = self.points()
        first = self.canvas.data is None
        self.data = data
        self.canvas.set_data(data)
        self._set_points(drawn)
        if first and not drawn and self._near is None:
            self.fit_view()  # the village, known only now
        self.canvas.update()

    def _map_failed(self, exc) -> None:
        self._job = None
        self.loading.setText(self.tr("The map cannot be read: %1").replace(
            "%1", describe(exc)))
        self.loading.show()
        self.canvas.notice = ""
        self.canvas.update()

    def _set_points(self, points: list[tuple[float, float]]) -> None:
        """Show (lon, lat) points, WGS84, as the points drawn."""
        if points:
            xs, ys = self.data.project([p[0] for p in points], [p[1] for p in points])
            self.canvas.vertices = [(float(x), float(y)) for x, y in zip(xs, ys)]
        else:
            self.canvas.vertices = []
        self.canvas.update()

    def done(self, result: int) -> None:
        if self._job is not None:  # closed before the map came: the read is dropped
            self._job.cancel()
            self._job = None
        if self.canvas.basemap is not None:
            self.canvas.basemap.close()
        super().done(result)

    def _load(self, value: str | None) -> None:
        points = lonlats(value)
        if self.kind == SHAPE and len(points) > 1 and points[0] == points[-1]:
            points = points[:-1]  # drawn open, closed again when finished
        self._set_points(points)

    def showEvent(self, e) -> None:
        super().showEvent(e)
        self.canvas.setFocus(Qt.OtherFocusReason)
        self.fit_view()

    def fit_view(self) -> None:
        """The drawn points, else the household, else its village, else the whole county."""
        v = self.canvas.vertices
        if v:
            xs, ys = [p[0] for p in v], [p[1] for p in v]
            pad = _VIEW_SPAN_M / 4
            self.canvas.fit((min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad))
        elif self._near is not None:
            x, y = self.data.project([self._near[0]], [self._near[1]])
            h = _VIEW_SPAN_M / 2
            self.canvas.fit((float(x[0]) - h, float(y[0]) - h, float(x[0]) + h, float(y[0]) + h))
        else:
            self.canvas.fit(self.data.extent(self._village) or self.data.extent())

    def points(self) -> list[tuple[float, float]]:
        """(lon, lat) of the points drawn, WGS84."""
        v = self.canvas.vertices
        if not v:
            return []
        lon, lat = self.data.unproject([p[0] for p in v], [p[1] for p in v])
        return [(float(a), float(b)) for a, b in zip(lon, lat)]

    def clear(self) -> None:
        self.canvas.vertices = []
        self.canvas.pointsChanged.emit()
        self.canvas.update()

    def _show_status(self) -> None:
        pts = self.points()
        n = len(pts)
        text = self.tr("%1 point(s)").replace("%1", str(n))
        if self.kind == TRACE and n >= 2:
            text += " · " + format_distance(path_length_m([p[0] for p in pts],
                                                          [p[1] for p in pts]))
        elif self.kind == SHAPE and n >= 3:
            text += " · " + self.tr("area %1 m²").replace(
                "%1", f"{polygon_area_m2([p[0] for p in pts], [p[1] for p in pts]):,.0f}")
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.undo_button.setEnabled(n > 0)
        self.clear_button.setEnabled(n > 0)

    def finish(self) -> None:
        pts = self.points()
        if self.kind == POINT:
            if pts:
                self._result = f"{pts[0][1]:.7f} {pts[0][0]:.7f} 0 0"
                self.accept()
            return
        try:
            ring = check_points([(lat, lon, 0.0, 0.0) for lon, lat in pts], self.kind == SHAPE)
        except BadValue as exc:
            self.status.setStyleSheet("color: #c0392b;")
            self.status.setText(exc.text(form_language()))
            return
        self._result = format_trace(ring)
        self.accept()

    def answer(self) -> str | None:
        """What was drawn, in ODK's text (None when cancelled)."""
        return self._result if self.result() == QDialog.Accepted else None
