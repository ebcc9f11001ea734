"""Pages of the register import wizard (import_wizard.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from fieldapp.core.errors import FieldappError
from fieldapp.core.progress import Cancelled
from fieldapp.core.register_columns import FIELDS, REQUIRED, layout_at
from fieldapp.core.register_rows import cell_text
from fieldapp.core.register_rows import column_letter
from fieldapp.tabular.read import read_table
from fieldapp.jobs.register_import import find_layout, write_rejects

from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.background import run_in_background
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner

PREVIEW_ROWS = 40


def _sheets_of(path: str) -> list[str]:
    from fieldapp.tabular.read import sheet_names

    try:
        return sheet_names(path)
    except FieldappError:  # reported when the user goes on
        return []

HEADER_BG = QBrush(QColor("#fff3c4"))


class SourcePage(QWizardPage):
    def __init__(self, villages, path: str = ""):
        super().__init__()
        self.setTitle(self.tr("Choose the register file"))
        self.setSubTitle(self.tr("An .xlsx, .xls or .csv file (UTF-8, UTF-16, GBK or Big5) as "
                                 "the village or the police registry gave it."))
        self.path = QLineEdit(path)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheet = QComboBox()
        self.villages = QComboBox()
        self.villages.addItem(self.tr("Village named in each row"), None)
        for v in villages:  # each township, then its villages indented
            indent = "    " if v.level == "village" else ""
            self.villages.addItem(f"{indent}{v.name}（{v.code}）", v.code)
        self.villages.setEditable(True)
        self.villages.setInsertPolicy(QComboBox.NoInsert)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("All rows belong to"), self.villages)
        self.path.textChanged.connect(self._path_changed)
        self.path.textChanged.connect(self.completeChanged)
        self._path_changed(path)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a household register"), self.path.text(),
            self.tr("Registers (*.xlsx *.xls *.csv);;All files (*)"))
        if path:
            self.path.setText(path)

    def _path_changed(self, path: str) -> None:
        """List the workbook's sheets, read off the GUI thread (the file may be slow or hostile);
        an answer for a path no longer typed is dropped, a failure is reported on Next."""
        self.sheet.clear()
        path = path.strip()
        if path and Path(path).is_file():
            run_in_background(self, lambda: _sheets_of(path),
                              lambda names: self._sheets_read(path, names))

    def _sheets_read(self, path: str, names: list[str]) -> None:
        if path == self.path.text().strip() and self.sheet.count() == 0:
            self.sheet.addItems(names)

    def village(self) -> str | None:
        return self.villages.currentData()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        path, sheet = self.path.text().strip(), self.sheet.currentText() or None
        try:  # off the GUI thread: Cancel returns at once, however slow the file
            wizard.table = JobRunner(self).run(self.tr("Reading the register…"),
                                               lambda _progress: read_table(path, sheet),
                                               read_only=True)
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001 - shown as a dialog
            show_error(self, exc, self.tr("Cannot read the file"))
            return False
        return True


class MappingPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Header row and columns"))
        self.setSubTitle(self.tr("Check the detected header row and which column holds what. "
                                 "Rows are numbered as in Excel."))
        self.header = QSpinBox()
        self.header.setRange(1, 1)
        self.header.valueChanged.connect(self._header_changed)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        labels = self.field_labels()
        for i, f in enumerate(FIELDS):
            combo = QComboBox()
            self.combos[f] = combo
            text = labels[f] + (" *" if f in REQUIRED else "")
            grid.addWidget(QLabel(text), i // 4, (i % 4) * 2)
            grid.addWidget(combo, i // 4, (i % 4) * 2 + 1)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Header row")))
        top.addWidget(self.header)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(grid)

    def field_labels(self) -> dict[str, str]:
        return {"township": self.tr("Township"), "village": self.tr("Village"),
                "village_code": self.tr("Village code"), "group_no": self.tr("Group"),
                "head_name": self.tr("Head of household"), "relation": self.tr("Relation to head"),
                "id_number": self.tr("ID number"), "phone": self.tr("Phone"),
                "size": self.tr("Family size"), "address": self.tr("Address"),
                "notes": self.tr("Notes")}

    def initializePage(self) -> None:
        table = self.wizard().table
        rows = table.rows[:PREVIEW_ROWS]
        width = max((len(r) for r in rows), default=0)
        self.preview.clear()
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(width)
        self.preview.setHorizontalHeaderLabels([column_letter(i) for i in range(width)])
        self.preview.setVerticalHeaderLabels([str(i + 1) for i in range(len(rows))])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(cell_text(value)))
        try:
            detected = find_layout(table)
        except Exception:  # noqa: BLE001 - no header found: the user picks the row
            detected = layout_at(table.rows, 0)
        self.header.blockSignals(True)
        self.header.setRange(1, max(1, min(len(table.rows), PREVIEW_ROWS)))
        self.header.setValue(detected.header_row + 1)
        self.header.blockSignals(False)
        self._apply(detected)

    def _header_changed(self, value: int) -> None:
        self._apply(layout_at(self.wizard().table.rows, value - 1))

    def _apply(self, layout) -> None:
        self.wizard().layout_ = layout
        header = layout.headers
        width = max(self.preview.columnCount(), len(header))
        for r in range(self.preview.rowCount()):
            for c in range(self.preview.columnCount()):
                item = self.preview.item(r, c)
                if item is not None:
                    item.setBackground(HEADER_BG if r == layout.header_row else QBrush())
        if 0 <= layout.header_row < self.preview.rowCount():
            self.preview.scrollToItem(self.preview.item(layout.header_row, 0) or
                                      QTableWidgetItem(), QAbstractItemView.PositionAtTop)
        for f, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr("— not imported —"), -1)
            for c in range(width):
                name = cell_text(header[c]) if c < len(header) else ""
                combo.addItem(f"{column_letter(c)}: {name}" if name else column_letter(c), c)
            combo.setCurrentIndex(combo.findData(layout.columns.get(f, -1)))

    def validatePage(self) -> bool:
        columns = {f: combo.currentData() for f, combo in self.combos.items()}
        if any(columns.get(f, -1) < 0 for f in REQUIRED):
            QMessageBox.warning(self, self.title(),
                                self.tr("Choose the column with the head of household's name."))
            return False
        wizard = self.wizard()
        wizard.layout_ = wizard.layout_.with_columns(columns)
        return True


class CheckPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Nothing has been written yet. Rejected rows are not imported; "
                                 "fix them in the file and import it again."))
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Kind"),
                                                 self.tr("Reason")])
        self.problems.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.save = QPushButton(self.tr("Save rejected rows…"))
        self.save.clicked.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        layout.addLayout(row)

    def initializePage(self) -> None:
        r = self.wizard().dry_run()
        self.problems.setRowCount(0)
        if r is None:
            self.summary.setText(self.tr("The check did not finish."))
            self.save.setEnabled(False)
            return
        self.summary.setText(summary_text(self, r))
        items = [(p, self.tr("Rejected")) for p in r.rejected] + \
                [(p, self.tr("Warning")) for p in r.warnings]
        items.sort(key=lambda x: x[0].row)
        self.problems.setRowCount(len(items))
        for i, (p, kind) in enumerate(items):
            row_item = QTableWidgetItem()
            row_item.setData(Qt.DisplayRole, p.row)
            self.problems.setItem(i, 0, row_item)
            self.problems.setItem(i, 1, QTableWidgetItem(kind))
            self.problems.setItem(i, 2, QTableWidgetItem(p.text(form_language())))
        self.save.setEnabled(bool(r.rejected or r.warnings))

    def isComplete(self) -> bool:
        return self.wizard().check is not None

    def _save(self) -> None:
        save_rejects(self, self.wizard().check)

    def validatePage(self) -> bool:
        return self.wizard().run_import() is not None


class DonePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Import finished"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.undo = QPushButton(self.tr("Undo this import…"))
        self.undo.clicked.connect(self._undo)
        self.save = QPushButton(QCoreApplication.translate("CheckPage", "Save rejected rows…"))
        self.save.clicked.connect(lambda: save_rejects(self, self.wizard().result))
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addWidget(self.save)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        r = self.wizard().result
        self.text.setText(summary_text(self, r) if r else "")
        self.undo.setEnabled(bool(r and r.import_id and (r.added or r.updated)))
        self.save.setEnabled(bool(r and (r.rejected or r.warnings)))

    def _undo(self) -> None:
        from fieldapp.ui.register.import_history import undo_with_confirmation

        wizard = self.wizard()
        if undo_with_confirmation(self, wizard.store, wizard.result.import_id):
            self.undo.setEnabled(False)
            self.text.setText(self.text.text() + "\n\n" + self.tr("This import has been undone."))
            wizard.imported.emit()


def save_rejects(page: QWizardPage, result) -> None:
    """Save the rejected rows (and warnings) of a check or an import as a workbook."""
    path, _ = QFileDialog.getSaveFileName(
        page, QCoreApplication.translate("CheckPage", "Save rejected rows"), "未导入的行.xlsx",
        QCoreApplication.translate("CheckPage", "Excel workbook (*.xlsx)"))
    if path:
        try:
            write_rejects(path, page.wizard().table, result)
        except Exception as exc:  # noqa: BLE001
            show_error(page, exc, QCoreApplication.translate("CheckPage", "Cannot save"))


def summary_text(page: QWizardPage, r) -> str:
    return (QCoreApplication.translate("ImportRegisterWizard", "Header in row %1. New households: %2, updated: %3, unchanged: %4, "
                    "rejected rows: %5, warnings: %6, blank or total rows skipped: %7.")
            .replace("%1", str(r.header_row)).replace("%2", str(r.added))
            .replace("%3", str(r.updated)).replace("%4", str(r.unchanged))
            .replace("%5", str(len(r.rejected))).replace("%6", str(len(r.warnings)))
            .replace("%7", str(r.blank)))
