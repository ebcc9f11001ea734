"""Cameras for photo questions, through OpenCV's VideoCapture (V4L2 on Linux, MSMF on Windows);
no Qt. A source is a camera index (0, 1, …) or, for tests and demonstrations, a video file
path, which VideoCapture reads the same way.

`list_cameras()` probes indexes 0–3 within a time bound (a camera driver that hangs does not
hold the caller); `Camera(source)` opens one and reads frames (BGR numpy arrays); `photo_jpeg`
turns a frame into the JPEG that is stored (no EXIF, long side at most MAX_SIDE, at most the
attachment size limit) and `thumbnail_jpeg` into its thumbnail. cv2 is imported only when a
camera is used, so the app starts without paying for it."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from fieldapp.core.attached_files import MAX_ATTACHMENT_BYTES
from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode

Source = int | str
PROBE_INDEXES = range(4)
PROBE_SECONDS = 5.0  # all indexes together (MSMF can take seconds); a later camera is not offered
MAX_SIDE = 2048
THUMB_SIDE = 192
QUALITIES = (85, 75, 60, 45)  # tried in turn until the photo fits the attachment limit


class CameraError(FieldappError):
    code = "camera"


def _cv2():
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")  # no driver chatter on the console
    try:
        import cv2
    except ImportError:
        raise CameraError(ErrorCode.CAMERA_NO_OPENCV) from None
    return cv2


def camera_name(source: Source) -> str:
    """How a source is named in messages: its number (1-based) or the file's name."""
    return f"#{source + 1}" if isinstance(source, int) else Path(source).name


def _probe_one(cv2, index: int) -> bool:
    capture = cv2.VideoCapture(index)
    try:
        return bool(capture.isOpened() and capture.read()[0])
    finally:
        capture.release()


def list_cameras(indexes=PROBE_INDEXES, seconds: float = PROBE_SECONDS) -> list[Source]:
    """The camera indexes that open and give a frame within `seconds` (each probed on a
    thread of its own, so a hanging driver costs the time bound and no more)."""
    try:
        cv2 = _cv2()
    except CameraError:
        return []
    found: dict[int, bool] = {}

    def probe(index: int) -> None:
        try:
            found[index] = _probe_one(cv2, index)
        except Exception:  # noqa: BLE001 - a driver that fails is no camera
            found[index] = False

    threads = [threading.Thread(target=probe, args=(i,), daemon=True, name=f"camera probe {i}")
               for i in indexes]
    for thread in threads:
        thread.start()
    deadline = threading.Event()
    timer = threading.Timer(seconds, deadline.set)
    timer.start()
    for thread in threads:
        while thread.is_alive() and not deadline.is_set():
            thread.join(0.05)
    timer.cancel()
    return [i for i in indexes if found.get(i)]


class Camera:
    """An open camera (or video file); `read()` gives the next frame, CameraError when the
    camera fails or is gone. A video file that ends starts again (tests read it for ever)."""

    def __init__(self, source: Source):
        self.source = source
        self._cv2 = _cv2()
        self._capture = self._cv2.VideoCapture(source)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraError(ErrorCode.CAMERA_OPEN, camera=camera_name(source))

    def read(self) -> Any:
        ok, frame = self._capture.read()
        if not ok and isinstance(self.source, str):  # end of the video file: from the start
            self._capture.set(self._cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CameraError(ErrorCode.CAMERA_LOST, camera=camera_name(self.source))
        return frame

    def close(self) -> None:
        self._capture.release()


def _scaled(cv2, frame, side: int):
    height, width = frame.shape[:2]
    longest = max(height, width)
    if longest <= side:
        return frame
    factor = side / longest
    return cv2.resize(frame, (max(1, round(width * factor)), max(1, round(height * factor))),
                      interpolation=cv2.INTER_AREA)


def _encode(cv2, frame, quality: int) -> bytes:
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise CameraError(ErrorCode.PHOTO_NOT_JPEG)
    return data.tobytes()  # a plain JFIF: OpenCV writes no EXIF


def photo_jpeg(frame, max_side: int = MAX_SIDE, max_bytes: int = MAX_ATTACHMENT_BYTES) -> bytes:
    """The stored photo of a frame: long side at most `max_side` (and MAX_SIDE), no EXIF, at
    most `max_bytes` (lower qualities are tried in turn)."""
    cv2 = _cv2()
    image = _scaled(cv2, frame, min(max_side, MAX_SIDE))
    for quality in QUALITIES:
        data = _encode(cv2, image, quality)
        if len(data) <= max_bytes:
            return data
    raise CameraError(ErrorCode.CAMERA_TOO_LARGE, megabytes=max_bytes // 2**20)


def thumbnail_jpeg(frame) -> bytes:
    cv2 = _cv2()
    return _encode(cv2, _scaled(cv2, frame, THUMB_SIDE), 75)
