"""核验已打印的核查表: a field that takes what a USB QR scanner types (it types like a keyboard
and ends with Enter), and the answer: the page still matches the database, or what changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.reports.errors import PayloadError
from fieldapp.reports.verify import STATUS_ZH, VerifyResult, verify

OK_STYLE = "QLabel { background: #e3f4e1; color: #1b5e20; padding: 8px; }"
BAD_STYLE = "QLabel { background: #fdecea; color: #8e1b10; padding: 8px; }"


class VerifyDialog(QDialog):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.result: VerifyResult | None = None
        self.setWindowTitle(self.tr("Verify a printed sheet"))
        intro = QLabel(self.tr(
            "Scan the QR code at the top right of a printed page with the scanner, or type the "
            "check code printed at the bottom left, then press Enter."))
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Scan here"))
        # A scanner types like a keyboard: keep the input method (pinyin) out of its way.
        self.code.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.code.setClearButtonEnabled(True)
        self.code.returnPressed.connect(self.check)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.changes = QListWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(self.answer)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def check(self) -> VerifyResult | None:
        text = self.code.text()
        self.changes.clear()
        try:
            res = verify(self.store, text)
        except PayloadError as exc:
            self.result = None
            self._show(False, exc.message)
            return None
        self.result = res
        self._show(res.ok, res.message, STATUS_ZH.get(res.status, ""))
        for change in res.changes + res.added:
            self.changes.addItem(change.text())
        self.code.selectAll()  # the next scan replaces this one
        return res

    def _show(self, ok: bool, message: str, status: str = "") -> None:
        head = status or (self.tr("Matches the database") if ok else self.tr("Does not match"))
        self.answer.setText(f"<b>{head}</b><br>{message}")
        self.answer.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
