"""Read an MBTiles raster basemap (a SQLite file: `metadata` and `tiles` tables), read-only.

MBTiles 1.3 stores rows in TMS order (row 0 at the south); a few tools write XYZ rows instead and
say so with metadata `scheme = xyz`. `tile(z, x, y)` takes XYZ (row 0 at the north) and flips
as needed, so callers always think in XYZ.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fieldapp.core.messages import ErrorCode, Words, listing

from fieldapp.store import errors as E


MAX_FILE = 4 * 2**30
OPEN_MS = 3000  # opening: the schema, the metadata and whether there is any tile
TILE_MS = 500  # one tile: an indexed lookup takes well under a millisecond
_TILE_COLUMNS = {"zoom_level", "tile_column", "tile_row", "tile_data"}


class MBTiles:
    """A basemap file that may come from anywhere: size capped, schema checked, and every query
    stopped by a deadline (a progress handler) so a recursive `tiles` view cannot hang the map.
    Limits: docs/limits.md."""

    def __init__(self, path: str | Path):
        p = Path(path)
        if p.is_dir():
            raise E.NotFound(ErrorCode.INPUT_IS_FOLDER, where=str(p))
        if not p.is_file():
            raise E.NotFound(ErrorCode.MBTILES_MISSING, where=str(p))
        size = p.stat().st_size
        if size > MAX_FILE:
            raise E.StoreError(ErrorCode.MBTILES_TOO_LARGE, where=str(p),
                               size_mib=size // 2**20, limit_mib=MAX_FILE // 2**20)
        self.path, self.broken, self._deadline = p, False, 0.0
        try:
            self.conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)  # used on one thread
            self.conn.set_progress_handler(self._past_deadline, 1000)
            self._deadline = time.monotonic() + OPEN_MS / 1000
            self._check_schema()
            self.metadata = {str(k): str(v) for k, v in
                             self.conn.execute("SELECT name, value FROM metadata LIMIT 10000")}
            zooms = self._zooms()
        except sqlite3.OperationalError as exc:
            self.conn.close()
            if "interrupt" in str(exc):
                raise E.StoreError(ErrorCode.MBTILES_TIMEOUT, where=str(p),
                                   limit_ms=OPEN_MS) from None
            raise E.NotADatabase(ErrorCode.MBTILES_UNREADABLE, reason=exc, where=str(p)) from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise E.NotADatabase(ErrorCode.MBTILES_UNREADABLE, reason=exc, where=str(p)) from None
        except E.StoreError:
            self.conn.close()
            raise
        if zooms[0] is None:
            self.conn.close()
            raise E.StoreError(ErrorCode.MBTILES_EMPTY, where=str(p))
        self.minzoom = int(zooms[0])
        self.maxzoom = int(zooms[1])
        self.xyz_rows = self.metadata.get("scheme", "tms").strip().lower() == "xyz"
        self.format = self.metadata.get("format", "png").lower()

    def _past_deadline(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def _check_schema(self) -> None:
        tables = {r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if not {"metadata", "tiles"} <= tables:
            missing = listing(sorted({"metadata", "tiles"} - tables))
            raise E.NotADatabase(ErrorCode.MBTILES_SCHEMA, where=str(self.path),
                                 reason=Words(f"缺少 {missing.zh}", f"missing {missing.en}"))
        for table, need in (("tiles", _TILE_COLUMNS), ("metadata", {"name", "value"})):
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if not need <= have:
                missing = listing(sorted(need - have))
                raise E.NotADatabase(ErrorCode.MBTILES_SCHEMA, where=str(self.path),
                                     reason=Words(f"{table} 缺少 {missing.zh}",
                                                  f"{table} lacks {missing.en}"))

    def _zooms(self) -> tuple:
        """(min, max) zoom: from the metadata when it says so (one row is then enough to know
        the file has tiles), else from the tiles."""
        try:
            lo, hi = int(self.metadata["minzoom"]), int(self.metadata["maxzoom"])
        except (KeyError, ValueError):
            return self.conn.execute(
                "SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        one = self.conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchone()
        return (lo, hi) if one else (None, None)

    @property
    def name(self) -> str:
        return self.metadata.get("name") or self.path.stem

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) in degrees from the metadata, if given."""
        try:
            w, s, e, n = (float(v) for v in self.metadata["bounds"].split(","))
            return w, s, e, n
        except (KeyError, ValueError):
            return None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """Image bytes of the tile at XYZ address (z, x, y), or None if absent."""
        if self.broken:
            return None
        row = y if self.xyz_rows else (1 << z) - 1 - y
        self._deadline = time.monotonic() + TILE_MS / 1000
        try:
            found = self.conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ?"
                " AND tile_row = ?", (z, x, row)).fetchone()
        except sqlite3.OperationalError as exc:
            self.broken = "interrupt" in str(exc)  # too slow once: no more queries on it
            return None
        except sqlite3.DatabaseError:
            return None
        return bytes(found[0]) if found and found[0] is not None else None

    def close(self) -> None:
        self.conn.close()


def basemap_info(path: str | Path) -> dict:
    """Open a basemap with every check and time bound, say what it is, and close it (the
    `map basemap` command, and the app before it shows one)."""
    mb = MBTiles(path)
    try:
        return {"file": str(mb.path), "name": mb.name, "format": mb.format,
                "minzoom": mb.minzoom, "maxzoom": mb.maxzoom, "bounds": mb.bounds(),
                "metadata": dict(mb.metadata)}
    finally:
        mb.close()


def write_mbtiles(path: str | Path, metadata: dict[str, str],
                  tiles: dict[tuple[int, int, int], bytes], *, xyz_rows: bool = False) -> None:
    """Write an MBTiles file from XYZ-addressed tiles (for tests, demos and benchmarks)."""
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
            conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                         " tile_row INTEGER, tile_data BLOB)")
            conn.execute("CREATE UNIQUE INDEX tile_index ON tiles"
                         " (zoom_level, tile_column, tile_row)")
            meta = dict(metadata)
            if xyz_rows:
                meta["scheme"] = "xyz"
            conn.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
            conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [
                (z, x, y if xyz_rows else (1 << z) - 1 - y, data)
                for (z, x, y), data in tiles.items()])
    finally:
        conn.close()
