"""The village map beside the household table: boundaries, households coloured by status, pan
and zoom, selection synced with the table, place/move a household by clicking (undoable and
audited), measure a distance, spatial checks, and an optional offline MBTiles basemap.

The map (every household's point, every boundary: ~1 s for a whole county) is read by a job on
its own thread: the window stays usable, the map says it is loading (the map read before stays
shown meanwhile), a newer read supersedes an older one (whose result is dropped, never painted
over a newer map), and a read under way is dropped when the view closes or changes database."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.status import STATUSES
from fieldapp.geo.mapdata import MapData
from fieldapp.geo.measure import format_distance, path_length_m
from fieldapp.geo.positions import outside_own_village
from fieldapp.store.geo import queries as geo_queries
from fieldapp.ui.map.basemap_open import open_basemap

from fieldapp.ui.widgets.errors import describe, show_error
from fieldapp.ui.map.map_canvas import MEASURE, PLACE, SELECT, MapCanvas
from fieldapp.ui.map.map_checks import MapChecksPanel
from fieldapp.ui.map.map_commands import MoveHousehold
from fieldapp.ui.map.map_import_dialog import MapImportDialog, start_export
from fieldapp.ui.map.map_jobs import Job
from fieldapp.ui.widgets.export_names import suggested_path

MapLoader = Callable[..., MapData]  # (store, gcj_display) -> MapData, run on the job's thread


class MapView(QWidget):
    householdsSelected = Signal(list)
    householdMoved = Signal(str)  # a household's position was written (or undone)
    dataChanged = Signal()  # this view wrote to the database (import): others should refresh

    def __init__(self, store=None, parent=None, *, loader: MapLoader = MapData.load):
        """`loader` reads the map (MapData.load; tests give a slow one)."""
        super().__init__(parent)
        self.store = None
        self.data: MapData | None = None
        self._loader = loader
        self._job: Job | None = None  # the map being read
        self._moved_meanwhile: set[str] = set()  # households placed while it is read
        self._dirty = True
        self._pending_area: str | None = None
        self._pending_uuids: list[str] = []  # selected but not on the map (unlocated)
        self.undo_stack = QUndoStack(self)
        self.last_click: tuple[float, float] | None = None  # lon, lat of a place-mode click
        self.canvas = MapCanvas()
        self.checks = MapChecksPanel(self)
        self.checks.hide()
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.toolbar = QToolBar()
        self._build_actions()
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.canvas)
        split.addWidget(self.checks)
        split.setStretchFactor(0, 1)
        split.setSizes([560, 180])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.canvas.label_provider = self._labels
        self.canvas.selectionChanged.connect(self._canvas_selection)
        self.canvas.placeRequested.connect(self._place)
        self.canvas.measureChanged.connect(self._show_measure)
        self.canvas.pointerMoved.connect(self._show_pointer)
        self.checks.findingActivated.connect(self._finding)
        self._index_timer = QTimer(self, singleShot=True, interval=400)
        self._index_timer.timeout.connect(lambda: self.data and self.data.build_index())
        if store is not None:
            self.set_store(store)

    # ----- actions --------------------------------------------------------------------------
    def _build_actions(self) -> None:
        tb = self.toolbar
        group = QActionGroup(self)
        self.mode_actions = {}
        for mode, text, tip in (
            (SELECT, self.tr("Select"), self.tr("Click a household; Ctrl+click adds; Shift+drag selects an area")),
            (PLACE, self.tr("Place / move"), self.tr("Click on the map to put the selected household there")),
            (MEASURE, self.tr("Measure"), self.tr("Click points to measure a distance; right-click clears")),
        ):
            act = QAction(text, self, checkable=True, toolTip=tip)
            act.triggered.connect(lambda _c=False, m=mode: self.set_mode(m))
            group.addAction(act)
            tb.addAction(act)
            self.mode_actions[mode] = act
        self.mode_actions[SELECT].setChecked(True)
        tb.addSeparator()
        fit = QAction(self.tr("Whole area"), self, toolTip=self.tr("Zoom to the whole county (Home)"))
        fit.triggered.connect(self.fit_all)
        tb.addAction(fit)
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.Undo)
        undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.Redo)
        redo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        tb.addAction(undo)
        tb.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        tb.addSeparator()
        checks = QAction(self.tr("Spatial checks"), self, checkable=True,
                         toolTip=self.tr("Households outside their village, at the same position, or unlocated"))
        checks.toggled.connect(self.checks.setVisible)
        tb.addAction(checks)
        self.checks_action = checks
        imp = QAction(self.tr("Import…"), self,
                      toolTip=self.tr("Import boundaries (GeoJSON, Shapefile zip, GeoPackage, KML) or household positions (CSV, GPX)"))
        imp.triggered.connect(self.import_dialog)
        exp = QAction(self.tr("Export…"), self,
                      toolTip=self.tr("Export households and villages as GeoPackage or GeoJSON"))
        exp.triggered.connect(self.export_dialog)
        tb.addAction(imp)
        tb.addAction(exp)
        base = QAction(self.tr("Basemap…"), self, toolTip=self.tr("Open an offline MBTiles basemap"))
        base.triggered.connect(self.choose_basemap)
        tb.addAction(base)
        self.gcj_action = QAction(self.tr("Basemap in GCJ-02"), self, checkable=True,
                                  toolTip=self.tr("Tick for AMap/Tencent tiles: households and boundaries are shifted onto them"))
        self.gcj_action.toggled.connect(self._gcj_toggled)
        tb.addAction(self.gcj_action)

    def set_mode(self, mode: str) -> None:
        self.mode_actions[mode].setChecked(True)
        self.canvas.set_mode(mode)
        if mode == PLACE:
            self._hint_place()
        elif mode == MEASURE:
            self._show_measure()
        else:
            self.status.clear()

    # ----- store and data ---------------------------------------------------------------------
    def set_store(self, store) -> None:
        self.cancel_loading()  # the other database's map
        self.store = store
        self.undo_stack.clear()
        self.data = None
        self.canvas.set_data(None)
        self.checks.set_store(store)
        self._dirty = True
        if store is not None and self.isVisible():
            self.reload()
        path = QSettings().value("map/basemap", "")
        if path and self.canvas.basemap is None:
            self._open_basemap(str(path), quiet=True)

    def reload(self) -> None:
        """Read the county's points and boundaries again (after imports, merges, refresh), in a
        job; a read already under way is dropped. `loaded` is shown when it arrives."""
        if self.store is None:
            return
        self.cancel_loading()
        loader, gcj = self._loader, self.gcj_action.isChecked()
        job = Job(self, "", self.store.path,
                  lambda store, _progress: loader(store, gcj_display=gcj), dialog=False)
        job.finished.connect(lambda data: self._loaded(job, data))
        job.failed.connect(lambda exc: self._load_failed(job, exc))
        self._job, self._dirty = job, False
        self._moved_meanwhile = set()
        self.canvas.notice = self.tr("Loading the map…")
        self.canvas.update()
        job.start()

    def loading(self) -> bool:
        """Whether the map is being read."""
        return self._job is not None

    def cancel_loading(self) -> None:
        """Drop the read under way (closed, another database, a newer read)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
            self.canvas.notice = ""
            self.canvas.update()

    def _loaded(self, job: Job, data: MapData) -> None:
        """The map arrived: shown with the same view and selection (the first: the whole
        county, or the area asked for meanwhile)."""
        job.deleteLater()  # its thread has ended: not kept under the view, one per reload
        if job is not self._job:  # superseded (its result is dropped by the cancel too)
            return
        self._job = None
        self.canvas.notice = ""
        keep_view = self.data is not None
        view = (self.canvas.cx, self.canvas.cy, self.canvas.mpp)
        selected = self.selected_uuids()
        self.data = data
        self.canvas.set_data(data)
        for uuid in sorted(self._moved_meanwhile):  # written after the read may have passed
            self._apply_position(uuid)
        self._moved_meanwhile = set()
        if keep_view:
            self.canvas.cx, self.canvas.cy, self.canvas.mpp = view
        elif self._pending_area:
            self.show_area(self._pending_area)
        else:
            self.fit_all()
        if selected:
            self.select_households(selected)
        if self.checks.report is not None:
            self.show_flagged(sorted(self.checks.report.flagged_households()))
        self._index_timer.start()

    def _load_failed(self, job: Job, exc: Exception) -> None:
        job.deleteLater()
        if job is not self._job:
            return
        self._job = None
        self.canvas.notice = self.tr("The map cannot be read: %1").replace("%1", describe(exc))
        self.canvas.update()

    def closeEvent(self, e) -> None:
        self.cancel_loading()
        super().closeEvent(e)

    def refresh(self) -> None:
        """The database changed (visits, imports, merges): reload now if shown, else when shown."""
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if self._dirty and self.store is not None:
            QTimer.singleShot(0, self._reload_if_dirty)

    def _reload_if_dirty(self) -> None:
        if self._dirty and self.isVisible():  # not closed since
            self.reload()

    def fit_all(self) -> None:
        if self.data is not None:
            self.canvas.fit(self.data.extent())

    @Slot(str)
    def show_area(self, code: str) -> None:
        """Zoom to a county, township or village (its boundary, else its households)."""
        self._pending_area = code
        if self.data is None:
            return
        box = self.data.extent(code)
        if box is None and self.store is not None:
            rows = geo_queries.household_points(self.store, code)
            if rows:
                x, y = self.data.project([r[3] for r in rows], [r[4] for r in rows])
                box = (x.min(), y.min(), x.max(), y.max())
        if box is not None:
            self.canvas.fit(box)

    # ----- selection ------------------------------------------------------------------------
    def selected_uuids(self) -> list[str]:
        if self.data is None or self.store is None:
            return list(self._pending_uuids)
        rowids = [int(r) for r in self.data.rowid[self.canvas.selected]]
        names = geo_queries.uuids_of(self.store, rowids)
        return [names[r] for r in rowids if r in names] + list(self._pending_uuids)

    @Slot(list)
    def select_households(self, uuids: list) -> None:
        """Select households on the map (from the table); does not emit householdsSelected."""
        if self.data is None or self.store is None:
            self._pending_uuids = list(uuids)
            return
        rowids = geo_queries.rowids_of(self.store, list(uuids))
        idx = self.data.index_of(rowids.values())
        on_map = {int(r) for r in self.data.rowid[idx]}
        self._pending_uuids = [u for u, r in rowids.items() if r not in on_map]
        self.canvas.selected = np.sort(idx)
        if len(idx) and self.isVisible():
            self._ensure_visible(idx)
        if self.canvas.mode == PLACE:
            self._hint_place()
        self.canvas.update()

    def _ensure_visible(self, idx: np.ndarray) -> None:
        c = self.canvas
        sx, sy = c.to_screen(self.data.x[idx], self.data.y[idx])
        if np.all((sx > 20) & (sx < c.width() - 20) & (sy > 20) & (sy < c.height() - 20)):
            return
        if len(idx) == 1:
            c.cx, c.cy = float(self.data.x[idx[0]]), float(self.data.y[idx[0]])
            c.mpp = min(c.mpp, 5.0)
            c.update()
        else:
            c.fit((self.data.x[idx].min(), self.data.y[idx].min(),
                   self.data.x[idx].max(), self.data.y[idx].max()), 0.2)

    def _canvas_selection(self) -> None:
        self._pending_uuids = []
        if self.canvas.mode == PLACE:
            self._hint_place()
        self.householdsSelected.emit(self.selected_uuids())

    # ----- placing ------------------------------------------------------------------------------
    def _hint_place(self) -> None:
        uuids = self.selected_uuids()
        if len(uuids) != 1:
            self.status.setText(self.tr("Select one household (here or in the table), then click where it is."))
            return
        self.status.setText(self.tr("Click on the map to put %1 there. Esc ends placing.")
                            .replace("%1", self._name(uuids[0])))

    def _place(self, x: float, y: float) -> None:
        uuids = self.selected_uuids()
        if self.data is None:
            return
        lon, lat = self.data.unproject(np.array([x]), np.array([y]))
        if len(uuids) != 1:
            # No household to move: remember the spot for a new household (Ctrl+N).
            self.last_click = (float(lon[0]), float(lat[0]))
            self.status.setText(self.tr("Press Ctrl+N to record a new household at this spot."))
            return
        allowed, outside_m = self._confirm_outside(uuids[0], float(lon[0]), float(lat[0]))
        if not allowed:
            return
        self.undo_stack.push(MoveHousehold(self, uuids[0], self._name(uuids[0]),
                                           float(lon[0]), float(lat[0]), outside_m))

    def _confirm_outside(self, uuid: str, lon: float, lat: float) -> tuple[bool, float | None]:
        """A spot outside the household's own village is asked about before it is used:
        (placed, the confirmed distance outside in metres or None when inside)."""
        distance = outside_own_village(self.store, uuid, lon, lat)
        if distance is None:
            return True, None
        answer = QMessageBox.question(
            self, self.tr("Outside the village"),
            self.tr("This spot is %1 m outside the boundary of %2's village. Put the household "
                    "here anyway?").replace("%1", f"{distance:,.0f}").replace("%2", self._name(uuid)),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            self.status.setText(self.tr("Not moved."))
            return False, None
        return True, distance

    def position_of(self, uuid: str) -> tuple[float | None, float | None]:
        found = geo_queries.household_position(self.store, uuid)
        return found if found else (None, None)

    def position_changed(self, uuid: str) -> None:
        """A household was placed, moved or unplaced: update the arrays, keep the selection."""
        if self._job is not None:
            self._moved_meanwhile.add(uuid)  # applied to the map being read too
        if not self._apply_position(uuid):
            return
        self.select_households([uuid])
        self.householdsSelected.emit([uuid])
        self.householdMoved.emit(uuid)

    def _apply_position(self, uuid: str) -> bool:
        """Put a household where the database says it is, on the map shown."""
        row = geo_queries.map_household(self.store, uuid)
        if row is None or self.data is None:
            return False
        rowid, status, _village, lon, lat = row
        code = STATUSES.index(status) if status in STATUSES else len(STATUSES)
        self.data.set_position(rowid, code, lon, lat)
        return True

    def _name(self, uuid: str) -> str:
        found = geo_queries.household_labels(self.store, [uuid]).get(uuid)
        return found[0] if found else uuid[:8]

    def user(self) -> str:
        """Who the audit log names: the surveyor of this laptop (first-run profile)."""
        return str(QSettings().value("profile/surveyor", "") or self.store.setting("surveyor") or "")

    def report_error(self, exc: Exception) -> None:
        show_error(self, exc, self.tr("Map"))

    # ----- labels, pointer, measuring -------------------------------------------------------
    def _labels(self, rowids: list[int]) -> dict[int, str]:
        return geo_queries.labels_of(self.store, rowids) if self.store else {}

    def _show_pointer(self, x: float, y: float) -> None:
        if self.canvas.mode == SELECT and self.data is not None:
            lon, lat = self.data.unproject(np.array([x]), np.array([y]))
            self.status.setText(self.tr("WGS84 %1, %2").replace("%1", f"{lon[0]:.6f}")
                                .replace("%2", f"{lat[0]:.6f}"))

    def _show_measure(self) -> None:
        pts = self.canvas.measure_pts
        if self.data is None or not pts:
            self.status.setText(self.tr("Click points on the map to measure; right-click clears."))
            return
        lon, lat = self.data.unproject(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]))
        self.status.setText(self.tr("Distance: %1 (%2 points)")
                            .replace("%1", format_distance(path_length_m(lon, lat)))
                            .replace("%2", str(len(pts))))

    # ----- basemap --------------------------------------------------------------------------
    def choose_basemap(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Offline basemap"), "",
                                              self.tr("MBTiles (*.mbtiles);;All files (*)"))
        if path:
            self._open_basemap(path)

    def _open_basemap(self, path: str, quiet: bool = False) -> bool:
        return open_basemap(self, path, quiet=quiet)

    def _gcj_toggled(self, _on: bool) -> None:
        if self.data is not None:
            self.reload()  # same view and selection, vectors shifted onto (or off) the tiles

    # ----- import and export -------------------------------------------------------------------
    def import_dialog(self, path: str | None = None) -> MapImportDialog | None:
        if self.store is None:
            return None
        dlg = MapImportDialog(self.store, self.user(), self)
        dlg.imported.connect(self._imported)
        if path:
            dlg.set_path(path)
        dlg.open()
        return dlg

    def _imported(self, _result: dict) -> None:
        self.undo_stack.clear()  # positions changed underneath the recorded moves
        self._dirty = True
        self.dataChanged.emit()  # in the main window this refreshes everything, the map too
        if self._dirty:
            self.reload()

    def export_dialog(self) -> None:
        if self.store is not None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export map"), suggested_path(self.store, "地图", "gpkg"),
                self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson)"))
            if path:
                self.export_to(path)

    def export_to(self, path: str) -> Job:
        self._export_job = start_export(self, self.store.path, path)
        return self._export_job

    # ----- checks -----------------------------------------------------------------------------
    def show_flagged(self, uuids: list[str]) -> None:
        if self.data is None or self.store is None:
            return
        rowids = geo_queries.rowids_of(self.store, uuids)
        self.canvas.flagged = np.sort(self.data.index_of(rowids.values()))
        self.canvas.update()

    def _finding(self, uuids: list[str], village: str) -> None:
        if uuids:
            self.select_households(uuids)
            idx = self.canvas.selected
            if len(idx):
                self._ensure_visible(idx)
            self.householdsSelected.emit(uuids)
        elif village:
            self.show_area(village)
