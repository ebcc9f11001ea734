"""`fieldapp public-places DB [--township CODE] [--json]`, and what the store helpers write shows
on the printed public-places sheet (`fieldapp sheets --township`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fieldapp.cli import main
from fieldapp.store import Store
from fieldapp.store import public_places as P

TOWN = "140824100"
VERSION = "2026112501"


def _flat_pdf_text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return "".join(out.split())


@pytest.fixture
def new_place(demo_path):
    """A place entered and completed with the store helpers, answer by answer like the form."""
    with Store.open(demo_path) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE parent_code = ? ORDER BY code"
                                 " LIMIT 1", (TOWN + "000",)).fetchone()[0]
        uuid = P.create_place(s, "王海燕", village, VERSION, {"place_type": "hotel"})
        P.save_answers(s, "王海燕", uuid, {"place_name": "汾河湾温泉酒店"})
        P.save_answers(s, "王海燕", uuid, {"cable_opened": "yes",
                                          "channels": "cctv provincial county",
                                          "contact_name": "薛明"})
        P.complete_place(s, "王海燕", uuid)
    return uuid


def test_lists_a_township_as_text_and_json(demo_path, new_place, capsys):
    assert main(["public-places", str(demo_path), "--township", TOWN]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "汾河湾温泉酒店" in ln)
    assert line.split("\t")[0] == "宾馆酒店"
    assert "有线已开通" in line and "县台" in line and line.endswith("已完成")
    assert out.splitlines()[-1].startswith("共 ")

    assert main(["public-places", str(demo_path), "--township", TOWN, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    mine = next(r for r in rows if r["uuid"] == new_place)
    assert mine["name"] == "汾河湾温泉酒店" and mine["place_type"] == "hotel"
    assert mine["channels"] == ["cctv", "provincial", "county"]
    assert mine["state"] == "complete" and mine["surveyor"] == "王海燕"
    assert {r["township_code"] for r in rows} == {TOWN + "000"}
    with Store.open(demo_path) as s:
        assert len(rows) == len(P.list_places(s, TOWN))


def test_whole_county_by_default(demo_path, capsys):
    assert main(["public-places", str(demo_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len({r["township_code"] for r in rows}) == 9


@pytest.mark.parametrize("args,message", [
    (["--township", "140824999"], "没有这个乡镇"),
    (["--township", "140824100201"], "没有这个乡镇"),  # a village code
    (["--village", "140824100"], "没有这个村"),
    (["--township", "14"], "区划代码应为"),
])
def test_bad_area_is_one_line_on_stderr(demo_path, capsys, args, message):
    assert main(["public-places", str(demo_path), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: ") and message in err and "Traceback" not in err


def test_not_a_database(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_text("hello")
    r = subprocess.run([sys.executable, "-m", "fieldapp", "public-places", str(bad)],
                       check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr.startswith("fieldapp: ") and "Traceback" not in r.stderr


def test_round_trip_to_the_printed_places_sheet(demo_path, new_place, tmp_path, capsys):
    out = tmp_path / "town"
    assert main(["sheets", str(demo_path), "--township", TOWN, "-o", str(out)]) == 0
    pdf = next(out.glob("*公共场所核查表.pdf"))
    text = _flat_pdf_text(pdf)
    assert "汾河湾温泉酒店" in text
    assert "宾馆酒店汾河湾温泉酒店" in text  # type and name, as stored
    with Store.open(demo_path) as s:
        for p in P.list_places(s, TOWN):
            assert p["name"] in text
    # the place deleted: the next sheet no longer lists it
    with Store.open(demo_path) as s:
        P.delete_place(s, "王海燕", new_place)
    again = tmp_path / "again"
    assert main(["sheets", str(demo_path), "--township", TOWN, "-o", str(again)]) == 0
    assert "汾河湾温泉酒店" not in _flat_pdf_text(next(again.glob("*公共场所核查表.pdf")))
