"""`fieldapp gaps`: every gap list of issue 17 item 6 (not covered and not to standard with the
reason, never visited, nobody home, nobody home twice to revisit, paid subscribers not handed
over, illegal charges, spot checks not confirmed), the same numbers as `reconcile`, through the
real command."""

import json
import subprocess
import sys

from latest_visits import latest_answers
from openpyxl import load_workbook

from fieldapp.store import Store


def gap_lists(db):
    """`gaps --json`: one list of rows, each naming its gap list."""
    r = run("gaps", db, "--json")
    assert r.returncode == 0, r.stderr
    out = {}
    for row in json.loads(r.stdout):
        out.setdefault(row.pop("gap"), []).append(row)
    return out


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def test_gap_lists_hold_what_the_visits_say(demo_path, tmp_path):
    with Store.open(demo_path) as s:  # a TV that stopped working: the surveyor says why
        hh, head = s.conn.execute("SELECT uuid, head_name FROM households WHERE status ="
                                  " 'covered' ORDER BY uuid LIMIT 1").fetchone()
        with s.write("王海燕") as w:
            w.insert("visits", {"household_uuid": hh, "form_id": "huhutong_household",
                                "form_version": "1", "state": "complete",
                                "ended_at": "2026-11-30T10:00:00",
                                "answers": {"visit_result": "met", "reception_mode": "dbs",
                                            "works_now": "no", "not_covered_reason": "signal",
                                            "paid_cable_subscriber": "yes",
                                            "handed_over": "no", "illegal_charge": "yes",
                                            "charge_amount": 80, "charged_by": "安装人员"}})
    lists = gap_lists(demo_path)
    figures = json.loads(run("reconcile", demo_path, "--json").stdout)
    for key in ("not_covered", "never_visited", "nobody_home"):
        assert len(lists[key]) == figures[key] > 0, key
    answers = latest_answers(demo_path)
    assert {g["household_uuid"] for g in lists["not_handed_over"]} == {
        h for h, a in answers.items()
        if a.get("paid_cable_subscriber") == "yes" and a.get("handed_over") == "no"}
    charged = {g["household_uuid"]: g["charge_amount"] for g in lists["illegal_charge"]}
    assert charged == {h: a["charge_amount"] for h, a in answers.items()
                       if a.get("illegal_charge") == "yes"}
    assert charged[hh] == 80
    mine = next(g for g in lists["not_covered"] if g["household_uuid"] == hh)
    assert (mine["status_reason"], mine["reason_detail"], mine["below_standard"]) == (
        "not_working", "signal", True)
    assert all(g["status_reason"] != "signal" for g in lists["not_covered"])
    assert "spot_check_not_confirmed" not in lists

    out = tmp_path / "gaps.xlsx"
    r = run("gaps", demo_path, "-o", out)
    assert r.returncode == 0, r.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["未覆盖户", "未走访", "家中无人", "多次无人待回访", "付费用户未移交",
                               "违规收费", "抽查不符", "逾期工单", "服务网点缺口"]
    for name, key in (("未覆盖户", "not_covered"), ("未走访", "never_visited"),
                      ("家中无人", "nobody_home"), ("多次无人待回访", "revisit"),
                      ("付费用户未移交", "not_handed_over"),
                      ("违规收费", "illegal_charge")):
        assert book[name].max_row - 1 == len(lists.get(key, ())), name
    header = [c.value for c in book["未覆盖户"][1]]
    row = next(r for r in book["未覆盖户"].iter_rows(values_only=True) if r[-1] == hh)
    assert (row[header.index("户主姓名")], row[header.index("类别")],
            row[header.index("未覆盖原因")], row[header.index("具体原因")]) == (
        head, "未达覆盖标准", "不能正常收看", "信号问题")
    charge = next(r for r in book["违规收费"].iter_rows(values_only=True) if r[-1] == hh)
    assert 80 in charge and "安装人员" in charge


def test_spot_check_not_confirmed_is_its_own_list(demo_path):
    r = run("spotcheck", demo_path, "draw", "--area", "140824100", "--count", "1", "--seed", "3")
    item = r.stdout.splitlines()[1].split()[0]
    assert run("spotcheck", demo_path, "record", item, "not_confirmed", "--checker", "李强",
               "--note", "收不到县台", "--on", "2026-12-01").returncode == 0
    lists = gap_lists(demo_path)
    (spot,) = lists["spot_check_not_confirmed"]
    assert (spot["checker"], spot["note"], spot["checked_at"]) == ("李强", "收不到县台", "2026-12-01")
    back = next(g for g in lists["not_covered"] if g["household_uuid"] == spot["household_uuid"])
    assert back["status_reason"] == "spot_check_not_confirmed" and back["kind"] == "repair"
