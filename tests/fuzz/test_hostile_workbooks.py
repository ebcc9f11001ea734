"""Hostile workbooks end in a clear Chinese message from the real CLI, in a subprocess whose
peak memory stays under 1 GB, with the database unchanged (issue 14 items 4 and 7)."""

from __future__ import annotations

import re
import resource
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook

from fieldapp.demo.build import build_demo

GB = 2**30


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "d.sqlite"
    build_demo(path, "140824", households=30, seed=5)
    return path


def _tables(path) -> dict:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        con.close()


def _small_xlsx(path, patch):
    """A real one-sheet register, then its members rewritten by `patch(name, bytes)`."""
    wb = Workbook()
    wb.active.append(["户主姓名", "身份证号码", "村民小组"])
    wb.active.append(["张三", "", "1组"])
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                        compresslevel=9) as dst:
        for info in src.infolist():
            patch(dst, info.filename, src.read(info))
    plain.unlink()
    return path


def _run_cli(*args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], check=False,
                          capture_output=True, text=True, timeout=600)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(before, peak_kib) * 1024 < GB, f"peak RSS {peak_kib} KiB"
    assert "Traceback" not in done.stderr and done.returncode not in (0, -6, -9, 134), (
        done.returncode, done.stderr[-2000:])
    return done


def test_a_declared_dimension_of_xfd1048576_is_refused_before_the_reader(db, tmp_path):
    def patch(dst, name, data):
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        dst.writestr(name, data)

    bomb = _small_xlsx(tmp_path / "dim.xlsx", patch)
    assert bomb.stat().st_size < 8000
    before = _tables(db)
    done = _run_cli("import-register", db, bomb)
    assert "dim.xlsx" in done.stderr and "范围太大" in done.stderr, done.stderr
    assert _tables(db) == before


def test_a_shared_string_of_300_mib_is_refused_without_inflating_it(db, tmp_path):
    def patch(dst, name, data):
        if name == "xl/worksheets/sheet1.xml":
            with dst.open("xl/sharedStrings.xml", "w") as fh:
                fh.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                         b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
                chunk = b"A" * 2**20
                for _ in range(300):
                    fh.write(chunk)
                fh.write(b"</t></si></sst>")
        dst.writestr(name, data)

    bomb = _small_xlsx(tmp_path / "sst.xlsx", patch)
    assert bomb.stat().st_size < 2 * 2**20
    before = _tables(db)
    done = _run_cli("import-register", db, bomb)
    assert "sst.xlsx" in done.stderr and "解压后太大" in done.stderr, done.stderr
    assert _tables(db) == before
