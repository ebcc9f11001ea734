"""Photos for the visit form: read a picture file with Qt, turn it upright (EXIF), scale it
down to the form's max-pixels, re-encode as JPEG, and make a small thumbnail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode

MAX_FILE_BYTES = 60 * 1024 * 1024
DEFAULT_MAX_PIXELS = 1600
THUMB_PIXELS = 192


class PhotoError(FieldappError):
    code = "photo"


def _jpeg(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    if not image.save(buf, "JPG", quality):
        raise PhotoError(ErrorCode.PHOTO_NOT_JPEG)
    buf.close()
    return bytes(data.data())


def _flatten(image: QImage) -> QImage:
    """JPEG has no transparency: put transparent pictures on white."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format_RGB32)
    out = QImage(image.size(), QImage.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


def prepare_photo(path: str | Path, max_pixels: int = DEFAULT_MAX_PIXELS,
                  quality: int = 85) -> tuple[bytes, bytes]:
    """(JPEG content, JPEG thumbnail) of a picture file; PhotoError when it cannot be used."""
    p = Path(path)
    if not p.is_file():
        raise PhotoError(ErrorCode.PHOTO_MISSING, where=str(p))
    if p.stat().st_size > MAX_FILE_BYTES:
        raise PhotoError(ErrorCode.PHOTO_TOO_LARGE, megabytes=MAX_FILE_BYTES // 2**20, where=p.name)
    reader = QImageReader(str(p))
    reader.setAutoTransform(True)  # honour the camera's orientation tag
    image = reader.read()
    if image.isNull():
        raise PhotoError(ErrorCode.PHOTO_UNREADABLE, reason=reader.errorString(), where=p.name)
    image = _flatten(image)
    if max(image.width(), image.height()) > max_pixels:
        image = image.scaled(max_pixels, max_pixels, Qt.KeepAspectRatio,
                             Qt.SmoothTransformation)
    thumb = image.scaled(THUMB_PIXELS, THUMB_PIXELS, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    return _jpeg(image, quality), _jpeg(thumb, 75)
