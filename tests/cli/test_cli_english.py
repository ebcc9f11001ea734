"""Every line a command prints is English with an English locale (LANG=en_...) and Chinese by
default: real commands in their own processes, on success and on failure.  Only data values
(area and household names, what the user typed) may be Chinese in English output; `--json`
carries the error's stable code."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest
from inline_xlsform import write_xlsform
from zip_methods import with_compression_method

from fieldapp.store import Store

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
PASSPHRASE = "correct horse battery staple 42"
NO_VILLAGE = "没有这个村"


def run(lang: str | None, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    if lang:
        env["LANG"] = lang
    env["FIELDAPP_PASSPHRASE"] = PASSPHRASE
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          check=False, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def setting(tmp_path_factory, demo_template):
    """The demo county, a county database with keys, a bad register and a bad bundle, and the
    data values (names) that may stay Chinese."""
    tmp = tmp_path_factory.mktemp("english")
    county = tmp / "county.sqlite"
    made = run("en_US.UTF-8", "init", county, "--role", "county", "--county", "140824")
    assert made.returncode == 0, made.stderr
    (tmp / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp / "bad.fab").write_bytes(b"not a bundle at all" * 10)
    with Store.open(demo_template, readonly=True) as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM areas") if r[0]}
        names |= {r[0] for r in store.conn.execute("SELECT head_name FROM households")
                  if r[0]}
        names |= {v for r in store.conn.execute(
            "SELECT name, address, contact FROM facilities") for v in r if v}
        village = store.conn.execute(
            "SELECT name FROM areas WHERE level = 'village' ORDER BY code LIMIT 1").fetchone()[0]
    names |= {NO_VILLAGE, *ROW_NAMES, "类型", "终端"}  # what fac.csv says
    _bad_rows(tmp / "rows.csv", village)
    damaged = tmp / "damaged.sqlite"
    shutil.copy(demo_template, damaged)
    conn = sqlite3.connect(damaged, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    for damage in DAMAGE:
        conn.execute(damage)
    conn.close()
    household = sqlite3.connect(demo_template).execute(
        "SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
    (tmp / "visits.csv").write_text(
        "household_id,visit_date,surveyor\nbogus,2025-01-02,Li\n"
        f"{household},2999-01-01,Li\n{household},2025-01-02,\n{household},not a day,Li\n",
        encoding="utf-8")
    (tmp / "points.csv").write_text(
        "household_id,lon,lat\nbogus,112.1,35.1\n"
        f"{household},east,35.1\n{household},nan,35.1\n{household},112.1,35.1\n"
        f"{household},112.2,35.2\n", encoding="utf-8")
    _bad_inputs(tmp)
    return {"db": demo_template, "county": county, "tmp": tmp, "damaged": damaged,
            "names": sorted(names, key=len, reverse=True)}


ROW_NAMES = ("王小五", "赵六", "钱七", "孙八")
GOOD_ID = "11010519491231002X"


def _bad_rows(path, village):
    """A register whose rows go wrong in the ways people's files do (file rows 2 to 7)."""
    rows = [("村", "组", "户主姓名", "身份证号", "联系电话"),
            (village, "1", "王小五", GOOD_ID, "12345"),  # 2: a phone left out (a note)
            (village, "1", "赵六", "110105194912310020", ""),  # 3: wrong check digit
            (village, "2", "", "", "13800138000"),  # 4: no head's name
            (village, "2", "钱七", GOOD_ID, ""),  # 5: same ID number as row 2
            (NO_VILLAGE, "3", "孙八", "", ""),  # 6: no such village
            (village, "3", "钱七", "1101051949", "")]  # 7: an ID number too short
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")


def _bad_inputs(tmp):
    """A form with problems of many kinds, a workbook packed with a compression method Python
    cannot inflate, a boundary file whose features cannot be used, a service points sheet with
    a kind the command does not take."""
    write_xlsform(tmp / "bad_form.xlsx", [
        ["type", "name", "label", "relevant", "colour"], ["frobnicate", "a", "A", "", ""],
        ["text", "b", "B", "foo(1)", ""], ["text", "1bad", "C", "", ""],
        ["select_one nolist", "d", "D", "", ""], ["osm", "e", "E", "", ""],
        ["text", "f", "F", "${b} = ", "x"], ["calculate", "g", "", "", ""],
        ["begin group", "grp", "G", "", ""]], [["list_name", "name", "label"]])
    write_xlsform(tmp / "odd.xlsx", [["type", "name", "label"], ["text", "a", "A"]])
    with_compression_method(tmp / "odd.xlsx", 9)
    (tmp / "bad.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": NO_VILLAGE}, "geometry": None},
        {"type": "Feature", "properties": {"name": NO_VILLAGE},
         "geometry": {"type": "Point", "coordinates": [110.9, 35.6]}}]}), encoding="utf-8")
    (tmp / "fac.csv").write_text("类型,名称,乡镇\n终端,一处,稷峰镇\n", encoding="utf-8")


