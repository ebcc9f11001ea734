"""Command messages are Chinese; with an English locale (LANG=en_…) catalogued errors are
English, the same sentence as `--json` gives in `message_en`."""

import json
import os
import subprocess
import sys


def run(lang: str, *args):
    env = dict(os.environ, LANG=lang)
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def test_missing_database_in_chinese_and_in_english(tmp_path):
    missing = tmp_path / "none.sqlite"
    zh = run("zh_CN.UTF-8", "info", missing)
    en = run("en_GB.UTF-8", "info", missing, "--json")
    assert zh.returncode == en.returncode == 1
    assert "数据库文件不存在" in zh.stderr and "Traceback" not in zh.stderr
    assert "The database file does not exist" in en.stderr and "数据库" not in en.stderr
    error = json.loads(en.stdout)["error"]
    assert error["code"] == "not_found" and error["message"] == "数据库文件不存在"
    assert error["message_en"] == "The database file does not exist"


def test_area_not_found_names_the_option_in_english(demo_path):
    r = run("en_US.UTF-8", "sheets", demo_path, "--village", "没有这个村", "-o", "x.pdf")
    assert r.returncode != 0 and "--village 没有这个村: no such area" in r.stderr
