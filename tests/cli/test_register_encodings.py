"""CSV registers in the encodings people bring (issue 14 item 4): UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK and Big5 are recognised through the real CLI — names arrive intact —
and text that no encoding decodes cleanly is refused with a message instead of a guess."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

from fieldapp.store import Store

SIMPLIFIED = "户籍花名册\n户主姓名,身份证号码,村民小组,联系电话,家庭人口\n张三丰,,第一组,,3\n刘秀英,,二组,,4\n"
TRADITIONAL = "戶籍花名冊\n戶主姓名,身份證號碼,村民小組,聯繫電話,家庭人口\n張三豐,,第一組,,3\n劉秀英,,二組,,4\n"


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


@pytest.fixture
def village(demo_path):
    with Store.open(demo_path) as s:
        return s.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1").fetchone()[0]


@pytest.mark.parametrize(("encoding", "raw", "names"), [
    ("utf-8", SIMPLIFIED.encode("utf-8"), ["张三丰", "刘秀英"]),
    ("utf-8-bom", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), ["张三丰", "刘秀英"]),
    ("utf-16", SIMPLIFIED.encode("utf-16"), ["张三丰", "刘秀英"]),
    ("utf-16-be", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), ["张三丰", "刘秀英"]),
    ("gb18030", SIMPLIFIED.encode("gb18030"), ["张三丰", "刘秀英"]),
    ("big5", TRADITIONAL.encode("big5"), ["張三豐", "劉秀英"]),
])
def test_each_encoding_is_recognised_and_names_arrive_intact(demo_path, village, tmp_path,
                                                             encoding, raw, names):
    p = tmp_path / f"reg-{encoding}.csv"
    p.write_bytes(raw)
    r = run("import-register", demo_path, p, "--village", village, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"] == 2
    with Store.open(demo_path) as s:
        stored = {row[0] for row in s.conn.execute(
            "SELECT head_name FROM households WHERE village_code = ?", (village,))}
    assert set(names) <= stored


@pytest.mark.parametrize("raw", [
    "户主姓名,村民小组\n".encode("utf-8") + "café,1\n".encode("latin-1"),  # two encodings
    "名前,東京都,1\n".encode("shift_jis"),
    codecs.BOM_UTF16_LE + b"\xff\xff\x00\x81",
    b"\x00\x01\x02binary\xff\xfe" * 50,
])
def test_text_no_encoding_decodes_cleanly_is_refused(demo_path, village, tmp_path, raw):
    p = tmp_path / "mixed.csv"
    p.write_bytes(raw)
    with Store.open(demo_path) as s:
        count = s.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    r = run("import-register", demo_path, p, "--village", village)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "mixed.csv" in r.stderr and "无法识别文件编码" in r.stderr, r.stderr
    with Store.open(demo_path) as s:
        assert s.conn.execute("SELECT count(*) FROM households").fetchone()[0] == count