# A copy of the demo database with damage `fieldapp check` finds and gives examples of.
DAMAGE = (
    ("INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op, data, at)"
     " SELECT device_id, last_counter + 1, 'x', 'households', 'gone', 'update', '{}', 'now'"
     " FROM devices WHERE status = 'self'"),
    ("INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op, data, at)"
     " VALUES ('stranger', 1, 'x', 'households', 'gone', 'update', '{}', 'now')"),
    ("UPDATE visits SET household_uuid = 'no-such-household'"
     " WHERE rowid = (SELECT min(rowid) FROM visits)"),
    ("UPDATE households SET status = 'covered'"
     " WHERE uuid = (SELECT uuid FROM households WHERE status = 'vacant' LIMIT 1)"),
)


COMMANDS = {
    "info": (0, ["info", "{db}"]),
    "reconcile": (0, ["reconcile", "{db}"]),
    "gaps": (0, ["gaps", "{db}", "--township", "140824100", "-o", "{tmp}/gaps_{lang}.xlsx"]),
    "check": (0, ["check", "{db}"]),
    "sheets_wrong_village": (1, ["sheets", "{db}", "--village", NO_VILLAGE, "-o",
                                 "{tmp}/s.pdf"]),
    "import_bad_register": (1, ["import-register", "{db}", "{tmp}/bad.csv", "--dry-run"]),
    "merge_bad_bundle": (1, ["bundle", "merge", "{county}", "{tmp}/bad.fab"]),
    "check_missing": (1, ["check", "{tmp}/none.sqlite"]),
    "import_register_bad_rows": (0, ["import-register", "{db}", "{tmp}/rows.csv", "--dry-run"]),
    "check_damaged": (1, ["check", "{damaged}"]),
    "import_visits_bad_rows": (0, ["import-visits", "{damaged}", "{tmp}/visits.csv"]),
    "map_points_bad_rows": (0, ["map", "import", "{db}", "{tmp}/points.csv", "--dry-run"]),
    "form_check_bad_form": (1, ["form", "check", "{tmp}/bad_form.xlsx"]),
    "form_publish_bad_form": (1, ["form", "publish", "{county}", "{tmp}/bad_form.xlsx"]),
    "form_check_odd_compression": (1, ["form", "check", "{tmp}/odd.xlsx"]),
    "register_odd_compression": (1, ["import-register", "{db}", "{tmp}/odd.xlsx", "--dry-run"]),
    "map_bad_boundaries": (1, ["map", "import", "{db}", "{tmp}/bad.geojson", "--dry-run"]),
    "map_check": (0, ["map", "check", "{db}"]),
    "sheets_verify_garbage": (1, ["sheets", "verify", "{db}", "garbage"]),
    "service_points_wrong_kind": (1, ["service-points", "import", "{db}", "{tmp}/fac.csv"]),
    "service_points_list": (0, ["service-points", "list", "{db}"]),
    "export_wrong_type": (1, ["export", "households", "{db}", "-o", "{tmp}/x.txt"]),
    "basemap_not_mbtiles": (1, ["map", "basemap", "{db}"]),
    "rollup_no_server": (1, ["rollup", "push", "{db}", "--to", "dbname=x port=1"]),
}


def _args(setting, argv, lang):
    return [a.format(db=setting["db"], county=setting["county"], tmp=setting["tmp"],
                     damaged=setting["damaged"], lang=lang) for a in argv]


def _without_data(text: str, names) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


