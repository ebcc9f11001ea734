"""An MBTiles basemap read on a thread of its own, so the map never waits on a file that came from
anywhere: the thread opens its own connection (fieldapp.store.geo.mbtiles_basemap.MBTiles, with
its time bounds and checks), then answers tile requests one by one; each tile comes back decoded
(a QImage) to the GUI thread as a queued signal, and the canvas draws it on its next paint. A
basemap whose `tiles` view is too slow times out once on that thread and shows no more tiles; the
GUI thread only ever posts requests and receives answers."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from fieldapp.store.geo.mbtiles_basemap import MBTiles

_STOP = None


class TileSource(QObject):
    """`TileSource(path)`: `opened` once the file is checked (then name, minzoom, maxzoom,
    metadata and bounds() are known), or `failed(exc)`; `request(key)` asks for an XYZ tile
    and `tile_ready(key, image)` answers (image None when absent or unreadable)."""

    opened = Signal()
    failed = Signal(object)
    tile_ready = Signal(object, object)  # (z, x, y), QImage | None
    _opened_here = Signal(object)  # emitted on the reading thread, delivered on the GUI thread
    _failed_here = Signal(object)
    _tile_here = Signal(object, object)

    def __init__(self, path: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.name = self.path.stem
        self.metadata: dict[str, str] = {}
        self.minzoom = self.maxzoom = 0
        self.ready = False
        self.broken = False  # a tile query ran out of time: no more tiles from this file
        self._bounds: tuple[float, float, float, float] | None = None
        self._pending: set[tuple[int, int, int]] = set()
        self._queue: queue.Queue = queue.Queue()
        self._opened_here.connect(self._on_opened, Qt.QueuedConnection)
        self._failed_here.connect(self._on_failed, Qt.QueuedConnection)
        self._tile_here.connect(self._on_tile, Qt.QueuedConnection)
        self._thread = threading.Thread(target=self._read, name="basemap-tiles", daemon=True)
        self._thread.start()

    # ----- the GUI thread -------------------------------------------------------------------
    def bounds(self) -> tuple[float, float, float, float] | None:
        return self._bounds

    def request(self, key: tuple[int, int, int]) -> None:
        """Ask for a tile once; the answer comes as `tile_ready`."""
        if self.ready and not self.broken and key not in self._pending:
            self._pending.add(key)
            self._queue.put(key)

    def forget_requests(self) -> None:
        """Drop the tiles asked for but not yet read (the view moved on)."""
        while True:
            try:
                key = self._queue.get_nowait()
            except queue.Empty:
                break
            self._pending.discard(key)

    def close(self) -> None:
        """Stop reading; the thread closes its connection after the tile it may be reading."""
        self.forget_requests()
        self._queue.put(_STOP)

    @Slot(object)
    def _on_opened(self, info: dict[str, Any]) -> None:
        self.name, self.metadata = info["name"], info["metadata"]
        self.minzoom, self.maxzoom, self._bounds = info["minzoom"], info["maxzoom"], info["bounds"]
        self.ready = True
        self.opened.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.failed.emit(exc)

    @Slot(object, object)
    def _on_tile(self, key, image) -> None:
        self._pending.discard(key)
        if image is False:  # the file stopped answering
            self.broken = True
            image = None
        self.tile_ready.emit(key, image)

    # ----- the reading thread ---------------------------------------------------------------
    def _read(self) -> None:
        try:
            mb = MBTiles(self.path)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self._emit(self._failed_here, exc)
            return
        try:
            self._emit(self._opened_here, {"name": mb.name, "metadata": dict(mb.metadata),
                                           "minzoom": mb.minzoom, "maxzoom": mb.maxzoom,
                                           "bounds": mb.bounds()})
            while (key := self._queue.get()) is not _STOP:
                self._emit(self._tile_here, key, self._decoded(mb, key))
        finally:
            mb.close()

    @staticmethod
    def _decoded(mb: MBTiles, key) -> QImage | None | bool:
        data = mb.tile(*key)
        if mb.broken:
            return False
        if not data:
            return None
        image = QImage()
        return image if image.loadFromData(data) else None

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the map closed meanwhile
            pass
