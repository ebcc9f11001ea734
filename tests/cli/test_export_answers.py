"""`fieldapp export answers`: the raw answers of every visit, one row each, one column per question
(names or Chinese labels), repeat rows (a member roster) on their own sheet or CSV joined by key,
formula-safe cells — through the real command."""

import csv
import json
import subprocess
import sys

from openpyxl import load_workbook

from fieldapp.store import Store

TOWN = "140824100000"


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def _add_roster_visit(path):
    """A household found in the field, visited with a roster of three members and text that
    looks like a formula."""
    with Store.open(path) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village' AND code LIKE"
                                 " '140824100%' ORDER BY code LIMIT 1").fetchone()[0]
        with s.write("王海燕") as w:
            hh = w.insert("households", {"village_code": village, "group_no": "3",
                                         "head_name": "=HYPERLINK(\"http://x\")", "size": 3,
                                         "source": "field"})
            visit = w.insert("visits", {
                "household_uuid": hh, "form_id": "huhutong_household", "form_version": "1",
                "state": "complete", "ended_at": "2026-11-30T10:00:00", "answers": {
                    "visit_result": "met", "reception_mode": "iptv", "works_now": "yes",
                    "channels": "cctv county", "notes": "+86 138", "members": [
                        {"name": "张三", "relation": "head", "lives_here": "yes"},
                        {"name": "李四", "relation": "spouse", "lives_here": "yes"},
                        {"name": "张小", "relation": "child", "lives_here": "no"}]}})
    return hh, visit


def test_one_row_per_visit_with_every_answer(demo_path, tmp_path):
    hh, visit = _add_roster_visit(demo_path)
    out = tmp_path / "answers.csv"
    r = run("export", "answers", demo_path, "-o", out)
    assert r.returncode == 0, r.stderr
    rows = _csv(out)
    with Store.open(demo_path, readonly=True) as s:
        stored = {u: (h, json.loads(a)) for u, h, a in s.conn.execute(
            "SELECT v.uuid, v.household_uuid, v.answers FROM visits v JOIN households h"
            " ON h.uuid = v.household_uuid WHERE v.deleted = 0 AND h.deleted = 0")}
    assert len(rows) == len(stored) and {r["KEY"] for r in rows} == set(stored)
    for row in rows:
        household, answers = stored[row["KEY"]]
        assert row["household_id"] == household and row["form_id"] == "huhutong_household"
        if row["KEY"] == visit:
            continue  # below: its formula-like text and roster
        for key, value in answers.items():
            if isinstance(value, list):  # a repeat (the member roster): counted on the row
                assert row[f"{key}_count"] == str(len(value)), (key, row["KEY"])
                continue
            assert row[key] == str(value), (key, row["KEY"])
        chosen = str(answers.get("channels", "")).split()
        if chosen:
            assert row["channels/county"] == ("1" if "county" in chosen else "0")
    mine = next(r for r in rows if r["KEY"] == visit)
    assert mine["members_count"] == "3" and mine["household_size"] == "3"
    assert mine["head_name"].startswith("'=") and mine["notes"] == "'+86 138"  # never a formula
    assert (mine["channels"], mine["works_now"]) == ("cctv county", "yes")
    roster = [m for m in _csv(tmp_path / "answers-members.csv") if m["PARENT_KEY"] == visit]
    assert [(m["PARENT_KEY"], m["name"], m["lives_here"]) for m in roster] == [
        (visit, "张三", "yes"), (visit, "李四", "yes"), (visit, "张小", "no")]
    assert roster[0]["KEY"] == f"{visit}/members[1]"


def test_labels_township_and_workbook(demo_path, tmp_path):
    _, visit = _add_roster_visit(demo_path)
    out = tmp_path / "answers.xlsx"
    r = run("export", "answers", demo_path, "--township", "稷峰镇", "--labels", "-o", out)
    assert r.returncode == 0, r.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["走访", "members"]
    sheet = list(book["走访"].iter_rows(values_only=True))
    header, body = sheet[0], sheet[1:]
    with Store.open(demo_path, readonly=True) as s:
        n = s.conn.execute("SELECT count(*) FROM visits v JOIN households h ON h.uuid ="
                           " v.household_uuid WHERE v.deleted = 0 AND h.deleted = 0 AND"
                           " h.village_code LIKE '140824100%'").fetchone()[0]
    assert len(body) == n and {r[header.index("乡镇")] for r in body} == {"稷峰镇"}
    mine = dict(zip(header, next(r for r in body if r[0] == visit)))
    assert mine["电视接收方式"] == "IPTV（通信运营商）" and mine["走访结果"] == "见到住户"
    assert mine["能收看的频道"] == "中央台（CCTV）、县台" and mine["能收看的频道/省台"] == 0
    assert mine["户来源"] == "新发现户" and mine["members（条数）"] == 3
    members = list(book["members"].iter_rows(values_only=True))
    parent = members[0].index("PARENT_KEY")
    assert len([m for m in members[1:] if m[parent] == visit]) == 3


def test_bad_requests_say_why(demo_path, tmp_path):
    for args in (["-o", tmp_path / "a.pdf"], ["--village", "稷峰镇", "-o", tmp_path / "a.csv"],
                 ["-o", tmp_path / "missing" / "a.csv"]):
        r = run("export", "answers", demo_path, *args)
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
