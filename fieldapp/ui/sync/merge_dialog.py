"""Merge screen: choose bundle files, preview per village (new, updated, unchanged, conflicts),
then merge with progress and cancel (a laptop without a certificate is enrolled in the laptops
dialog, not here). The work is the job
fieldapp.jobs.merge_bundles on a worker thread; this screen only shows it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store.households import queries
from fieldapp.jobs.merge_bundles import merge_bundles, preview_bundles
from fieldapp.sync.passphrase import PASSPHRASE_ENV

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.sync.merge_model import MergePreviewModel, preview_rows
from fieldapp.ui.widgets.screen_fit import fit_to_screen


class MergeDialog(QDialog):
    merged = Signal()

    def __init__(self, store, parent: QWidget | None = None, files: list[str] | None = None):
        super().__init__(parent)
        self.store = store
        self._names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Merge sync bundles"))
        fit_to_screen(self, 980, 600)

        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.files.setMaximumHeight(110)
        add = QPushButton(self.tr("Add bundles…"))
        add.clicked.connect(self.choose_files)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_selected)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.files, 1)
        top.addLayout(side)

        self.passphrase = QLineEdit(os.environ.get(PASSPHRASE_ENV, ""))
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase of this database's private key"))
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.passphrase)

        self.model = MergePreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)

        self.summary = QLabel(self.tr("Add bundle files, then preview."))
        self.summary.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.preview_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.AcceptRole)
        self.merge_button.clicked.disconnect()
        self.merge_button.clicked.connect(self.merge)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        for f in files or []:
            self.files.addItem(f)

    # ----- files ---------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose sync bundles"), "",
            self.tr("Sync bundles (*.fab);;All files (*)"))
        for p in paths:
            if p not in self.paths():
                self.files.addItem(p)
        self.merge_button.setEnabled(False)

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.merge_button.setEnabled(False)

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def _village_name(self, code: str) -> str:
        if code not in self._names:
            area = queries.area(self.store, code)
            self._names[code] = f"{area['name']} ({code})" if area else code
        return self._names[code]

    # ----- preview and merge ------------------------------------------------------------------
    def preview(self) -> bool:
        files = self.paths()
        if not files:
            self.summary.setText(self.tr("Add bundle files first."))
            return False

        passphrase = self.passphrase.text()
        try:
            result = JobRunner(self).run(self.tr("Checking bundles…"), lambda progress: (
                preview_bundles(self.store, files, passphrase, progress=progress)))
        except Exception as exc:  # noqa: BLE001 - shown to the user in one sentence
            show_error(self, exc)
            return False
        self.model.set_rows(preview_rows(result.reports, result.rejected, self._village_name))
        t = self.model.totals()
        self.summary.setText(
            self.tr("Preview: %1 bundles can be merged, %2 rejected. New %3, updated %4, "
                    "unchanged %5, conflicts %6.")
            .replace("%1", str(len(result.reports))).replace("%2", str(len(result.rejected)))
            .replace("%3", str(t["new"])).replace("%4", str(t["updated"]))
            .replace("%5", str(t["unchanged"])).replace("%6", str(t["conflicts"])))
        self.merge_button.setEnabled(bool(result.reports))
        return True

    def merge(self) -> None:
        files = self.paths()

        passphrase = self.passphrase.text()
        try:
            result = JobRunner(self).run(self.tr("Merging bundles…"), lambda progress: (
                merge_bundles(self.store, files, passphrase, progress=progress)))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            self.merged.emit()  # bundles before a cancel or error stay merged
            return
        self.model.set_rows(preview_rows(result.reports, result.rejected, self._village_name))
        data = result.as_json()
        self.summary.setText(
            self.tr("Merged %1 bundles: %2 changes written, %3 new conflicts, %4 possible "
                    "duplicate households, %5 rejected, %6 changes refused (outside the "
                    "laptop's authority; listed in the report).")
            .replace("%1", str(data["bundles"])).replace("%2", str(data["applied"]))
            .replace("%3", str(data["conflicts"])).replace("%4", str(data["duplicates"]))
            .replace("%5", str(len(data["rejected"])))
            .replace("%6", str(len(data["refused_changes"]))))
        self.merge_button.setEnabled(False)
        self.merged.emit()


def file_label(path: str) -> str:
    return Path(path).name
