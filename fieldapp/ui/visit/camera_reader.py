"""A camera read on a thread of its own (fieldapp.core.camera, no Qt): the newest frame is kept
for the window to take (`latest()`), older ones are dropped, so a slow window never lags behind
the camera. When the camera cannot be opened or stops sending pictures, `failure` holds what to
say (a Said) and the thread ends. The thread ends on `stop()` too."""

from __future__ import annotations

import threading
from typing import Any

from fieldapp.core.camera import Camera, Source, camera_name
from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode, Said

FRAME_S = 1 / 30  # a video file is read at about a camera's pace


class CameraReader(threading.Thread):
    def __init__(self, source: Source):
        super().__init__(daemon=True, name=f"camera {source}")
        self.source = source
        self.failure: Said | None = None
        self._frame: Any = None
        self._count = 0
        self._lock = threading.Lock()
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()

    def latest(self) -> tuple[int, Any]:
        """(how many frames were read so far, the newest frame or None)."""
        with self._lock:
            return self._count, self._frame

    def run(self) -> None:
        try:
            camera = Camera(self.source)
        except FieldappError as exc:
            self.failure = _said(exc, self.source)
            return
        try:
            while not self._stop_event.is_set():
                frame = camera.read()
                with self._lock:
                    self._frame, self._count = frame, self._count + 1
                if isinstance(self.source, str):
                    self._stop_event.wait(FRAME_S)
        except FieldappError as exc:
            self.failure = _said(exc, self.source)
        except Exception:  # noqa: BLE001 - a driver error ends the preview with a message
            self.failure = Said(ErrorCode.CAMERA_LOST, camera=camera_name(self.source))
        finally:
            camera.close()


def _said(exc: FieldappError, source: Source) -> Said:
    return Said(exc.entry, **exc.params) if exc.entry is not None else Said(
        ErrorCode.CAMERA_LOST, camera=camera_name(source))
