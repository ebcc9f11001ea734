"""Run a long job — a plain function taking progress(done, total) -> bool — on a worker thread
behind a progress dialog with a Cancel button. The job itself guarantees that a cancel leaves
the database as it was (one transaction); here we only carry progress and the cancel request
across threads and hand back the result or the exception on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Job = Callable[[Callable[[int, int], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self.cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel.is_set()

    def run(self) -> None:
        try:
            self.result = self.job(self._progress)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            self.error = exc
        finally:
            self.finished.emit()


class JobRunner(QObject):
    """`JobRunner(parent).run(text, job)` blocks (with a live event loop) until the job ends."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.cancelled = False

    def run(self, text: str, job: Job, *, cancel_text: str | None = None) -> Any:
        dialog = QProgressDialog(text, cancel_text or self.tr("Cancel"), 0, 0, self.parent_widget)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(200)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        self.dialog = dialog
        worker = _Worker(job)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        loop = QEventLoop()
        worker.finished.connect(loop.quit, Qt.QueuedConnection)
        worker.progressed.connect(self._show, Qt.QueuedConnection)
        dialog.canceled.connect(worker.cancel.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling…")))
        thread.start()
        try:
            loop.exec()
        finally:
            thread.quit()
            thread.wait()
            self.cancelled = worker.cancel.is_set()
            dialog.close()
            dialog.deleteLater()
            self.dialog = None
        if worker.error is not None:
            raise worker.error
        return worker.result

    def _show(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
