"""核验已打印的核查表: a field that takes what a USB QR scanner types (it types like a keyboard
and ends with Enter), and the answer: the page still matches the database, or what changed.

Made for a scanner: Enter checks and never closes the dialog, the answer shows in colour and is
heard (one beep: matches; three: does not), and the next scan replaces the last one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.reports.errors import PayloadError
from fieldapp.reports.verify import VerifyResult, verify
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.widgets.screen_fit import fit_to_screen

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
        for button in buttons.buttons():  # Enter from the scanner must not press Close
            button.setAutoDefault(False)
            button.setDefault(False)
        self.beeps = 0  # sounds given for the last answer (tests read it)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(self.answer)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 460)

    def check(self) -> VerifyResult | None:
        text = self.code.text()
        self.changes.clear()
        try:
            res = verify(self.store, text)
        except PayloadError as exc:
            self.result = None
            self._show(False, exc.text(form_language()))
            return None
        self.result = res
        language = form_language()  # the window's language
        self._show(res.ok, res.text(language), res.status_text(language))
        for change in res.changes + res.added:
            self.changes.addItem(change.text(language))
        return res

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            return  # a scan ends with Enter: keep the dialog and its answer on screen
        super().keyPressEvent(event)

    def _show(self, ok: bool, message: str, status: str = "") -> None:
        head = status or (self.tr("Matches the database") if ok else self.tr("Does not match"))
        self.answer.setText(f"<span style='font-size: 18px'><b>{head}</b></span><br>{message}")
        self.answer.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self._sound(1 if ok else 3)
        self.code.setFocus()
        self.code.selectAll()  # the next scan replaces this one

    def _sound(self, times: int) -> None:
        self.beeps = times
        for i in range(times):
            QTimer.singleShot(180 * i, QApplication.beep)
