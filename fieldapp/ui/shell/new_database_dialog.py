"""File → New: pick the county (from the shipped real lists) and where to save."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
    QPushButton,
)

from fieldapp.core.gazetteer import COUNTIES


class NewDatabaseDialog(QDialog):
    def __init__(self, parent=None, directory: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New database"))
        self.county = QComboBox()
        for code, name in COUNTIES.items():
            self.county.addItem(f"{name} ({code})", code)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.surveyor = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Your name"), self.surveyor)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._directory = directory

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), self._directory,
                                              self.tr("fieldapp database (*.sqlite)"))
        if path:
            self.path.setText(path if path.endswith(".sqlite") else path + ".sqlite")

    def _accept(self) -> None:
        if self.path.text().strip():
            self.accept()
        else:
            self.path.setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.path.text().strip(), self.county.currentData(), self.surveyor.text().strip()
