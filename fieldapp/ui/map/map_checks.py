"""Spatial checks panel under the map: run the checks on a worker thread (cancellable), list the
findings, highlight them on the map, and jump to one when it is clicked."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.geo.checks import (
    DEFAULT_THRESHOLD_M,
    NEAR_DUPLICATE,
    NO_BOUNDARY,
    OUTSIDE,
    UNLOCATED,
    CheckReport,
    run_checks,
)
from fieldapp.store.geo import queries as geo_queries

from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.map.map_jobs import Job


def _t(text: str) -> str:
    return QCoreApplication.translate("MapChecks", text)


def kind_label(kind: str) -> str:
    return {OUTSIDE: _t("Outside its village"), NEAR_DUPLICATE: _t("Same position"),
            UNLOCATED: _t("Unlocated households"), NO_BOUNDARY: _t("Village has no boundary")
            }.get(kind, kind)


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.names: dict[str, str] = {}
        self.english = False
        self.headers = [self.tr("Problem"), self.tr("Village"), self.tr("Households"),
                        self.tr("Metres"), self.tr("Detail")]

    def set_report(self, report: CheckReport | None, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(report.findings) if report else []
        self.names = names
        self.english = form_language() == "en"  # details in the window's language
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or not index.isValid():
            return None
        f = self.rows[index.row()]
        return (kind_label(f.kind), self.names.get(f.village_code, f.village_code),
                str(f.count or len(f.households)),
                "" if f.distance_m is None else f"{f.distance_m:g}",
                f.detail_en if self.english else f.detail)[index.column()]


class MapChecksPanel(QWidget):
    findingActivated = Signal(list, str)  # household uuids, village code

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.store = None
        self.report: CheckReport | None = None
        self.threshold = QDoubleSpinBox(minimum=0.0, maximum=500.0, decimals=1, singleStep=0.5,
                                        value=DEFAULT_THRESHOLD_M, suffix=self.tr(" m"))
        self.threshold.setToolTip(self.tr("Households closer than this count as the same position"))
        self.run_button = QPushButton(self.tr("Run checks"))
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel(self.tr("Not run yet."))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Same position within")))
        top.addWidget(self.threshold)
        top.addWidget(self.run_button)
        top.addWidget(self.summary, 1)
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        for col, width in enumerate((120, 150, 70, 60)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.job: Job | None = None

    def set_store(self, store) -> None:
        self.store = store
        self.report = None
        self.model.set_report(None, {})
        self.summary.setText(self.tr("Not run yet."))

    def run(self) -> None:
        if self.store is None or self.job is not None:
            return
        threshold = self.threshold.value()
        self.job = Job(self, self.tr("Checking household positions…"), self.store.path,
                       lambda store, progress: run_checks(store, threshold_m=threshold,
                                                          progress=progress))
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._ended)
        self.run_button.setEnabled(False)
        self.job.start()

    def wait(self, ms: int = 30000) -> None:
        """Block until a running check ends (tests)."""
        if self.job is not None:
            self.job.wait(ms)

    def _ended(self) -> None:
        self.job = None
        self.run_button.setEnabled(True)

    def _done(self, report) -> None:
        self._ended()
        self.show_report(report)

    def _failed(self, exc) -> None:
        self._ended()
        show_error(self, exc, self.tr("Spatial checks"))

    def show_report(self, report: CheckReport) -> None:
        self.report = report
        names = {code: name for code, name, _l, _p in geo_queries.areas(self.store)} if self.store else {}
        self.model.set_report(report, names)
        c = report.counts()
        self.summary.setText(
            self.tr("%1 outside village · %2 same position · %3 villages with unlocated · %4 without boundary")
            .replace("%1", str(c[OUTSIDE])).replace("%2", str(c[NEAR_DUPLICATE]))
            .replace("%3", str(c[UNLOCATED])).replace("%4", str(c[NO_BOUNDARY])))
        self.view.show_flagged(sorted(report.flagged_households()))

    def _row(self, current, _previous) -> None:
        if not current.isValid():
            return
        f = self.model.rows[current.row()]
        self.findingActivated.emit(list(f.households), f.village_code)
