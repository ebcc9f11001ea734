"""Household-points CSVs are decoded like registers (core.text_encoding): Big5 and UTF-16 files
import through the real `fieldapp map import`, and a file no encoding decodes cleanly is refused
with the encoding message naming the file, nothing written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.jobs.demo_build import build_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("points") / "d.sqlite"
    build_demo(path, "140824", households=12, seed=3)
    return path


@pytest.fixture
def db(county, tmp_path) -> Path:
    dest = tmp_path / "d.sqlite"
    dest.write_bytes(county.read_bytes())
    return dest


def _households(db: Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT uuid, village_code, head_name, lon, lat FROM households"
                           " WHERE deleted = 0 ORDER BY uuid").fetchall()
    finally:
        con.close()


def _import(db: Path, csv: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "fieldapp", "map", "import", str(db), str(csv),
                           "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def _table(rows: list[tuple]) -> str:
    """A points table keyed by village code and head name, in traditional-script headers where
    Big5 can hold them (村代碼 is not among our names: 村代码 is written in both scripts' files)."""
    lines = ["户主姓名,村代码,经度,纬度"]
    lines += [f"{head},{village},{111.2 + i / 1000:.3f},35.7" for i, (_u, village, head, *_r)
              in enumerate(rows)]
    return "\r\n".join(lines) + "\r\n"


def _heads_in(rows, encoding: str) -> list[tuple]:
    """The households whose head's name the encoding can write (Big5 lacks a few simplified
    characters)."""
    out = []
    for r in rows:
        try:
            r[2].encode(encoding)
        except UnicodeEncodeError:
            continue
        out.append(r)
    return out


@pytest.mark.parametrize("encoding", ["big5", "utf-16"])
def test_points_in_big5_and_utf16_are_imported(db, tmp_path, encoding):
    rows = _heads_in(_households(db), encoding)[:4]
    assert rows, "no head name writable in this encoding"
    path = tmp_path / f"坐标-{encoding}.csv"
    text = _table(rows)
    if encoding == "big5":
        text = text.replace("户主姓名", "戶主姓名").replace("村代码", "村代碼") \
            .replace("经度", "經度").replace("纬度", "緯度")
        path.write_bytes(text.encode("big5"))
    else:
        path.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Excel writes it
    run = _import(db, path)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["updated"] == len(rows) and result["rejected"] == []
    stored = {u: (lon, lat) for u, _v, _h, lon, lat in _households(db)}
    assert [stored[r[0]] for r in rows] == [(round(111.2 + i / 1000, 3), 35.7)
                                            for i in range(len(rows))]


@pytest.mark.parametrize("raw", [
    "户主姓名,村代码,经度,纬度\r\n".encode() + b"\xff\xfe\xfa\x80\x81,1,111,35\r\n",  # no script
    b"household_id,lon,lat\r\n\x1b\x01\x02,111,35\r\n",  # control characters: not text
], ids=["undecodable", "control-characters"])
def test_a_points_file_that_is_not_clean_text_is_refused_naming_it(db, tmp_path, raw):
    before = _households(db)
    path = tmp_path / "坐标乱码.csv"
    path.write_bytes(raw)
    run = _import(db, path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    error = json.loads(run.stdout)["error"] if run.stdout.strip() else None
    said = run.stderr + (error["message"] if error else "")
    assert "坐标乱码.csv" in said and "无法识别文件编码" in said, said
    assert _households(db) == before
