"""A sweep of bad inputs of every class of issue 14 through the real CLI, each in a subprocess:
a truncated or lying workbook, a CSV with NUL bytes, empty files, a folder given as a file, a
random zip renamed to a bundle, deeply nested or vertex-heavy GeoJSON, an MBTiles that is not
SQLite or whose `tiles` view never ends. Each must end with a non-zero exit, one Chinese
sentence naming the file, no traceback, within a time bound, and the database as it was
(`fieldapp info --json` and every table compared before and after)."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from fieldapp.jobs.demo_build import build_demo
from fieldapp.sync import setup

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "sweep county passphrase 7"
VILLAGE = "140824100201"
TIMEOUT = 120  # seconds: a hang fails the test instead of the suite


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sweep") / "county.sqlite"
    build_demo(path, "140824", households=30, seed=5)
    setup.init_county(path, "140824", PASSPHRASE)
    return path


def fieldapp(*args, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """The real command of this checkout (`python -m fieldapp`), bounded in time."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), FIELDAPP_PASSPHRASE=PASSPHRASE,
               QT_QPA_PLATFORM="offscreen", OPENBLAS_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)


def _state(db: Path) -> tuple:
    info = fieldapp("info", "--json", db)
    assert info.returncode == 0, info.stderr
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        tables = {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        con.close()
    return json.loads(info.stdout), tables


def assert_refused_cleanly(db: Path, bad: Path, *args, timeout: float = TIMEOUT) -> str:
    """Run `fieldapp *args` (which reads `bad`): refused, in Chinese, naming the file, no
    traceback, nothing stored changed. Returns what it said."""
    before = _state(db)
    run = fieldapp(*args, timeout=timeout)
    said = run.stderr + run.stdout
    assert run.returncode > 0, (run.returncode, said[-2000:])
    assert "Traceback" not in said and "Error:" not in said, said[-3000:]
    assert bad.name in said, said[-2000:]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in said), said[-2000:]
    assert _state(db) == before
    return said


# ----- the bad inputs ------------------------------------------------------------------------
def _register_xlsx(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["户主姓名", "身份证号码", "村民小组"])
    for i in range(200):
        wb.active.append([f"户主{i}", "", "1组"])
    wb.save(path)
    return path


def truncated_xlsx(tmp: Path) -> Path:
    whole = _register_xlsx(tmp / "whole.xlsx").read_bytes()
    bad = tmp / "半个花名册.xlsx"
    bad.write_bytes(whole[: len(whole) // 2])
    return bad


def tall_dimension_xlsx(tmp: Path) -> Path:
    """A small sheet whose <dimension> claims 900,000 rows of two columns (inside Excel's grid,
    over our row limit)."""
    plain = _register_xlsx(tmp / "plain.xlsx")
    bad = tmp / "声明很大.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<sheetData>", b"<dimension ref=\"A1:B900000\"/><sheetData>", 1) \
                    if b"<dimension" not in data else \
                    data.replace(data[data.index(b"<dimension"):data.index(b"/>", data.index(
                        b"<dimension")) + 2], b'<dimension ref="A1:B900000"/>')
            dst.writestr(info, data)
    return bad


def nul_csv(tmp: Path, name: str = "带空字节.csv", header: str = "户主姓名,村民小组") -> Path:
    bad = tmp / name
    bad.write_bytes(f"{header}\n张三,1组\n".encode() + b"\x00\x00\x00,\x00\n")
    return bad


def empty(tmp: Path, name: str) -> Path:
    bad = tmp / name
    bad.write_bytes(b"")
    return bad


def folder(tmp: Path, name: str) -> Path:
    bad = tmp / name
    bad.mkdir()
    return bad


def zip_as_bundle(tmp: Path) -> Path:
    bad = tmp / "乡镇同步包.fab"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "fieldapp", "version": 1}))
        z.writestr("changes.json", "[]")
    return bad


def deep_geojson(tmp: Path, depth: int = 1_000_000) -> Path:
    bad = tmp / "嵌套边界.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": ' + "[" * depth + "]" * depth + "}",
                   encoding="utf-8")
    return bad


def many_vertices_geojson(tmp: Path, vertices: int) -> Path:
    """One village polygon with `vertices` vertices (compact JSON)."""
    bad = tmp / "顶点很多.geojson"
    ring = "[" + ",".join(["[111.1,35.6]"] * (vertices - 1) + ["[111.1,35.6]"]) + "]"
    bad.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                   f'{{"code":"{VILLAGE}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}'
                   "}]}", encoding="utf-8")
    return bad


