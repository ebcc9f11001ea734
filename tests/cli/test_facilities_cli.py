"""`fieldapp service-points|terminals import|list|add` and `fieldapp gaps --json` as county staff
run them (separate processes)."""

from __future__ import annotations

import json
import subprocess
import sys

from openpyxl import Workbook


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], capture_output=True,
                          text=True, env=None, timeout=300)


def test_import_list_add_and_gaps_by_command(store, tmp_path):
    db = str(store.path)
    store.close()
    book = tmp_path / "服务网点.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["秀洲 户户通 服务网点登记表"])  # a title row above the header
    ws.append(["类型", "乡镇", "村（社区）", "名称", "联系电话"])
    ws.append(["乡镇服务站", "140824100", None, "稷峰镇广电服务站", "0359-5522001"])
    ws.append(["村级代办点", "稷峰镇", "东街村", "东街代办点", None])
    wb.save(book)
    done = _run("service-points", "import", db, str(book), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 2
    added = _run("terminals", "add", db, "--township", "西社镇", "--name", "西社镇广场",
                 "--status", "broken", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["uuid"]
    listed = json.loads(_run("service-points", "list", db, "--township", "稷峰镇",
                             "--json").stdout)
    assert [(r["kind"], r["name"]) for r in listed] == [("station", "稷峰镇广电服务站"),
                                                        ("agency", "东街代办点")]
    text = _run("terminals", "list", db).stdout
    assert "西社镇广场" in text and "故障" in text
    gaps = json.loads(_run("gaps", db, "--json").stdout)
    towns = {g["code"] for g in gaps if g["gap"] == "no_service_station"}
    assert "140824101000" in towns and "140824100000" not in towns
    assert any(g["gap"] == "no_agency_point" for g in gaps)


def test_a_bad_row_is_refused_in_chinese_naming_file_row_and_column(store, tmp_path):
    db = str(store.path)
    store.close()
    csv = tmp_path / "终端.csv"
    csv.write_text("乡镇,安装位置,状态\n稷峰镇,东街口,正常\n稷峰镇,西街口,有点响\n",
                   encoding="gbk")
    run = _run("terminals", "import", db, str(csv))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert str(csv) in run.stderr and "第 3 行" in run.stderr and "状态" in run.stderr
    assert "有点响" in run.stderr
    assert json.loads(_run("terminals", "list", db, "--json").stdout) == []
