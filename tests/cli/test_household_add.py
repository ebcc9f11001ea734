"""`fieldapp household add`: a household found in the field (新发现户) is written with source
'field', counted as field_found, checked before writing, and matched by a later register import."""

import json
import subprocess
import sys

from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _village(path):
    with Store.open(path, readonly=True) as s:
        return s.conn.execute("SELECT code FROM areas WHERE level = 'village'"
                              " ORDER BY code LIMIT 1").fetchone()[0]


def _counts(path):
    info = json.loads(run("info", path, "--json").stdout)
    rec = json.loads(run("reconcile", path, "--json").stdout)
    return info, rec


def test_added_household_is_field_found_with_masked_id(demo_path):
    village = _village(demo_path)
    info0, rec0 = _counts(demo_path)
    r = run("household", "add", demo_path, "--village", village, "--name", " 张三丰 ",
            "--group", "第三组", "--door", "12号", "--phone", "13800138000",
            "--id-number", "11010519491231002X", "--lat", "35.6", "--lon", "110.98", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    info1, rec1 = _counts(demo_path)
    assert rec1["field_found"] == rec0["field_found"] + 1
    assert rec1["households"] == rec0["households"] + 1
    assert rec1["never_visited"] == rec0["never_visited"] + 1
    assert info1["counts"]["households"] == info0["counts"]["households"] + 1
    with Store.open(demo_path, readonly=True) as s:
        row = s.conn.execute(
            "SELECT source, village_code, group_no, head_name, address, id_masked, id_full,"
            " id_hash IS NOT NULL, lat, lon, status FROM households WHERE uuid = ?",
            (out["household_id"],)).fetchone()
        logged = s.conn.execute("SELECT count(*) FROM changes WHERE record_uuid = ?"
                                " AND op = 'insert'", (out["household_id"],)).fetchone()[0]
    assert tuple(row) == ("field", village, "3", "张三丰", "12号", "110105********002X", None,
                          1, 35.6, 110.98, "not_visited")
    assert logged == 1  # change-logged: it travels in the next bundle


def test_bad_input_is_refused_in_one_chinese_line_and_nothing_written(demo_path):
    village = _village(demo_path)
    with Store.open(demo_path, readonly=True) as s:
        before = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    cases = [
        (["--village", village[:9] + "000", "--name", "甲"], "不是村级"),
        (["--village", village[:9] + "999", "--name", "甲"], "没有这个村"),
        (["--village", village, "--name", "  "], "户主姓名"),
        (["--village", village, "--name", "甲", "--lat", "35.6"], "--lon"),
        (["--village", village, "--name", "甲", "--lat", "110.9", "--lon", "35.6"], "写反"),
        (["--village", village, "--name", "甲", "--id-number", "1234"], "身份证号"),
        (["--village", village, "--name", "甲", "--phone", "12"], "联系电话"),
    ]
    for extra, words in cases:
        r = run("household", "add", demo_path, *extra)
        assert r.returncode == 1, (extra, r.stdout)
        assert words in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    with Store.open(demo_path, readonly=True) as s:
        assert s.conn.execute("SELECT count(*) FROM households").fetchone()[0] == before


def test_register_import_matches_a_field_found_household(demo_path, tmp_path):
    village = _village(demo_path)
    r = run("household", "add", demo_path, "--village", village, "--name", "李新来",
            "--group", "2", "--json")
    uuid = json.loads(r.stdout)["household_id"]
    reg = tmp_path / "reg.csv"
    reg.write_text("村民小组,户主姓名,联系电话,家庭人口\n第二组,李新来,13912345678,4\n"
                   "第二组,王另一,,2\n", encoding="utf-8")
    r = run("import-register", demo_path, reg, "--village", village, "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert (res["added"], res["updated"]) == (1, 1)
    with Store.open(demo_path, readonly=True) as s:
        rows = s.conn.execute("SELECT uuid, phone, size FROM households WHERE head_name = '李新来'"
                              " AND deleted = 0").fetchall()
    assert [tuple(x) for x in rows] == [(uuid, "13912345678", 4)]
