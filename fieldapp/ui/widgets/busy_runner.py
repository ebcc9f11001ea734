"""Run one blocking job (create keys, import a reference bundle) off the GUI thread behind a
busy dialog, and hand back its result or raise its exception on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


class _Worker(QObject):
    finished = Signal()

    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            self.error = exc
        finally:
            self.finished.emit()


def run_busy(parent: QWidget | None, text: str, fn: Callable[[], Any]) -> Any:
    """Call fn() on a worker thread while a busy dialog shows `text`; the job cannot be
    cancelled half-way (it is one transaction, or removes its file on failure)."""
    busy = QProgressDialog(text, "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModal)
    busy.setMinimumDuration(300)
    worker = _Worker(fn)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    loop = QEventLoop()
    worker.finished.connect(loop.quit, Qt.QueuedConnection)
    QApplication.setOverrideCursor(Qt.WaitCursor)
    thread.start()
    try:
        loop.exec()
    finally:
        thread.quit()
        thread.wait()
        QApplication.restoreOverrideCursor()
        busy.close()
        busy.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
