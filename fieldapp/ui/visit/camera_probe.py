"""Whether this laptop has a camera: probed once per app session on a thread of its own
(fieldapp.core.camera.list_cameras, which is time-bound), so opening a form never waits for
it. Photo questions show their "Take photo" button when `known` says a camera was found."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from fieldapp.core.camera import Source, list_cameras


class CameraProbe(QObject):
    known = Signal()  # `sources` is set
    _found = Signal(object)  # from the probe's thread, queued to the GUI thread

    def __init__(self, lister: Callable[[], list[Source]] = list_cameras, parent=None):
        super().__init__(parent)
        self._lister = lister
        self.sources: list[Source] | None = None  # None: not known yet
        self._started = False
        self._found.connect(self._take)

    def start(self) -> None:
        """Probe (once); `known` follows on the GUI thread."""
        if self._started:
            return
        self._started = True
        threading.Thread(target=self._run, daemon=True, name="camera probe").start()

    def _run(self) -> None:
        try:
            found = list(self._lister())
        except Exception:  # noqa: BLE001 - a probe that fails finds no camera
            found = []
        try:
            self._found.emit(found)
        except RuntimeError:  # the application has ended meanwhile
            pass

    @Slot(object)
    def _take(self, found: list) -> None:
        self.sources = found
        self.known.emit()

    def available(self) -> bool:
        return bool(self.sources)


_shared: CameraProbe | None = None


def camera_probe() -> CameraProbe:
    """The session's probe (started by the first photo question)."""
    global _shared
    if _shared is None:
        _shared = CameraProbe(parent=QCoreApplication.instance())
    return _shared
