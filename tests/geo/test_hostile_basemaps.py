"""MBTiles basemaps from anywhere (issue 14 item 4): a recursive `tiles` view cannot hang the map
(every query has a deadline; run in a separate process with a timeout), a file without the
expected tables and columns or over the size cap is refused with a message naming the file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from fieldapp.store import errors as E
from fieldapp.store.geo import mbtiles_basemap
from fieldapp.store.geo.mbtiles_basemap import MBTiles, write_mbtiles

RECURSIVE = ("CREATE VIEW tiles AS WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r)"
             " SELECT n % 20 AS zoom_level, n % 13 AS tile_column, n % 17 + 1000 AS tile_row,"
             " x'00' AS tile_data FROM r")  # endless, and no row ever matches a lookup
PROBE = """
import sys, time
from fieldapp.store.geo.mbtiles_basemap import MBTiles
t = time.monotonic()
try:
    mb = MBTiles(sys.argv[1])
    print("opened", mb.tile(3, 1, 1), mb.tile(3, 1, 2), mb.broken)
except Exception as exc:
    print("refused", type(exc).__name__, exc)
print("seconds", round(time.monotonic() - t, 1))
"""


def _recursive(path, metadata: dict[str, str]):
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        con.executemany("INSERT INTO metadata VALUES (?, ?)", list(metadata.items()))
        con.execute(RECURSIVE)
    con.close()
    return path


@pytest.mark.parametrize(("metadata", "expect"), [
    ({"name": "loop"}, "refused"),  # the zoom range is read from the view: stopped on opening
    ({"name": "loop", "minzoom": "0", "maxzoom": "5"}, "opened None None True"),  # at the tile
])
def test_a_recursive_tiles_view_is_stopped_by_the_deadline(tmp_path, metadata, expect):
    path = _recursive(tmp_path / "loop.mbtiles", metadata)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert time.monotonic() - start < 60 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith(expect), done.stdout
    if expect == "refused":
        assert "loop.mbtiles" in done.stdout and "毫秒仍未完成" in done.stdout


def test_missing_tables_or_columns_are_named(tmp_path):
    bad = tmp_path / "bad.mbtiles"
    con = sqlite3.connect(bad)
    with con:
        con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        con.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER)")
    con.close()
    with pytest.raises(E.NotADatabase) as e:
        MBTiles(bad)
    assert "bad.mbtiles" in str(e.value) and "tile_data" in str(e.value)
    other = tmp_path / "other.mbtiles"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(E.NotADatabase) as e:
        MBTiles(other)
    assert "metadata" in str(e.value) and "tiles" in str(e.value)


def test_a_file_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "ok.mbtiles"
    write_mbtiles(path, {"name": "ok"}, {(1, 0, 0): b"png"})
    assert MBTiles(path).tile(1, 0, 0) == b"png"
    monkeypatch.setattr(mbtiles_basemap, "MAX_FILE", 1024)
    with pytest.raises(E.StoreError) as e:
        MBTiles(path)
    assert e.value.code == "too_large" and "底图文件太大" in str(e.value)
