"""`fieldapp export households`, `reconcile`, `gaps` and `workorders` from the command line."""

import csv
import datetime as dt
import json
import subprocess
import sys

from openpyxl import load_workbook

from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def test_export_households_csv_and_xlsx(demo_path, tmp_path):
    out = tmp_path / "hh.csv"
    r = run("export", "households", demo_path, "--village", "140824100", "-o", out)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["household_id", "村区划代码", "村"]
    with Store.open(demo_path) as s:
        n = s.conn.execute("SELECT count(*) FROM households WHERE village_code LIKE '140824100%'"
                           " AND deleted = 0").fetchone()[0]
        uuid, masked = s.conn.execute("SELECT uuid, id_masked FROM households WHERE village_code"
                                      " LIKE '140824100%' LIMIT 1").fetchone()
    assert len(rows) == n + 1
    line = next(r for r in rows if r[0] == uuid)
    assert line[5] == masked and "*" in masked
    assert all(len(r[5]) == 18 and r[5][6:14] == "********" for r in rows[1:] if r[5])
    xlsx = tmp_path / "hh.xlsx"
    assert run("export", "households", demo_path, "-o", xlsx).returncode == 0
    from fieldapp.tabular.read import read_table

    assert len(read_table(xlsx).rows) == 3001


def test_export_errors(demo_path, tmp_path):
    for args in (["-o", tmp_path / "x.pdf"], ["--village", "999999999999", "-o", tmp_path / "a.csv"],
                 ["-o", tmp_path / "missing-dir" / "a.csv"]):
        r = run("export", "households", demo_path, *args)
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_reconcile_json_and_text(demo_path):
    r = run("reconcile", demo_path, "--json")
    data = json.loads(r.stdout)
    assert data["households"] == 3000 and data["level"] == "county"
    assert sum(c["households"] for c in data["children"]) == 3000
    assert data["covered"] + data["not_covered"] + data["never_visited"] <= 3000
    assert data["progress"]["target_date"].endswith("-12-31")
    text = run("reconcile", demo_path, "--area", "140824100").stdout
    assert "稷峰镇" in text and "覆盖率" in text


def test_workorders_and_gap_sheet(demo_path, tmp_path):
    past = run("workorders", demo_path, "create", "--area", "140824100", "--operator", "电信",
               "--due", "2020-01-01", "--json")
    assert past.returncode == 1 and "已经过去" in past.stderr
    assert json.loads(past.stdout)["error"]["code"] == "due_date_past"
    assert json.loads(run("workorders", demo_path, "list", "--json").stdout) == []
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    r = run("workorders", demo_path, "create", "--area", "140824100", "--operator", "电信",
            "--due", due, "--json")
    assert r.returncode == 0, r.stderr
    created = json.loads(r.stdout)
    made = created["created"]
    assert made > 0 and len(created["work_orders"]) == made and created["skipped"] == 0
    assert {o["due_date"] for o in created["work_orders"]} == {due}
    again = json.loads(run("workorders", demo_path, "create", "--area", "140824100",
                           "--operator", "联通", "--json").stdout)
    assert again["created"] == 0  # no second order for a household that has one
    with Store.open(demo_path) as s:  # a month goes by: the orders are past their due date
        s.conn.execute("UPDATE work_orders SET due_date = '2020-01-01'")
    r = run("workorders", demo_path, "list", "--overdue", "--json")
    orders = json.loads(r.stdout)
    assert len(orders) == made and all(o["overdue"] for o in orders)
    listed = run("workorders", demo_path, "list").stdout.splitlines()
    first = listed[0].split()[0]
    assert len(first) == 8 and any(o["uuid"].startswith(first) for o in orders)
    assert run("workorders", demo_path, "done", first, "--on", "2026-01-02").returncode == 0
    assert len(json.loads(run("workorders", demo_path, "list", "--overdue", "--json").stdout)
               ) == made - 1
    out = tmp_path / "gaps.xlsx"
    r = run("gaps", demo_path, "--township", "140824100", "-o", out)
    assert r.returncode == 0, r.stderr
    ws = load_workbook(out)["未覆盖户"]
    assert ws.max_row - 1 == made
    bad = run("workorders", demo_path, "done", "no-such-order")
    assert bad.returncode == 1 and "找不到工单" in bad.stderr
    assert run("gaps", demo_path).returncode == 1


def test_spotcheck_cli(demo_path, tmp_path):
    out = tmp_path / "spot.xlsx"
    r = run("spotcheck", demo_path, "draw", "--area", "140824100", "--count", "2", "--seed", "9",
            "-o", out, "--json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["seed"] == 9 and info["sampled"] > 0
    ws = load_workbook(out).worksheets[0]
    assert ws.max_row == info["sampled"] + 1
    household = ws.cell(row=2, column=11).value
    before = json.loads(run("reconcile", demo_path, "--json").stdout)
    # the short ids `show` prints (for the check and each household) are what `record` takes
    lines = run("spotcheck", demo_path, "show", info["uuid"][:8]).stdout.splitlines()
    item = next(ln.split()[0] for ln in lines if ws.cell(row=2, column=4).value in ln)
    assert len(item) == 8
    r = run("spotcheck", demo_path, "record", item, "not_confirmed", "--note", "无信号")
    assert r.returncode == 0, r.stderr
    shown = json.loads(run("spotcheck", demo_path, "show", info["uuid"], "--json").stdout)
    assert sum(v["not_confirmed"] for v in shown["villages"]) == 1
    # the household is no longer counted covered, and the operator has a repair order for it
    after = json.loads(run("reconcile", demo_path, "--json").stdout)
    assert (after["covered"], after["not_covered"]) == (before["covered"] - 1,
                                                        before["not_covered"] + 1)
    assert after["not_covered_by_reason"]["spot_check_not_confirmed"] == 1
    orders = json.loads(run("workorders", demo_path, "list", "--json").stdout)
    assert [(o["household_uuid"], o["kind"]) for o in orders] == [(household, "repair")]
    assert orders[0]["short_id"] in r.stdout
    assert run("check", demo_path).returncode == 0  # the stored status is the derived one
    bad = run("spotcheck", demo_path, "draw", "--area", "140824100", "--percent", "0")
    assert bad.returncode == 1 and "比例" in bad.stderr