@pytest.mark.parametrize("name", COMMANDS)
def test_english_locale_prints_english(setting, name):
    code, argv = COMMANDS[name]
    r = run("en_US.UTF-8", *_args(setting, argv, "en"))
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr and (r.stdout + r.stderr).strip()
    left = _without_data(r.stdout + r.stderr, setting["names"])
    assert not CJK.search(left), [line for line in left.splitlines() if CJK.search(line)]


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_is_the_default(setting, name):
    code, argv = COMMANDS[name]
    r = run(None, *_args(setting, argv, "zh"))
    assert r.returncode == code, r.stderr
    assert CJK.search(_without_data(r.stdout + r.stderr, setting["names"]))


@pytest.mark.parametrize("argv, code", [
    (["sheets", "{db}", "--village", NO_VILLAGE, "-o", "{tmp}/s.pdf", "--json"],
     "area_not_found"),
    (["import-register", "{db}", "{tmp}/bad.csv", "--dry-run", "--json"], "no_header"),
    (["check", "{tmp}/none.sqlite", "--json"], "not_found"),
    (["sheets", "{db}", "-o", "{tmp}/s.pdf", "--json"], "usage"),
])
def test_json_errors_carry_the_code_and_both_sentences(setting, argv, code):
    r = run("en_US.UTF-8", *_args(setting, argv, "en"))
    assert r.returncode == 1
    error = json.loads(r.stdout)["error"]
    assert error["code"] == code
    assert CJK.search(error["message"]) and not CJK.search(
        _without_data(error["message_en"], setting["names"]))
    assert error["message_en"] in r.stderr


def test_a_refused_bundle_says_why_in_both_languages(setting):
    r = run("en_US.UTF-8", "bundle", "merge", setting["county"], setting["tmp"] / "bad.fab",
            "--json")
    rejected = json.loads(r.stdout)["rejected"]
    assert r.returncode == 1 and rejected[0]["code"] == "bundle_rejected"
    assert rejected[0]["reason_en"] == "Not a fieldapp bundle (wrong file header)"
    assert rejected[0]["reason"] == "不是 fieldapp 同步包（文件头不对）"


def test_every_help_text_has_its_english():
    from fieldapp.cli import build_parser
    from fieldapp.cli.help_en import table, texts

    english = table()
    missing = {getattr(owner, attr) for owner, attr in texts(build_parser())
               if isinstance(getattr(owner, attr), str) and CJK.search(getattr(owner, attr))
               and getattr(owner, attr) not in english}
    assert missing == set(), "add a line to resources/i18n/en/cli_help.tsv"
    assert all(en.isascii() and en.strip() for en in english.values())


@pytest.mark.parametrize("argv", [["--help"], ["sheets", "--help"], ["gaps", "--help"],
                                  ["import-register", "--help"], ["bundle", "merge", "--help"]])
def test_help_in_english_and_by_default_in_chinese(argv):
    en, zh = run("en_US.UTF-8", *argv), run(None, *argv)
    assert en.returncode == zh.returncode == 0
    assert not CJK.search(en.stdout) and CJK.search(zh.stdout)
    assert "show this help message" in en.stdout and "显示本帮助" in zh.stdout


def test_usage_errors_follow_the_language():
    en, zh = run("en_US.UTF-8", "sheets"), run(None, "sheets")
    assert en.returncode == zh.returncode == 2
    assert "the following arguments are required" in en.stderr and not CJK.search(en.stderr)
    assert "缺少必需的参数" in zh.stderr and "usage" not in zh.stderr and "error" not in zh.stderr


def test_register_rows_not_imported_say_why_in_the_users_language(setting):
    argv = ["import-register", setting["db"], setting["tmp"] / "rows.csv", "--dry-run"]
    en, zh = run("en_US.UTF-8", *argv), run(None, *argv)
    assert en.returncode == zh.returncode == 0, en.stderr
    for line in ("row 3: The ID number's check digit is wrong",
                 "row 4: The head of household's name is missing",
                 "row 5: Same ID number as row 2 (a duplicate)",
                 f'row 6: This county has no village named "{NO_VILLAGE}"',
                 "row 7: An ID number has 18 characters (this one has 10)"):
        assert line in en.stdout, en.stdout
    assert "note, row 2: Not a valid phone number, left out: 12345" in en.stderr
    for line in ("第 3 行: 身份证号校验位错误", "第 4 行: 缺少户主姓名",
                 "第 5 行: 与第 2 行身份证号相同（重复）", f"第 6 行: 本县没有名为“{NO_VILLAGE}”的村",
                 "第 7 行: 身份证号应为 18 位（实际 10 位）"):
        assert line in zh.stdout, zh.stdout
    assert "提示 第 2 行: 电话号码无效，未导入: 12345" in zh.stderr


