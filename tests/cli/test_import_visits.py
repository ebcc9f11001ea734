"""`fieldapp import-visits`: keys from `export households`, --json per DESIGN.md, errors."""

import csv
import json
import subprocess
import sys

from openpyxl import Workbook


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def test_export_then_import_visits(demo_path, tmp_path):
    out = tmp_path / "hh.csv"
    assert run("export", "households", demo_path, "--village", "140824100",
               "-o", out).returncode == 0
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))[1:4]
    wb = Workbook()
    ws = wb.active
    ws.append(["household_id", "户主姓名", "走访日期", "核查人", "visit_result"])
    for r in rows:
        ws.append([r[0], r[4], "2026-06-01", "刘秀英", "vacant"])
    ws.append(["bogus", "某某", "2026-06-01", "刘秀英", "vacant"])
    path = tmp_path / "visits.xlsx"
    wb.save(path)
    r = run("import-visits", demo_path, path, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["added"], data["updated"], data["unchanged"]) == (3, 0, 0)
    assert data["rejected"] == [{"row": 5, "reason": "找不到 household_id 为 bogus 的户",
                                 "reason_en": "No household has the household_id bogus",
                                 "code": "visit_row_no_household_id"}]
    again = json.loads(run("import-visits", demo_path, path, "--json").stdout)
    assert (again["added"], again["unchanged"]) == (0, 3)


def test_import_visits_errors(demo_path, tmp_path):
    bad = tmp_path / "v.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    r = run("import-visits", demo_path, bad)
    assert r.returncode == 1 and "表头" in r.stderr and len(r.stderr.strip().splitlines()) == 1
