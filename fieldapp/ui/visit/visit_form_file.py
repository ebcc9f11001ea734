"""audio, video and file questions: attach a file (a file dialog), shown with its name and
size, removable. The file is stored like a photo (fieldapp.core.attached_files says which files
each type takes and how large)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from fieldapp.ui.visit.visit_form_editors import AttachedEditor


class FileEditor(AttachedEditor):
    """`choose()` returns the sha256 of a stored file (None: nothing chosen); `describe(sha)`
    its (name, size text), None when it is not in the database."""

    def __init__(self, kind: str, choose: Callable[[], str | None],
                 describe: Callable[[str], tuple[str, str] | None], parent=None):
        super().__init__(parent)
        self.kind = kind
        self._choose, self._describe = choose, describe
        self.info = QLabel(self)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        words = {"audio": self.tr("Choose recording…"), "video": self.tr("Choose video…"),
                 "file": self.tr("Choose file…")}
        self.pick_button = QPushButton(words[kind], self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setFocusPolicy(Qt.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pick_button)
        layout.addWidget(self.info, 1)
        layout.addWidget(self.remove_button)
        self._connect(self.pick_button)
        self.set_value(None)

    def set_value(self, value) -> None:
        self.value = value or None
        self.remove_button.setVisible(self.value is not None)
        if self.value is None:
            self.info.setText(self.tr("No file attached"))
            self.info.setStyleSheet("color: #666;")
            return
        described = self._describe(self.value)
        if described is None:
            self.info.setText(self.tr("The attached file is missing from the database"))
            self.info.setStyleSheet("color: #c0392b;")
        else:
            self.info.setText(f"{described[0]} · {described[1]}")
            self.info.setStyleSheet("")

    def set_read_only(self, read_only: bool) -> None:
        self.pick_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
