"""The command-line contract: --version, demo, info --json, and one-line errors on bad input."""

import json
import os
import subprocess
import sys

import pytest

from fieldapp import __version__
from fieldapp.store import Store
from fieldapp.store.schema import SCHEMA_VERSION


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          capture_output=True, text=True, timeout=300, **kw)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"fieldapp {__version__}"


def test_demo_then_info_json(tmp_path):
    db = tmp_path / "d.sqlite"
    r = run("demo", db, "--county", "330411", "--households", "1200", "--seed", "5")
    assert r.returncode == 0, r.stderr
    r = run("info", db, "--json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["role"] == "county"
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["county_code"] == "330411"
    assert info["counts"] == {"townships": 9, "villages": 170, "households": 1200,
                              "visits": info["counts"]["visits"], "located_households": 1200}
    assert 0 < info["counts"]["visits"] <= 1200


def test_demo_refuses_to_overwrite(tmp_path):
    db = tmp_path / "d.sqlite"
    db.write_bytes(b"my data")
    r = run("demo", db, "--households", "10")
    assert r.returncode != 0
    assert db.read_bytes() == b"my data"
    assert "已存在" in r.stderr and "Traceback" not in r.stderr


def _one_line_error(r):
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("fieldapp: ")
    return lines[0]


def test_bad_databases_give_one_line(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(2048))
    assert "不是 fieldapp 数据库" in _one_line_error(run("info", junk))
    assert "不存在" in _one_line_error(run("info", tmp_path / "missing.sqlite"))
    newer = tmp_path / "newer.sqlite"
    s = Store.create(newer)
    s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    s.close()
    assert "升级" in _one_line_error(run("info", newer))
    assert "文件夹" in _one_line_error(run("info", tmp_path))


@pytest.mark.parametrize("argv", [["demo", "x.sqlite", "--county", "999999"],
                                  ["info"]])
def test_usage_errors_exit_nonzero(tmp_path, argv):
    r = run(*argv, cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr


def test_corrupt_database_is_one_line(tmp_path, demo_template):
    bad = tmp_path / "bad.sqlite"
    data = bytearray(demo_template.read_bytes())
    for offset in range(4096 * 3, len(data), 4096 * 7):  # smash many pages, keep the header page
        data[offset: offset + 512] = os.urandom(512)
    bad.write_bytes(bytes(data))
    line = _one_line_error(run("info", bad))
    assert "损坏" in line or "不是 fieldapp 数据库" in line


@pytest.mark.parametrize("argv", [
    ["sheets", "{db}", "--village", "12", "-o", "{tmp}/s.pdf"],
    ["bundle", "reference", "{db}", "--township", "abc", "-o", "{tmp}/x.bundle"],
    ["export", "households", "{db}", "--village", "1408241002", "-o", "{tmp}/x.csv"],
    ["gaps", "{db}", "--township", "99", "-o", "{tmp}/g.xlsx"],
])
def test_bad_division_codes_are_one_line(tmp_path, demo_path, argv):
    args = [a.format(db=demo_path, tmp=tmp_path) for a in argv]
    r = run(*args)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and "区划代码" in r.stderr


def test_output_into_a_closed_pipe_is_quiet(demo_path):
    """`fieldapp info DB --json | head -c 0`: the reader is gone before anything is written."""
    proc = subprocess.Popen([sys.executable, "-m", "fieldapp", "info", str(demo_path), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nobody reads: the first write meets a broken pipe
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err.decode() and "Exception ignored" not in err.decode()
    assert proc.returncode == 141
