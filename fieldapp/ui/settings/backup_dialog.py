"""File → Backups and restore…: the automatic backups of the open database (newest first), what
each holds, a backup to a file of the user's choice (a USB stick), and a restore from either —
after a confirmation that says what will replace what. The work is the jobs in fieldapp.jobs.backups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fieldapp.core.progress import Cancelled
from fieldapp.jobs.backups import back_up, restore
from fieldapp.store.backups import backup as B
from fieldapp.store.backups.content import DatabaseContent, database_content

from fieldapp.ui.widgets.errors import describe, show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.widgets.screen_fit import fit_to_screen


class BackupDialog(QDialog):
    """`restored(path)` is emitted after a restore (the main window reopens the database)."""

    restored = Signal(str)

    def __init__(self, db_path: str | Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle(self.tr("Backups and restore"))
        fit_to_screen(self, 860, 520)
        self.reasons = {"start": self.tr("When opened"), "import": self.tr("Before an import"),
                        "merge": self.tr("Before a merge"),
                        "before_restore": self.tr("Before a restore"),
                        "undo_import": self.tr("Before undoing an import"),
                        "manual": self.tr("By hand")}
        where = QLabel(self.tr("Database: %1\nAutomatic backups: %2")
                       .replace("%1", str(self.db_path))
                       .replace("%2", str(B.default_folder(self.db_path))))
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        where.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Made at"), self.tr("Why"),
                                              self.tr("Size")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.itemDoubleClicked.connect(lambda _i: self.restore_selected())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.backup_button = QPushButton(self.tr("Back up to a file…"))
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        folder_button = QPushButton(self.tr("Open the backup folder"))
        self.backup_button.clicked.connect(self.backup_to_file)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        folder_button.clicked.connect(self._open_folder)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.restore_file_button,
                  folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    # ----- the list ----------------------------------------------------------------------
    def reload(self) -> None:
        self.backups = B.list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            self.table.setItem(i, 0, QTableWidgetItem(f"{b.created:%Y-%m-%d %H:%M:%S}"))
            self.table.setItem(i, 1, QTableWidgetItem(self.reasons.get(b.reason, b.reason)))
            size = QTableWidgetItem(f"{b.size / 1e6:,.1f} MB")
            size.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(i, 2, size)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        if self.backups:
            self.table.selectRow(0)
        else:
            self.details.setText(self.tr("No automatic backups yet. One is made each time the "
                                         "database is opened and before every import or merge."))
        self.restore_button.setEnabled(bool(self.backups))

    def _selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def _show_selected(self) -> None:
        path = self._selected()
        if path is None:
            return
        try:
            self.details.setText(self._describe(database_content(path)))
        except Exception as exc:  # noqa: BLE001 - a damaged backup is shown as such
            self.details.setText(describe(exc))

    def _describe(self, c: DatabaseContent) -> str:
        role = {"county": self.tr("county office"), "township": self.tr("township laptop")}
        return (self.tr("%1 (%2): %3 households, %4 visits; last change %5")
                .replace("%1", c.county_name or c.county_code)
                .replace("%2", role.get(c.role, c.role))
                .replace("%3", f"{c.households:,}").replace("%4", f"{c.visits:,}")
                .replace("%5", _when(c.last_change_at)))

    def _open_folder(self) -> None:
        folder = B.default_folder(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ----- backup --------------------------------------------------------------------------
    def backup_to_file(self) -> None:
        suggested = Path.home() / f"{self.db_path.stem}-备份-{datetime.now():%Y%m%d-%H%M}.sqlite"
        dest, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up to a file"), str(suggested),
            self.tr("fieldapp database (*.sqlite)"))
        if not dest:
            return
        try:  # the file dialog has already asked before replacing a file
            done = JobRunner(self).run(self.tr("Backing up…"), lambda progress: back_up(
                self.db_path, dest, overwrite=True, progress=progress).path)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, self.tr("Cannot back up"))
            return
        QMessageBox.information(self, self.windowTitle(),
                                self.tr("Backed up to %1").replace("%1", str(done)))

    # ----- restore -------------------------------------------------------------------------
    def restore_selected(self) -> None:
        path = self._selected()
        if path is not None:
            self.restore(path)

    def restore_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), str(Path.home()),
            self.tr("fieldapp database (*.sqlite);;All files (*)"))
        if path:
            self.restore(Path(path))

    def restore(self, backup: Path) -> bool:
        try:
            content = database_content(backup)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot restore"))
            return False
        try:
            current = database_content(self.db_path)
        except Exception:  # noqa: BLE001 - damaged: that is why the user restores
            current = None
        text = self.tr("Replace the database with this backup?\n\nBackup: %1\n%2\n\n"
                       "The database as it is now is backed up first, so this can be undone "
                       "by restoring that backup.").replace("%1", str(backup)) \
            .replace("%2", self._describe(content))
        if current is not None:
            text += "\n\n" + self.tr("Now: %1").replace("%1", self._describe(current))
            if not content.same_device(current):
                text += "\n\n" + self.tr("Warning: this backup was made on another computer.")
        if QMessageBox.question(self, self.tr("Restore"), text,
                                QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) != QMessageBox.Yes:
            return False
        try:
            safety = JobRunner(self).run(self.tr("Restoring…"), lambda progress: restore(
                backup, self.db_path, progress=progress).safety)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, self.tr("Cannot restore"))
            return False
        message = self.tr("Restored from %1.").replace("%1", str(backup))
        if safety:
            message += "\n" + self.tr("The database as it was before is in %1.").replace(
                "%1", str(safety))
        self.restored.emit(str(self.db_path))
        QMessageBox.information(self, self.windowTitle(), message)
        self.reload()
        return True


def _when(iso: str) -> str:
    if not iso:
        return "—"
    try:
        return f"{datetime.fromisoformat(iso).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        return iso

