"""fieldapp form check FORM.xlsx [--json]"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from fieldapp.cli.form import run_check
from fieldapp.core.paths import forms_dir


def main(argv):
    """Run `fieldapp form check` in-process (argv as on the command line)."""
    assert argv[:2] == ["form", "check"]
    return run_check(argparse.Namespace(form=argv[2], json="--json" in argv))


def test_command_line_exit_codes(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "fieldapp", "form", "check",
                         str(forms_dir() / "huhutong_household.xlsx"), "--json"],
                        capture_output=True, text=True, timeout=120, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)["form_id"] == "huhutong_household"
    (tmp_path / "x.xlsx").write_bytes(b"junk")
    bad = subprocess.run([sys.executable, "-m", "fieldapp", "form", "check",
                          str(tmp_path / "x.xlsx")], capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("fieldapp: x.xlsx")


@pytest.mark.parametrize("name, form_id, version", [
    ("huhutong_household.xlsx", "huhutong_household", "2026120601"),
    ("public_place.xlsx", "public_place", "2026112501")])
def test_shipped_forms_pass(capsys, name, form_id, version):
    assert main(["form", "check", str(forms_dir() / name), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["form_id"] == form_id and data["version"] == version and data["title"]
    assert data["pyxform"]["ok"] is True
    for f in data["fields"]:
        assert set(f) >= {"name", "type", "required", "choices"}


def test_household_fields_in_json(capsys):
    main(["form", "check", str(forms_dir() / "huhutong_household.xlsx"), "--json"])
    fields = {f["name"]: f for f in json.loads(capsys.readouterr().out)["fields"]}
    assert fields["visit_result"]["required"] is True
    assert fields["visit_result"]["choices"][0] == "met"
    assert fields["notes"]["required"] is False and fields["notes"]["choices"] == []
    assert fields["member_name"]["repeat"] == "members" and fields["notes"]["repeat"] is None
    assert fields["relation"]["choices"][0] == "head"


def test_text_output(capsys):
    assert main(["form", "check", str(forms_dir() / "public_place.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "公共场所有线电视接入核查表" in out and "检查通过" in out


def test_broken_workbook_lists_every_problem(tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (["type", "name", "label", "relevant"], ["text", "a", "甲", "${zz} = 1"],
                ["integer", "a", "乙", ""], ["rating", "r", "丙", ""]):
        ws.append(row)
    s = wb.create_sheet("settings")
    s.append(["form_id", "version"])
    s.append(["f", "1"])
    wb.save(tmp_path / "bad.xlsx")
    assert main(["form", "check", str(tmp_path / "bad.xlsx")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("fieldapp: bad.xlsx 工作表 survey 第 2 行 relevant 列（D）")
    assert "共 3 处问题" in err[0]
    assert any("第 3 行 name 列" in line for line in err[1:])
    assert any("第 4 行 type 列" in line and "rating" in line for line in err[1:])
    assert main(["form", "check", str(tmp_path / "bad.xlsx"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [(e["row"], e["column"]) for e in data["errors"]] == [
        (2, "relevant"), (3, "name"), (4, "type")]


def test_not_an_excel_file(tmp_path, capsys):
    (tmp_path / "x.xlsx").write_text("not excel")
    assert main(["form", "check", str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: x.xlsx") and "Traceback" not in err