def test_register_rows_in_json_carry_both_languages_and_a_code(setting):
    r = run("en_US.UTF-8", "import-register", setting["db"], setting["tmp"] / "rows.csv",
            "--dry-run", "--json")
    rejected = {p["row"]: p for p in json.loads(r.stdout)["rejected"]}
    assert rejected[3] == {"row": 3, "reason": "身份证号校验位错误", "code": "id_check_digit",
                           "reason_en": "The ID number's check digit is wrong"}


def test_check_examples_in_english(setting):
    r = run("en_US.UTF-8", "check", setting["damaged"])
    examples = [line for line in r.stdout.splitlines() if line.strip().startswith("e.g.")]
    assert r.returncode == 1 and len(examples) >= 3, r.stdout
    assert any("is not in the device table" in line for line in examples), examples
    zh = run(None, "check", setting["damaged"])
    assert "但设备表中没有它" in zh.stdout


def test_paper_visit_rows_not_imported_say_why_in_english(setting):
    r = run("en_US.UTF-8", "import-visits", setting["damaged"], setting["tmp"] / "visits.csv")
    assert r.returncode == 0, r.stderr
    for line in ("row 2: No household has the household_id bogus",
                 "row 3: The visit date is after today: 2999-01-01",
                 "row 4: The surveyor is missing", "row 5: Not a valid visit date: not a day"):
        assert line in r.stdout, r.stdout


def test_map_point_rows_not_imported_say_why_in_english(setting):
    r = run("en_US.UTF-8", "map", "import", setting["db"], setting["tmp"] / "points.csv",
            "--dry-run")
    assert r.returncode == 0, r.stderr
    for line in ("row 2: No household has the ID bogus",
                 "row 3: The coordinates are not numbers: 'east', '35.1'",
                 "row 4: The longitude is not a finite number: nan",
                 "row 6: The same household as row 5; ignored",
                 "note: The file does not say its coordinate system"):
        assert line in r.stderr, r.stderr


def test_a_forms_own_problems_are_english_with_an_english_locale(setting):
    argv = ["form", "check", setting["tmp"] / "bad_form.xlsx"]
    en, zh = run("en_US.UTF-8", *argv), run(None, *argv)
    assert en.returncode == zh.returncode == 1
    for line in ("fieldapp: bad_form.xlsx sheet survey row 2 column type (A): Unsupported "
                 "question type: frobnicate (8 problems in all)",
                 "row 3 column relevant (D): Unsupported function foo()",
                 "row 4 column name (B): A field name uses only letters, digits and underscores",
                 "row 5 column type (A): The choices sheet has no choice list nolist",
                 "row 6 column type (A): The question type osm cannot be used on a laptop: it "
                 "needs the OpenMapKit app on a phone",
                 "row 7 column relevant (D): The expression ends too early (at character 7)",
                 "row 8 column calculation: The calculated field g has no calculation",
                 "row 9 column type (A): The group grp has no end_group"):
        assert line in en.stderr, en.stderr
    assert "不支持的题型: frobnicate（共 8 处问题）" in zh.stderr
    assert "分组 grp 没有对应的 end_group" in zh.stderr


def test_counts_in_english_agree_with_their_nouns(setting):
    r = run("en_US.UTF-8", "import-register", setting["db"], setting["tmp"] / "rows.csv",
            "--dry-run")
    assert "1 household added" in r.stdout and "5 rows not imported" in r.stdout, r.stdout
    assert "1 note," in r.stdout


def test_a_form_problem_names_its_place_in_english(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (["type", "name", "label"], ["integer", "n", "N"], ["bogus_type", "m", "M"]):
        ws.append(row)
    wb.save(tmp_path / "form.xlsx")
    en = run("en_US.UTF-8", "form", "check", tmp_path / "form.xlsx")
    zh = run(None, "form", "check", tmp_path / "form.xlsx")
    assert en.returncode == zh.returncode == 1
    assert "form.xlsx sheet survey row 3 column type (A): " in en.stderr
    assert "form.xlsx 工作表 survey 第 3 行 type 列（A）: " in zh.stderr
