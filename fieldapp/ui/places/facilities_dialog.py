"""Service points and emergency-broadcast terminals of the area chosen in the tree (seed 2): a
list with the townships lacking a service station and the villages lacking an agency point, and
the imports of both registers (the same job as `fieldapp service-points|terminals import`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fieldapp.core.facilities import KIND_LABELS_ZH, POINT_KINDS, STATUS_LABELS_ZH, TERMINAL
from fieldapp.jobs.facilities_import import import_facilities
from fieldapp.store.facilities import list_facilities, service_gaps

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.screen_fit import fit_to_screen

_COLUMNS = ("kind", "name", "township_name", "village_name", "address", "phone", "status")


class FacilitiesDialog(QDialog):
    imported = Signal()  # the registers changed (the map redraws its layers)

    def __init__(self, store, area_code: str | None, user: str = "", parent=None):
        super().__init__(parent)
        self.store, self.area_code, self.user = store, area_code, user
        self.setWindowTitle(self.tr("Service points and broadcast terminals"))
        fit_to_screen(self, 1000, 600)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("Kind"), self.tr("Name or place"), self.tr("Township"), self.tr("Village"),
            self.tr("Address"), self.tr("Phone"), self.tr("State")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.import_points = QPushButton(self.tr("Import service points…"))
        self.import_terminals = QPushButton(self.tr("Import terminals…"))
        self.import_points.clicked.connect(lambda: self.import_file(POINT_KINDS))
        self.import_terminals.clicked.connect(lambda: self.import_file((TERMINAL,)))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.import_points)
        row.addWidget(self.import_terminals)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        rows = list_facilities(self.store, area_code=self.area_code)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = {**r, "kind": KIND_LABELS_ZH[r["kind"]],
                     "status": STATUS_LABELS_ZH.get(r["status"] or "", r["status"])
                     if r["kind"] == TERMINAL else ""}
            for j, key in enumerate(_COLUMNS):
                self.table.setItem(i, j, QTableWidgetItem(str(cells.get(key) or "")))
        gaps = service_gaps(self.store, self.area_code)
        counts = {k: sum(r["kind"] == k for r in rows) for k in KIND_LABELS_ZH}
        working = sum(r["kind"] == TERMINAL and r["status"] == "working" for r in rows)
        self.summary.setText(
            self.tr("Service stations: %1 · agency points: %2 · terminals: %3 (working %4). "
                    "Townships without a service station: %5 · villages without an agency "
                    "point: %6")
            .replace("%1", str(counts["station"])).replace("%2", str(counts["agency"]))
            .replace("%3", str(counts[TERMINAL])).replace("%4", str(working))
            .replace("%5", str(len(gaps["no_service_station"])))
            .replace("%6", str(len(gaps["no_agency_point"]))))

    def import_file(self, kinds: tuple[str, ...], path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import a register"), "",
                self.tr("Spreadsheets (*.xlsx *.xls *.csv)"))
            if not path:
                return False
        try:
            done = import_facilities(self.store, path, kinds, user=self.user)
        except Exception as exc:  # noqa: BLE001 - shown in the user's words
            show_error(self, exc, self.tr("The register was not imported"))
            return False
        self.reload()
        self.imported.emit()
        self.summary.setText(
            self.tr("Imported %1 rows: %2 added, %3 updated.").replace("%1", str(done.rows))
            .replace("%2", str(done.added)).replace("%3", str(done.updated))
            + " " + self.summary.text())
        return True
