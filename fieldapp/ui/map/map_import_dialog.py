"""Import boundaries (GeoJSON, zipped Shapefile, GeoPackage, KML) or household coordinates (CSV,
GPX) from the map: pick the file, check it (which CRS, what matches, what is rejected and why),
then import in one transaction on a worker thread. The same plan/apply functions as
`fieldapp map import`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fieldapp.geo.boundary_import import apply_boundary_import, plan_boundary_import
from fieldapp.geo.export import export_map
from fieldapp.geo.point_import import POINT_SUFFIXES, apply_point_import, plan_point_import

from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.map.map_jobs import Job
from fieldapp.ui.widgets.screen_fit import fit_to_screen


def _t(text: str) -> str:
    return QCoreApplication.translate("MapExport", text)


class MapImportDialog(QDialog):
    imported = Signal(dict)

    def __init__(self, store, user: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import boundaries or household positions"))
        fit_to_screen(self, 720, 480)
        self.store, self.user = store, user
        self.plan = None
        self.job: Job | None = None
        self.path = QLineEdit(readOnly=True)
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.level = QComboBox()
        for text, value in ((self.tr("Automatic (by code or name)"), None),
                            (self.tr("County"), "county"), (self.tr("Township"), "township"),
                            (self.tr("Village"), "village")):
            self.level.addItem(text, value)
        self.crs = QComboBox(editable=True)
        for text, value in ((self.tr("As the file says (else WGS84)"), ""),
                            ("WGS84 (EPSG:4326)", "EPSG:4326"), ("CGCS2000 (EPSG:4490)", "EPSG:4490"),
                            (self.tr("GCJ-02 (AMap, Tencent)"), "gcj02")):
            self.crs.addItem(text, value)
        self.crs.setToolTip(self.tr("Or type a code, e.g. EPSG:4546 for the CGCS2000 3-degree zone CM 111E"))
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Coordinate system"), self.crs)
        self.check_button = QPushButton(self.tr("Check file"))
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel(self.tr("Choose a file, then check it."))
        self.summary.setWordWrap(True)
        self.rejected = QTableWidget(0, 2)
        self.rejected.setHorizontalHeaderLabels([self.tr("Row or feature"), self.tr("Not imported because")])
        self.rejected.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.rejected.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        layout.addWidget(self.buttons)
        self.level.currentIndexChanged.connect(self._changed)
        self.crs.currentTextChanged.connect(self._changed)

    # ----- choosing and checking -------------------------------------------------------------
    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import boundaries or household positions"), "",
            self.tr("Map files (*.geojson *.json *.zip *.shp *.gpkg *.kml *.kmz *.csv *.gpx);;All files (*)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self.level.setEnabled(not self._points())
        self._changed()

    def crs_value(self) -> str | None:
        text = self.crs.currentText().strip()
        index = self.crs.findText(text)
        value = self.crs.itemData(index) if index >= 0 else text
        return value or None

    def _points(self) -> bool:
        return Path(self.path.text()).suffix.lower() in POINT_SUFFIXES

    def _changed(self, *_args) -> None:
        self.plan = None
        self.import_button.setEnabled(False)

    def check(self) -> None:
        if not self.path.text() or self.job is not None:
            return
        path, crs, level, points = self.path.text(), self.crs_value(), self.level.currentData(), self._points()

        def plan(store, _progress):
            if points:
                return plan_point_import(store, path, crs=crs)
            return plan_boundary_import(store, path, level=level, crs=crs)

        self._run(self.tr("Reading and matching…"), plan, self._planned, readonly=True)

    def _planned(self, plan) -> None:
        self.plan = plan
        count = len(plan.positions) if self._points() else len(plan.matches)
        what = self.tr("households") if self._points() else self.tr("areas")
        source = {"file": self.tr("stated by the file"), "option": self.tr("chosen here"),
                  "assumed": self.tr("assumed")}.get(plan.crs_source, plan.crs_source)
        lines = [self.tr("Coordinate system: %1 (%2)").replace("%1", plan.crs.text(form_language()))
                 .replace("%2", source),
                 self.tr("%1 %2 will be updated; %3 rows or features are not imported.")
                 .replace("%1", str(count)).replace("%2", what).replace("%3", str(len(plan.rejected)))]
        en = form_language() == "en"  # rows and reasons in the window's language
        lines += [f"⚠ {w.text('en') if en and hasattr(w, 'text') else w}" for w in plan.warnings]
        self.summary.setText("\n".join(lines))
        self.rejected.setRowCount(len(plan.rejected))
        for i, r in enumerate(plan.rejected):
            row = r.get("row_en", r["row"]) if en else r["row"]
            self.rejected.setItem(i, 0, QTableWidgetItem(str(row)))
            self.rejected.setItem(i, 1, QTableWidgetItem(r["reason_en" if en else "reason"]))
        self.import_button.setEnabled(count > 0)

    # ----- importing ------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.plan is None or self.job is not None:
            return
        plan, user, points = self.plan, self.user, self._points()

        def apply(store, progress):
            if points:
                return apply_point_import(store, plan, user=user, progress=progress)
            return apply_boundary_import(store, plan, user=user, progress=progress)

        self._run(self.tr("Importing…"), apply, self._imported, readonly=False)

    def _imported(self, result: dict) -> None:
        QMessageBox.information(self, self.windowTitle(), self.tr(
            "Imported: %1 updated, %2 unchanged, %3 not imported.")
            .replace("%1", str(result["updated"])).replace("%2", str(result["unchanged"]))
            .replace("%3", str(len(result["rejected"]))))
        self.imported.emit(result)
        self.accept()

    def _run(self, label: str, fn, on_done, readonly: bool) -> None:
        self.job = Job(self, label, self.store.path, fn, readonly=readonly)
        self.job.finished.connect(lambda result: (self._ended(), on_done(result)))
        self.job.failed.connect(lambda exc: (self._ended(), show_error(self, exc, self.windowTitle())))
        self.job.cancelled.connect(self._ended)
        self.check_button.setEnabled(False)
        self.job.start()

    def _ended(self) -> None:
        self.job = None
        self.check_button.setEnabled(True)

    def wait(self, ms: int = 60000) -> None:
        if self.job is not None:
            self.job.wait(ms)


def start_export(parent, db_path, path: str) -> Job:
    """Export the map to `path` (.gpkg or .geojson) on a worker thread; tells the user when done."""
    job = Job(parent, _t("Exporting the map…"), db_path,
              lambda store, progress: export_map(store, path, progress=progress))
    job.finished.connect(lambda result: QMessageBox.information(
        parent, _t("Export map"), _t("Written: %1 (%2 households, %3 villages)")
        .replace("%1", "、".join(result["files"]))
        .replace("%2", f"{result['counts'].get('households', 0):,}")
        .replace("%3", str(result["counts"].get("villages", 0)))))
    job.failed.connect(lambda exc: show_error(parent, exc, _t("Export map")))
    job.start()
    return job