def claiming_shapefile(tmp: Path, claimed: int = 10_000_000) -> Path:
    """A zipped one-polygon Shapefile whose record claims `claimed` points and holds four."""
    box = struct.pack("<4d", 111.0, 35.0, 111.1, 35.1)
    points = b"".join(struct.pack("<2d", *p) for p in
                      ((111.0, 35.0), (111.1, 35.0), (111.1, 35.1), (111.0, 35.0)))
    content = struct.pack("<i", 5) + box + struct.pack("<iii", 1, claimed, 0) + points
    record = struct.pack(">ii", 1, len(content) // 2) + content

    def header(words: int) -> bytes:
        return struct.pack(">i", 9994) + bytes(20) + struct.pack(">i", words) \
            + struct.pack("<ii", 1000, 5) + box + bytes(32)

    shx = header(54) + struct.pack(">ii", 50, len(content) // 2)
    dbf = struct.pack("<BBBBIHH20x", 3, 26, 1, 1, 1, 65, 13) \
        + b"code".ljust(11, b"\0") + b"C" + bytes(4) + bytes([12, 0]) + bytes(14) \
        + b"\r " + VILLAGE.encode() + b"\x1a"
    bad = tmp / "村界声称千万顶点.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("v.shp", header((100 + len(record)) // 2) + record)
        z.writestr("v.shx", shx)
        z.writestr("v.dbf", dbf)
    return bad


def not_sqlite_mbtiles(tmp: Path) -> Path:
    bad = tmp / "底图.mbtiles"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(4096))
    return bad


def endless_mbtiles(tmp: Path) -> Path:
    """A `tiles` view that is a recursive query without end, and no zoom levels in metadata."""
    bad = tmp / "无尽底图.mbtiles"
    con = sqlite3.connect(bad)
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.execute("CREATE VIEW tiles AS WITH RECURSIVE r(zoom_level, tile_column, tile_row, "
                "tile_data) AS (SELECT 99, 0, 0, x'00' UNION ALL SELECT zoom_level, "
                "tile_column + 1, tile_row, tile_data FROM r) SELECT * FROM r")
    con.commit()
    con.close()
    return bad


# ----- the sweep ---------------------------------------------------------------------------
def test_a_truncated_workbook_is_refused(db, tmp_path):
    bad = truncated_xlsx(tmp_path)
    assert_refused_cleanly(db, bad, "import-register", db, bad, "--village", VILLAGE)
    assert_refused_cleanly(db, bad, "import-visits", db, bad)


def test_a_workbook_declaring_a_huge_sheet_is_refused_before_reading(db, tmp_path):
    bad = tall_dimension_xlsx(tmp_path)
    said = assert_refused_cleanly(db, bad, "import-register", db, bad, "--village", VILLAGE)
    assert "900000" in said


@pytest.mark.parametrize("command", ["register", "points"])
def test_a_csv_with_nul_bytes_is_refused(db, tmp_path, command):
    if command == "register":
        bad = nul_csv(tmp_path)
        said = assert_refused_cleanly(db, bad, "import-register", db, bad, "--village", VILLAGE)
    else:
        bad = nul_csv(tmp_path, "坐标带空字节.csv", "household_id,经度,纬度")
        said = assert_refused_cleanly(db, bad, "map", "import", db, bad)
    assert "编码" in said


@pytest.mark.parametrize("name,command", [
    ("空花名册.xlsx", ("import-register", "{db}", "{bad}", "--village", VILLAGE)),
    ("空花名册.csv", ("import-register", "{db}", "{bad}", "--village", VILLAGE)),
    ("空走访.xlsx", ("import-visits", "{db}", "{bad}")),
    ("空同步包.fab", ("bundle", "merge", "{db}", "{bad}")),
    ("空边界.geojson", ("map", "import", "{db}", "{bad}")),
    ("空坐标.csv", ("map", "import", "{db}", "{bad}")),
    ("空坐标.gpx", ("map", "import", "{db}", "{bad}")),
    ("空底图.mbtiles", ("map", "basemap", "{bad}")),
    ("空表单.xlsx", ("form", "check", "{bad}")),
])
def test_an_empty_file_is_refused(db, tmp_path, name, command):
    bad = empty(tmp_path, name)
    args = [str(a).format(db=db, bad=bad) for a in command]
    assert_refused_cleanly(db, bad, *args)


@pytest.mark.parametrize("name,command", [
    ("花名册.xlsx", ("import-register", "{db}", "{bad}", "--village", VILLAGE)),
    ("走访.xlsx", ("import-visits", "{db}", "{bad}")),
    ("同步包.fab", ("bundle", "merge", "{db}", "{bad}")),
    ("边界.geojson", ("map", "import", "{db}", "{bad}")),
    ("坐标.csv", ("map", "import", "{db}", "{bad}")),
    ("坐标.gpx", ("map", "import", "{db}", "{bad}")),
    ("底图.mbtiles", ("map", "basemap", "{bad}")),
])
def test_a_folder_given_as_a_file_is_refused(db, tmp_path, name, command):
    bad = folder(tmp_path, name)
    args = [str(a).format(db=db, bad=bad) for a in command]
    said = assert_refused_cleanly(db, bad, *args)
    assert "文件夹" in said


def test_a_random_zip_renamed_to_a_bundle_is_refused(db, tmp_path):
    bad = zip_as_bundle(tmp_path)
    assert_refused_cleanly(db, bad, "bundle", "merge", db, bad)
    assert_refused_cleanly(db, bad, "bundle", "merge", db, bad, "--dry-run")


def test_geojson_nested_a_million_deep_is_refused(db, tmp_path):
    bad = deep_geojson(tmp_path)
    said = assert_refused_cleanly(db, bad, "map", "import", db, bad)
    assert "嵌套" in said


@pytest.mark.soak
def test_geojson_with_ten_million_vertices_is_refused(db, tmp_path):
    bad = many_vertices_geojson(tmp_path, 10_000_000)
    assert_refused_cleanly(db, bad, "map", "import", db, bad, timeout=600)


def test_geojson_over_the_vertex_limit_is_refused(db, tmp_path):
    bad = many_vertices_geojson(tmp_path, 2_000_001)
    said = assert_refused_cleanly(db, bad, "map", "import", db, bad)
    assert "顶点" in said


def test_a_shapefile_claiming_ten_million_vertices_is_refused(db, tmp_path):
    bad = claiming_shapefile(tmp_path)
    assert_refused_cleanly(db, bad, "map", "import", db, bad)


def test_an_mbtiles_that_is_not_sqlite_is_refused(db, tmp_path):
    bad = not_sqlite_mbtiles(tmp_path)
    assert_refused_cleanly(db, bad, "map", "basemap", bad)


def test_an_mbtiles_whose_tiles_never_end_is_refused_in_bounded_time(db, tmp_path):
    bad = endless_mbtiles(tmp_path)
    said = assert_refused_cleanly(db, bad, "map", "basemap", bad, timeout=60)
    assert "3000" in said
