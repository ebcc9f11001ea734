"""Read an MBTiles raster basemap (a SQLite file: `metadata` and `tiles` tables), read-only.

MBTiles 1.3 stores rows in TMS order (row 0 at the south); a few tools write XYZ rows instead and
say so with metadata `scheme = xyz`. `tile(z, x, y)` takes XYZ (row 0 at the north) and flips
as needed, so callers always think in XYZ.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.store import errors as E


class MBTiles:
    def __init__(self, path: str | Path):
        p = Path(path)
        if not p.is_file():
            raise E.NotFound("底图文件不存在", where=str(p))
        try:
            self.conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
            tables = {r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if not {"metadata", "tiles"} <= tables:
                raise E.NotADatabase("不是 MBTiles 底图（缺少 metadata 或 tiles 表）", where=str(p))
            self.metadata = {str(k): str(v) for k, v in
                             self.conn.execute("SELECT name, value FROM metadata")}
            zooms = self.conn.execute(
                "SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise E.NotADatabase(f"无法读取底图：{exc}", where=str(p)) from None
        if zooms[0] is None:
            raise E.StoreError("底图中没有任何瓦片", where=str(p))
        self.path = p
        self.minzoom = int(self.metadata.get("minzoom", zooms[0]))
        self.maxzoom = int(self.metadata.get("maxzoom", zooms[1]))
        self.xyz_rows = self.metadata.get("scheme", "tms").strip().lower() == "xyz"
        self.format = self.metadata.get("format", "png").lower()

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
        row = y if self.xyz_rows else (1 << z) - 1 - y
        try:
            found = self.conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ?"
                " AND tile_row = ?", (z, x, row)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return bytes(found[0]) if found and found[0] is not None else None

    def close(self) -> None:
        self.conn.close()


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
