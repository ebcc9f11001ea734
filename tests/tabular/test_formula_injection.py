"""Spreadsheet cells we write never start a formula (OWASP CSV injection): a household named
`=HYPERLINK(...)` or starting with + - @ reaches every export, rejects workbook and report as text."""

import csv
import subprocess
import sys

from openpyxl import load_workbook

from fieldapp.core.cell_safety import safe_cell
from fieldapp.store import Store

HOSTILE = ['=HYPERLINK("http://example.invalid","点击")', "+1", "-1+2", "@SUM(A1)",
           "\t=1", "\r=1"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _register(path, village_name):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["村", "村民小组", "户主姓名", "身份证号码", "联系电话", "家庭人口", "备注"])
        for i, name in enumerate(HOSTILE):
            w.writerow([village_name, "1", name, "", f"1380000{i:04d}", "3", name])
        # a rejected row (bad ID number) whose cells are hostile too
        w.writerow([village_name, "2", "=1+1", "12345", "=cmd|' /C calc'!A0", "3", "-2"])


def _no_formulas(xlsx):
    wb = load_workbook(xlsx)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (xlsx.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value


def test_hostile_names_reach_every_spreadsheet_as_text(demo_path, tmp_path):
    with Store.open(demo_path, readonly=True) as s:
        code, name = s.conn.execute("SELECT code, name FROM areas WHERE level = 'village'"
                                    " ORDER BY code LIMIT 1").fetchone()
    reg = tmp_path / "reg.csv"
    _register(reg, name)
    rejects = tmp_path / "rejects.xlsx"
    r = run("import-register", demo_path, reg, "--village", code, "--report", rejects)
    assert r.returncode == 0, r.stderr
    _no_formulas(rejects)
    assert load_workbook(rejects).worksheets[0].max_row == len(HOSTILE) + 2  # all refused, listed
    # Names the register check refuses can still arrive by other ways (an old bundle, a paper
    # visits workbook): put them in as such a change would, then export everything.
    with Store.open(demo_path) as s, s.write("外来数据") as w:
        for i, hostile in enumerate(HOSTILE):
            w.insert("households", {"village_code": code, "group_no": hostile, "head_name": hostile,
                                    "source": "register", "notes": hostile, "size": 3})
    outputs = []
    for out, args in (("hh.xlsx", ("export", "households", demo_path, "--village", code)),
                      ("gaps.xlsx", ("gaps", demo_path)),
                      ("report.xlsx", ("report", demo_path))):
        r = run(*args, "-o", tmp_path / out)
        assert r.returncode == 0, r.stderr
        _no_formulas(tmp_path / out)
        outputs.append(tmp_path / out)
    hh = load_workbook(tmp_path / "hh.xlsx").worksheets[0]
    names = {c.value for row in hh.iter_rows() for c in row}
    assert "'" + HOSTILE[0] in names  # shown as the text it was, not a link
    r = run("export", "households", demo_path, "--village", code, "-o", tmp_path / "hh.csv")
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "hh.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'+1" in cells


def test_numbers_stay_numbers():
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) is None
    assert safe_cell("-3") == "'-3" and safe_cell("普通文字") == "普通文字"
