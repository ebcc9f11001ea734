"""Conflict screen: open field conflicts (keep ours, take theirs, or type a value) and possible
duplicate households (merge into one, keeping both visit histories, or dismiss). Decisions go
through fieldapp.sync.conflicts / duplicates (change log + audit log)."""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync import conflicts, duplicates

from fieldapp.ui.sync.conflict_model import ConflictModel, DuplicateModel, show_value
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.screen_fit import fit_to_screen


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ConflictDialog(QDialog):
    changed = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conflicts and duplicate households"))
        fit_to_screen(self, 1000, 560)
        self.tabs = QTabWidget()

        self.conflict_model = ConflictModel(self)
        self.conflict_view = _table(self.conflict_model)
        self.show_resolved = QCheckBox(self.tr("Show resolved"))
        self.show_resolved.toggled.connect(self.reload)
        self.keep_ours = QPushButton(self.tr("Keep ours"))
        self.take_theirs = QPushButton(self.tr("Take theirs"))
        self.edit_value = QPushButton(self.tr("Set value…"))
        self.keep_ours.clicked.connect(lambda: self.resolve("ours"))
        self.take_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.edit_value.clicked.connect(lambda: self.resolve("value"))
        row = QHBoxLayout()
        row.addWidget(self.show_resolved)
        row.addStretch(1)
        for b in (self.keep_ours, self.take_theirs, self.edit_value):
            row.addWidget(b)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self.conflict_view, 1)
        lay.addLayout(row)
        self.tabs.addTab(page, "")

        self.dup_model = DuplicateModel(self)
        self.dup_view = _table(self.dup_model)
        self.keep_a = QPushButton(self.tr("Merge, keep A"))
        self.keep_b = QPushButton(self.tr("Merge, keep B"))
        self.not_dup = QPushButton(self.tr("Not the same household"))
        self.keep_a.clicked.connect(lambda: self.merge_pair(keep_a=True))
        self.keep_b.clicked.connect(lambda: self.merge_pair(keep_a=False))
        self.not_dup.clicked.connect(self.dismiss_pair)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        for b in (self.keep_a, self.keep_b, self.not_dup):
            row2.addWidget(b)
        page2 = QWidget()
        lay2 = QVBoxLayout(page2)
        lay2.addWidget(self.dup_view, 1)
        lay2.addLayout(row2)
        self.tabs.addTab(page2, "")

        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.conflict_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.dup_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        status = None if self.show_resolved.isChecked() else "open"
        self.conflict_model.set_rows(conflicts.list_conflicts(self.store, status=status))
        self.dup_model.set_rows(duplicates.list_duplicates(self.store))
        open_n = sum(1 for r in self.conflict_model.rows if r["status"] == "open")
        self.tabs.setTabText(0, self.tr("Field conflicts (%1)").replace("%1", str(open_n)))
        self.tabs.setTabText(1, self.tr("Possible duplicates (%1)")
                             .replace("%1", str(len(self.dup_model.rows))))
        self._update_buttons()

    def _selected(self, view, model):
        rows = view.selectionModel().selectedRows()
        return model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_):
        c = self._selected(self.conflict_view, self.conflict_model)
        can = bool(c and c["status"] == "open")
        for b in (self.keep_ours, self.take_theirs, self.edit_value):
            b.setEnabled(can)
        d = self._selected(self.dup_view, self.dup_model) is not None
        for b in (self.keep_a, self.keep_b, self.not_dup):
            b.setEnabled(d)

    def resolve(self, keep: str, value=None) -> None:
        c = self._selected(self.conflict_view, self.conflict_model)
        if c is None:
            return
        if keep == "value" and value is None:
            text, ok = QInputDialog.getText(
                self, self.tr("Set value"),
                self.tr("New value of %1:").replace("%1", self.conflict_model.field_label(
                    c["field"])), text=show_value(c["ours"]))
            if not ok:
                return
            value = _parse(text, c["ours"])
        try:
            res = conflicts.resolve(self.store, c["id"], keep, value=value)
        except Exception as exc:  # noqa: BLE001 - one sentence to the user
            show_error(self, exc)
            return
        self.status.setText(self.tr("Conflict %1 resolved: %2")
                            .replace("%1", str(c["id"])).replace("%2", show_value(res["value"])))
        self.reload()
        self.changed.emit()

    def merge_pair(self, *, keep_a: bool) -> None:
        d = self._selected(self.dup_view, self.dup_model)
        if d is None:
            return
        keep, drop = ((d["household_a"], d["household_b"]) if keep_a
                      else (d["household_b"], d["household_a"]))
        try:
            moved = duplicates.merge_households(self.store, keep, drop)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.status.setText(self.tr("Merged into one household; %1 visits moved.")
                            .replace("%1", str(moved)))
        self.reload()
        self.changed.emit()

    def dismiss_pair(self) -> None:
        d = self._selected(self.dup_view, self.dup_model)
        if d is None:
            return
        try:
            duplicates.dismiss(self.store, d["household_a"], d["household_b"])
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.reload()


def _parse(text: str, like):
    """A typed value: a number stays a number when the current value is one."""
    if isinstance(like, (int, float)) and not isinstance(like, bool):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
