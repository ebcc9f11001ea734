"""`fieldapp import-register`: --json per DESIGN.md, --dry-run, --report, one-line errors."""

import json
import subprocess
import sys

from openpyxl import load_workbook

from fieldapp.demo.sample_register import make_register
from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def test_import_register_json_dry_run_and_report(demo_path, tmp_path):
    with Store.open(demo_path) as s:
        vs = [tuple(r) for r in s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2")]
        before = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    sample = make_register(tmp_path / "reg.xlsx", vs, 150, seed=8, region="140802")
    r = run("import-register", demo_path, sample.path, "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["added"] == len(sample.good_rows) and data["dry_run"] is True
    assert [x["row"] for x in data["rejected"]] == sorted(sample.rejects)
    report = tmp_path / "rej.xlsx"
    r = run("import-register", demo_path, sample.path, "--json", "--report", report)
    assert json.loads(r.stdout)["added"] == len(sample.good_rows)
    assert load_workbook(report).worksheets[0].max_row == len(sample.rejects) + 1
    r = run("import-register", demo_path, sample.path, "--json")
    again = json.loads(r.stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, len(sample.good_rows))
    with Store.open(demo_path) as s:
        assert s.conn.execute("SELECT count(*) FROM households").fetchone()[0] == \
            before + len(sample.good_rows)


def test_import_register_text_output_and_manual_columns(demo_path, tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("花名册\n名字,所在组\n张三,1\n李四,2\n", encoding="gbk")
    with Store.open(demo_path) as s:
        code = s.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1").fetchone()[0]
    r = run("import-register", demo_path, p, "--village", code, "--header-row", "2",
            "--column", "head_name=A", "--column", "group_no=2")
    assert r.returncode == 0, r.stderr
    assert "新增 2 户" in r.stdout


def test_import_register_errors_are_one_line(demo_path, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    for args in ([demo_path, bad], [demo_path, tmp_path / "missing.csv"],
                 [tmp_path / "no.sqlite", bad], [demo_path, bad, "--village", "12"]):
        r = run("import-register", *args)
        assert r.returncode != 0
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr


def test_import_register_for_one_township(demo_path, tmp_path):
    with Store.open(demo_path) as s:
        code, name = s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' AND parent_code = '140824100000'"
            " LIMIT 1").fetchone()
    p = tmp_path / "town.csv"
    p.write_text(f"村,户主姓名\n{name},张三\n火星村,李四\n", encoding="utf-8")
    r = run("import-register", demo_path, p, "--township", "140824100", "--json")
    data = json.loads(r.stdout)
    assert data["added"] == 1 and [x["row"] for x in data["rejected"]] == [3]
    bad = run("import-register", demo_path, p, "--township", code)
    assert bad.returncode == 1 and "乡镇" in bad.stderr
