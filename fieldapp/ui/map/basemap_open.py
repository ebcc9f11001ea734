"""Open an offline MBTiles basemap on the map without the GUI thread ever reading it: the file is
checked by a read-only job (progress dialog, Cancel returns at once), then shown through a
TileSource whose tiles are read on a thread of their own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

from fieldapp.core.progress import Cancelled
from fieldapp.store.geo.mbtiles_basemap import basemap_info
from fieldapp.ui.map.tile_source import TileSource
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner

_GCJ_HINTS = ("gcj", "amap", "gaode", "高德", "腾讯", "tencent")


def _t(text: str) -> str:
    return QCoreApplication.translate("MapView", text)


def open_basemap(view, path: str, *, quiet: bool = False) -> bool:
    """Show the basemap at `path` on `view` (a MapView). `quiet` (the basemap remembered from
    last time): no dialogs, and a file that fails is simply not shown. False when the user
    cancelled or the file was refused."""
    if not quiet:
        try:
            JobRunner(view).run(_t("Opening the basemap…"),
                                lambda _progress: basemap_info(path), read_only=True)
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001 - one sentence in a dialog
            show_error(view, exc, _t("Offline basemap"))
            return False
    source = TileSource(path, view)
    source.opened.connect(lambda: _opened(view, source))
    source.failed.connect(lambda exc: _failed(view, source, exc, quiet))
    if view.canvas.basemap is not None:
        view.canvas.basemap.close()
    view.canvas.set_basemap(source)
    QSettings().setValue("map/basemap", path)
    return True


def gcj_basemap(source: TileSource) -> bool:
    """Whether an opened basemap says it comes from a Chinese web map (GCJ-02 coordinates)."""
    hint = (source.metadata.get("description", "") + source.name).lower()
    return any(k in hint for k in _GCJ_HINTS)


def _opened(view, source: TileSource) -> None:
    if gcj_basemap(source):
        view.gcj_action.setChecked(True)


def _failed(view, source: TileSource, exc: BaseException, quiet: bool) -> None:
    if view.canvas.basemap is source:
        view.canvas.set_basemap(None)
    if not quiet:
        show_error(view, exc, _t("Offline basemap"))
