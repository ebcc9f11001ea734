"""File → Import history…: every register and paper-visit import into this database, and undoing
one after a confirmation that says what will happen (the import wizard's last page offers the same
for the import just made). The rules are fieldapp.store.register_imports.import_log."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.progress import Cancelled
from fieldapp.jobs.import_undo import undo_import
from fieldapp.store.register_imports import import_log

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.widgets.screen_fit import fit_to_screen


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportHistory", text)


def undo_with_confirmation(parent: QWidget, store, import_id: int) -> bool:
    """Ask, then undo an import (after an automatic backup); True when it was undone."""
    try:  # off the GUI thread: a big import takes a second to go through
        plan = JobRunner(parent).run(_t("Checking the import…"), lambda _progress: (
            undo_import(store, import_id, dry_run=True)))
    except Exception as exc:  # noqa: BLE001 - e.g. undone already: said in a dialog
        show_error(parent, exc, _t("Cannot undo the import"))
        return False
    text = (_t("Undo import %1 (%2)?\n\n%3 records it added will be deleted, %4 records it "
               "changed get their old values back.")
            .replace("%1", str(import_id)).replace("%2", plan.record.file)
            .replace("%3", f"{len(plan.deletes):,}").replace("%4", f"{len(plan.reverts):,}"))
    if plan.kept:
        text += "\n\n" + _t("%1 records stay as they are: they were changed after the import, "
                            "or the household already has visits or work orders.").replace(
            "%1", f"{len(plan.kept):,}")
    if QMessageBox.question(parent, _t("Undo import"), text, QMessageBox.Yes | QMessageBox.No,
                            QMessageBox.No) != QMessageBox.Yes:
        return False

    try:
        done = JobRunner(parent).run(_t("Undoing the import…"), lambda progress: (
            undo_import(store, import_id, progress=progress)))
    except Cancelled:
        QMessageBox.information(parent, _t("Undo import"),
                                _t("Cancelled. Nothing was changed in the database."))
        return False
    except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
        show_error(parent, exc, _t("Cannot undo the import"))
        return False
    QMessageBox.information(parent, _t("Undo import"), (
        _t("Import %1 undone: %2 records deleted, %3 restored, %4 kept.")
        .replace("%1", str(import_id)).replace("%2", f"{len(done.deletes):,}")
        .replace("%3", f"{len(done.reverts):,}").replace("%4", f"{len(done.kept):,}")))
    return True


class ImportHistoryDialog(QDialog):
    """`undone` is emitted after an undo (the main window refreshes)."""

    undone = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Import history"))
        fit_to_screen(self, 900, 460)
        self.kinds = {"register": self.tr("Register"), "visits": self.tr("Paper visits")}
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Imported at"), self.tr("Kind"), self.tr("File"),
            self.tr("Added"), self.tr("Updated"), self.tr("State")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_button = QPushButton(self.tr("Undo this import…"))
        self.undo_button.clicked.connect(self.undo_selected)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.records = import_log.import_history(self.store)
        self.table.setRowCount(len(self.records))
        for i, r in enumerate(self.records):
            state = (self.tr("Undone %1").replace("%1", r.undone_at[:16].replace("T", " "))
                     if r.undone_at else self.tr("Can be undone") if r.undoable else "—")
            cells = [str(r.id), r.at[:16].replace("T", " "), self.kinds.get(r.kind, r.kind),
                     r.file, f"{r.added:,}", f"{r.updated:,}", state]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (0, 4, 5):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        if self.records:
            self.table.selectRow(0)
        self._selection_changed()

    def _selected(self) -> import_log.ImportRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        r = self._selected()
        self.undo_button.setEnabled(r is not None and r.undoable)

    def undo_selected(self) -> None:
        r = self._selected()
        if r is not None and undo_with_confirmation(self, self.store, r.id):
            self.undone.emit()
            self.reload()

