"""NaN, Inf and out-of-range numbers through the real CLI (issue 14 item 4): a register row with a
NaN/Inf household size, visits with NaN/Inf/out-of-range positions, household points and
boundary vertices that are not finite are refused with a message naming the row (or feature) and
the field — no traceback, and never stored as empty."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from openpyxl import Workbook

from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _households(db, where: str = "1") -> list[tuple]:
    with Store.open(db) as s:
        return s.conn.execute(
            f"SELECT uuid, village_code, head_name, size, lon, lat FROM households WHERE {where}"
            " ORDER BY uuid").fetchall()


def _village(db) -> str:
    with Store.open(db) as s:
        return s.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1").fetchone()[0]


def test_register_sizes_that_are_not_finite_reject_the_row(demo_path, tmp_path):
    village = _village(demo_path)
    wb = Workbook()
    wb.active.append(["户主姓名", "村民小组", "家庭人口"])
    for name, size in (("甲一", 1), ("乙二", 2), ("丙三", 3), ("丁四", 4)):
        wb.active.append([name, "1", size])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    book = tmp_path / "sizes.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(book, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # what Excel cannot write, a tool can
                for cell, old, new in (("C3", "2", "NaN"), ("C4", "3", "INF"), ("C5", "4", "-inf")):
                    data = data.replace(f'<c r="{cell}" t="n"><v>{old}</v>'.encode(),
                                        f'<c r="{cell}" t="n"><v>{new}</v>'.encode())
            dst.writestr(info, data)
    csv = tmp_path / "sizes.csv"
    csv.write_text("户主姓名,村民小组,家庭人口\n戊五,1,nan\n己六,1,Infinity\n庚七,1,3\n",
                   encoding="utf-8")
    for path, rows in ((book, [3, 4, 5]), (csv, [2, 3])):
        r = run("import-register", demo_path, path, "--village", village, "--json")
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        rejected = json.loads(r.stdout)["rejected"]
        assert [x["row"] for x in rejected] == rows
        assert all("家庭人口（C 列）不是有限的数字" in x["reason"] for x in rejected), rejected
    names = {h[2]: h[3] for h in _households(demo_path, f"village_code = '{village}'")}
    assert names.get("甲一") == 1 and names.get("庚七") == 3
    assert not {"乙二", "丙三", "丁四", "戊五", "己六"} & names.keys()


def test_visit_positions_that_are_not_finite_or_out_of_range_are_rejected(demo_path, tmp_path):
    hh = [h[0] for h in _households(demo_path)[:3]]
    p = tmp_path / "visits.csv"
    p.write_text("household_id,visit_date,surveyor,visit_result,location\n"
                 f"{hh[0]},2026-10-01,王,vacant,nan nan\n"
                 f"{hh[1]},2026-10-01,王,vacant,35.6 inf\n"
                 f"{hh[2]},2026-10-01,王,vacant,95 200\n", encoding="utf-8")
    r = run("import-visits", demo_path, p, "--json")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    data = json.loads(r.stdout)
    assert data["added"] == 0 and [x["row"] for x in data["rejected"]] == [2, 3, 4]
    assert all(x["reason"].startswith("location:") for x in data["rejected"])


def test_points_and_boundary_vertices_that_are_not_finite_are_refused(demo_path, tmp_path):
    before = _households(demo_path)
    hh = [h[0] for h in before[:2]]
    points = tmp_path / "pts.csv"
    points.write_text(f"household_id,lon,lat\n{hh[0]},nan,35.6\n{hh[1]},111.0,inf\n",
                      encoding="utf-8")
    r = run("map", "import", demo_path, points)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "pts.csv" in r.stderr and "不是有限的数字" in r.stderr
    village = _village(demo_path)
    shape = tmp_path / "b.geojson"
    shape.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                     f'{{"code":"{village}"}},"geometry":{{"type":"Polygon","coordinates":'
                     '[[[110.9,35.6],[NaN,35.7],[111.0,Infinity],[110.9,35.6]]]}}]}',
                     encoding="utf-8")
    r = run("map", "import", demo_path, shape, "--level", "village")
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "b.geojson" in r.stderr and "第 1 个要素 第 2 个顶点" in r.stderr, r.stderr
    assert _households(demo_path) == before
