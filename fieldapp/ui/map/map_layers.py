"""Two layers of the map canvas with their own caches: the MBTiles basemap (tiles read and decoded
off the GUI thread by ui/map/tile_source.py, drawn as they arrive, kept in an LRU cache) and the labels (village/township names, household heads when zoomed in; each label
rendered once with a white halo, then blitted; labels that would overlap are skipped)."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPixmap

from fieldapp.geo import basemap as bm

from fieldapp.ui.map.map_raster import visible

MAX_TILES = 512
MAX_HOUSEHOLD_LABELS = 400


class TileLayer:
    def __init__(self, source):
        self.source = source  # a TileSource: never read on the GUI thread
        self._cache: OrderedDict[tuple[int, int, int], QPixmap | None] = OrderedDict()

    def deliver(self, key, image: QImage | None) -> None:
        """A tile read by the source (None: absent or unreadable; not asked for again)."""
        self._cache[key] = QPixmap.fromImage(image) if image is not None else None
        self._cache.move_to_end(key)
        while len(self._cache) > MAX_TILES:
            self._cache.popitem(last=False)

    def paint(self, p: QPainter, canvas) -> None:
        mb = self.source
        if not mb.ready:
            return
        z = bm.zoom_for(canvas.mpp, mb.minzoom, mb.maxzoom)
        x0, y1 = canvas.to_world(0, 0)
        x1, y0 = canvas.to_world(canvas.width(), canvas.height())
        tiles = bm.tiles_covering(x0, y0, x1, y1, z)
        if len(tiles) > 400:  # zoomed far out of the file's range: not worth decoding
            return
        mb.forget_requests()  # tiles of an earlier view not read yet: this view's come first
        p.save()
        p.setRenderHint(QPainter.SmoothPixmapTransform, True)
        for key in tiles:
            pix = self._tile(key)
            if pix is None:
                continue
            tx0, ty0, tx1, ty1 = bm.tile_bounds(*key)
            (sx0, sx1), (s_bottom, s_top) = canvas.to_screen([tx0, tx1], [ty0, ty1])
            p.drawPixmap(QRectF(sx0, s_top, sx1 - sx0, s_bottom - s_top), pix, QRectF(pix.rect()))
        p.restore()

    def _tile(self, key) -> QPixmap | None:
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        self.source.request(key)  # drawn when it arrives
        return None


class LabelLayer:
    def __init__(self):
        self.names: dict[int, str] = {}  # rowid -> household head, fetched as needed
        self._images: dict[tuple, QImage] = {}

    def clear(self) -> None:
        self.names.clear()

    def paint(self, p: QPainter, canvas) -> None:
        d = canvas.data
        p.save()
        font = QFont(canvas.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        p.setFont(font)
        taken: list[QRectF] = []
        show = "village" if canvas.mpp < 25 else "township" if canvas.mpp < 150 else None
        if show:
            for a in d.areas:
                if a.level != show:
                    continue
                sx, sy = canvas.to_screen(*a.label_xy)
                if -100 < sx < canvas.width() + 100 and -20 < sy < canvas.height() + 20:
                    self._draw(p, canvas, QPointF(float(sx), float(sy)), a.name,
                               QColor("#263238"), True, taken)
        if canvas.label_provider is not None and canvas.mpp < 2.5:
            sx, sy = canvas.to_screen(d.x, d.y)
            vis = np.nonzero(visible(sx, sy, canvas.width(), canvas.height(), 0))[0]
            if 0 < len(vis) <= MAX_HOUSEHOLD_LABELS:
                missing = [int(r) for r in d.rowid[vis] if int(r) not in self.names]
                if missing:
                    self.names.update(canvas.label_provider(missing))
                for i in vis:
                    text = self.names.get(int(d.rowid[i]))
                    if text:
                        self._draw(p, canvas, QPointF(float(sx[i]) + 6, float(sy[i]) + 4), text,
                                   QColor("#212121"), False, taken)
        p.restore()

    def _draw(self, p: QPainter, canvas, at: QPointF, text: str, color: QColor, centred: bool,
              taken: list[QRectF]) -> None:
        img = self._image(p, canvas.devicePixelRatioF(), text, color)
        w = img.width() / img.devicePixelRatio()
        h = img.height() / img.devicePixelRatio()
        top_left = QPointF(at.x() - w / 2, at.y() - h / 2) if centred else \
            QPointF(at.x() - 4, at.y() - h + 3)
        box = QRectF(top_left.x() + 3, top_left.y() + 3, w - 6, h - 6)
        if any(box.intersects(t) for t in taken):
            return
        taken.append(box)
        p.drawImage(top_left, img)

    def _image(self, p: QPainter, dpr: float, text: str, color: QColor) -> QImage:
        """Text with a white halo, rendered once and cached."""
        key = (text, color.rgb(), dpr, p.font().toString())
        img = self._images.get(key)
        if img is None:
            fm = p.fontMetrics()
            img = QImage(int((fm.horizontalAdvance(text) + 8) * dpr),
                         int((fm.height() + 6) * dpr), QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(Qt.transparent)
            q = QPainter(img)
            q.setFont(p.font())
            q.setRenderHint(QPainter.Antialiasing, True)
            path = QPainterPath()
            path.addText(QPointF(4, 3 + fm.ascent()), p.font(), text)
            q.strokePath(path, QPen(QColor(255, 255, 255, 220), 3))
            q.fillPath(path, color)
            q.end()
            if len(self._images) > 3000:
                self._images.clear()
            self._images[key] = img
        return img
