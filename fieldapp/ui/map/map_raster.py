"""Batch painting of many points: screen coordinates computed with numpy and stamped straight
into an ARGB32 image buffer, one pass per status colour. 218,800 points cost a few milliseconds,
where one QGraphicsItem per household costs ~225 ms a frame and ~350 MB per 100k points."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

_DISCS: dict[int, np.ndarray] = {}


def disc(radius: int) -> np.ndarray:
    """(k, 2) pixel offsets of a filled disc (radius 0 = one pixel)."""
    if radius not in _DISCS:
        r = np.arange(-radius, radius + 1)
        dx, dy = np.meshgrid(r, r)
        keep = dx * dx + dy * dy <= radius * radius + radius * 0.8
        _DISCS[radius] = np.column_stack([dx[keep], dy[keep]])
    return _DISCS[radius]


def ring(radius: int, width: int = 1) -> np.ndarray:
    r = np.arange(-radius - width, radius + width + 1)
    dx, dy = np.meshgrid(r, r)
    d2 = dx * dx + dy * dy
    keep = (d2 <= (radius + width) ** 2) & (d2 > radius * radius)
    return np.column_stack([dx[keep], dy[keep]])


def argb(color: QColor) -> np.uint32:
    return np.uint32(0xFF000000 | (color.red() << 16) | (color.green() << 8) | color.blue())


class PointLayer:
    """An ARGB32 buffer the size of the widget (device pixels) with a margin on every side, so
    dots near the edge are stamped without bounds checks; `image()` crops the margin off."""

    def __init__(self, width: int, height: int, margin: int):
        self.w = max(1, int(width))
        self.h = max(1, int(height))
        self.m = int(margin)
        self.stride = self.w + 2 * self.m
        self.buf = np.zeros((self.h + 2 * self.m, self.stride), dtype=np.uint32)
        self.flat = self.buf.reshape(-1)

    def positions(self, ix: np.ndarray, iy: np.ndarray) -> np.ndarray:
        """Flat buffer positions of pixels (ix, iy), which must lie within the margin."""
        return (iy.astype(np.int64) + self.m) * self.stride + (ix.astype(np.int64) + self.m)

    def stamp(self, flat: np.ndarray, offsets: np.ndarray, color: np.uint32) -> None:
        """Draw the stencil `offsets` ((k, 2) pixel offsets) around each flat position."""
        if not len(flat):
            return
        for dx, dy in offsets:
            self.flat[flat + (int(dy) * self.stride + int(dx))] = color

    def image(self) -> QImage:
        m = self.m
        inner = np.ascontiguousarray(self.buf[m:m + self.h, m:m + self.w])
        img = QImage(inner.data, self.w, self.h, self.w * 4,
                     QImage.Format.Format_ARGB32_Premultiplied)
        img._keep = inner  # the QImage borrows the numpy memory
        return img


def visible(sx: np.ndarray, sy: np.ndarray, w: float, h: float, margin: float) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (sx >= -margin) & (sx < w + margin) & (sy >= -margin) & (sy < h + margin)
