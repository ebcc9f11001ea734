"""What the dialogs that write a file have in common (coverage report, verification sheets): a
"Save to" line with Browse…, a status line, Generate / Open / [more] / Close, and the job run on
a worker thread whose cancel or failure ends in the status line or an error dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.progress import Cancelled

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.reports.sheets_print import open_in_viewer


def _t(text: str) -> str:
    return QCoreApplication.translate("OutputDialog", text)


class OutputDialog(QDialog):
    """Subclasses build their own form rows, then call `finish(form, extra_buttons)`, and
    implement `browse()` and `generate()` (with `run_job`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result_path: Path | None = None
        self.output = QLineEdit()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.generate_button = QPushButton(_t("Generate"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.open_button = QPushButton(_t("Open"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: open_in_viewer(self.result_path))

    def output_row(self) -> QHBoxLayout:
        browse = QPushButton(_t("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        return row

    def finish(self, form: QFormLayout, extra_buttons: tuple[QPushButton, ...] = ()) -> None:
        """The "Save to" row under the subclass's form, the status line and the buttons."""
        form.addRow(_t("Save to:"), self.output_row())
        close = QPushButton(_t("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        for b in (self.open_button, *extra_buttons):
            buttons.addWidget(b)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def run_job(self, text: str, job: Callable[[Callable[[int, int], bool]], Any],
                error_title: str) -> Any | None:
        """The job's result, or None after a cancel (said in the status line) or a failure
        (said in a dialog)."""
        try:
            return JobRunner(self).run(text, job)
        except Cancelled:
            self.status.setText(_t("Cancelled. No file was written."))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, error_title)
        return None

    def browse(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def generate(self) -> bool:  # pragma: no cover - every subclass has its own
        raise NotImplementedError
