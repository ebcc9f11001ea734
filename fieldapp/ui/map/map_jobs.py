"""Run a long map job (checks, import, export) off the GUI thread behind a cancellable progress
dialog. The job is a plain function `fn(store, progress) -> result` from fieldapp.geo; the worker
opens its own connection to the database, so the GUI's connection is never shared across threads.
Results and errors come back to the GUI thread as queued signals.

A read-only job (reading and matching a boundary or points file from outside) is cancelled at
once, even while it is inside a slow file: `cancelled` is sent, the read ends by itself on its
thread and its result is dropped. A job started with `dialog=False` shows no progress dialog:
its window shows that it is waiting and stays usable (the drawing window reading the map)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from fieldapp.store import Store


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, path, fn, readonly: bool):
        super().__init__()
        self.path, self.fn, self.readonly = path, fn, readonly
        self.cancelled = False

    def run(self) -> None:
        try:
            with Store.open(self.path, readonly=self.readonly) as store:
                result = self.fn(store, self._progress)
            self.done.emit(result)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(exc)

    def _progress(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self.cancelled


class Job(QObject):
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception (not sent for a cancel)
    cancelled = Signal()

    def __init__(self, parent, label: str, path, fn, *, readonly: bool = True,
                 dialog: bool = True):
        super().__init__(parent)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 1000, parent) if dialog else None
        if self.dialog is not None:
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.worker = _Worker(path, fn, readonly)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)  # bound GUI-thread methods: queued calls
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.running = False
        self.abandoned = False

    def start(self) -> None:
        self.running = True
        self.thread.start()

    def wait(self, ms: int = 60000) -> None:
        """Block until the worker ends (tests); its result still arrives as a queued signal."""
        self.thread.wait(ms)

    @Slot()
    def cancel(self) -> None:
        """Stop waiting for the job (Cancel pressed, or its window closed)."""
        self.worker.cancelled = True  # a plain flag the job reads between steps
        if self.worker.readonly and self.running and not self.abandoned:
            self.abandoned = True  # lives on (under the application) until its thread ends
            app = QCoreApplication.instance()
            self.setParent(app)
            app.aboutToQuit.connect(self._end_at_quit)  # not destroyed still running at exit
            self.cancelled.emit()

    @Slot()
    def _end_at_quit(self) -> None:
        self.thread.quit()
        self.thread.wait()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setValue(int(1000 * done / max(total, 1)))

    def _finish(self) -> None:
        self.running = False
        self.thread.quit()
        self.thread.wait()
        if self.abandoned:  # its dialog went with the cancel (and maybe with its window)
            self.deleteLater()
            return
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()

    @Slot(object)
    def _done(self, result) -> None:
        self._finish()
        if not self.abandoned:
            self.finished.emit(result)

    @Slot(object)
    def _failed(self, exc) -> None:
        self._finish()
        if self.abandoned:
            return
        if getattr(exc, "code", "") == "cancelled" or isinstance(exc, KeyboardInterrupt):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)
