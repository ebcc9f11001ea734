"""Run a long job — a plain function taking progress(done, total) -> bool — on a worker thread
behind a progress dialog with a Cancel button. The job itself guarantees that a cancel leaves
the database as it was (one transaction); here we only carry progress and the cancel request
across threads and hand back the result or the exception on the GUI thread.

A job that only reads (`read_only=True`: a register preview, a basemap check, a file from
outside that may be slow or hostile) need not reach its next progress call to be cancelled:
Cancel returns at once (Cancelled is raised), and the read ends on its own thread, its result
dropped. The GUI thread never waits on the file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldapp.core.progress import Cancelled

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
        self.done = False

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel.is_set()

    def run(self) -> None:
        try:
            self.result = self.job(self._progress)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            self.error = exc
        finally:
            self.done = True
            try:
                self.finished.emit()
            except RuntimeError:  # abandoned, and the runner is gone
                pass


class JobRunner(QObject):
    """`JobRunner(parent).run(text, job)` blocks (with a live event loop) until the job ends."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.cancelled = False

    def run(self, text: str, job: Job, *, cancel_text: str | None = None,
            read_only: bool = False, show_after_ms: int = 200) -> Any:
        """`show_after_ms`: the dialog appears only if the job takes longer than that."""
        dialog = QProgressDialog(text, cancel_text or self.tr("Cancel"), 0, 0, self.parent_widget)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(show_after_ms)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setValue(0)  # starts the show_after_ms clock: a job that reports no progress
        # (a stalled file) still gets its dialog and Cancel (Qt 6 waits for a first value)
        self.dialog = dialog
        worker = _Worker(job)
        thread = threading.Thread(target=worker.run, name="job", daemon=True)
        loop = QEventLoop()
        worker.finished.connect(loop.quit, Qt.QueuedConnection)
        worker.progressed.connect(self._show, Qt.QueuedConnection)
        dialog.canceled.connect(worker.cancel.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling…")))
        if read_only:
            dialog.canceled.connect(loop.quit)
        thread.start()
        try:
            loop.exec()
        finally:
            self.cancelled = worker.cancel.is_set()
            if read_only and self.cancelled and not worker.done:
                # the read ends by itself on its thread; nothing of it reaches us
                worker.progressed.disconnect()
                worker.finished.disconnect()
            else:
                thread.join()
            dialog.close()
            dialog.deleteLater()
            self.dialog = None
        if read_only and self.cancelled:
            raise Cancelled()
        if worker.error is not None:
            raise worker.error
        return worker.result

    def _show(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
