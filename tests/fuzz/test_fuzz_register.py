"""Fuzzing the register importer with messy and broken 花名册 files: every file is imported
(and the database then checks out) or refused with one clear error that changes nothing."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from fieldapp.core.errors import FieldappError
from fieldapp.store import Store
from fieldapp.store.check import check_database
from fieldapp.jobs.register_import import import_register

CI, SOAK = 25, 600
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                     HealthCheck.function_scoped_fixture]}

HEADERS = ["序号", "村名", "村民小组", "组别", "户主姓名", "户主", "身份证号码", "身份证号",
           "联系电话", "电话", "家庭人口", "人口", "住址", "备注", "乡镇", "", "性别", "与户主关系"]
NAMES = ["张三", "李 四", "王建国", "赵", "欧阳秀英", "", "  ", "张三（已故）", "X", "同上"]
IDS = ["140824199001011234", "14082419900101123X", "140824199001011235", "１４０８２４１９９００１０１１２３４",
       "1.40824199001011E+17", "140824900101123", "", "无", "140824 1990 0101 1234", "14082419900101123x"]
PHONES = ["13912345678", "139 1234 5678", "0359-1234567", "12345", "", "+8613912345678", "无"]
NUMBERS = ["1", "2", "３", "0", "-1", "五", "", "2.0", "999"]


@pytest.fixture(scope="module")
def villages(demo_template):
    conn = sqlite3.connect(demo_template)
    try:
        return [r[0] for r in conn.execute(
            "SELECT name FROM areas WHERE level = 'village' ORDER BY code LIMIT 6")]
    finally:
        conn.close()


@st.composite
def registers(draw, villages):
    head = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=9))
    rows = [[draw(st.sampled_from(["户户通花名册", "", "填报单位：", "合计"]))]
            for _ in range(draw(st.integers(0, 3)))]
    rows.append(head)
    cell = {"村名": st.sampled_from(villages + ["不存在村", "", villages[0] + "村"]),
            "户主姓名": st.sampled_from(NAMES), "户主": st.sampled_from(NAMES),
            "身份证号码": st.sampled_from(IDS), "身份证号": st.sampled_from(IDS),
            "联系电话": st.sampled_from(PHONES), "电话": st.sampled_from(PHONES),
            "家庭人口": st.sampled_from(NUMBERS), "人口": st.sampled_from(NUMBERS),
            "村民小组": st.sampled_from(["1", "2组", "第三组", "", "１"])}
    junk = st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
                     st.sampled_from(NUMBERS + NAMES))
    for _ in range(draw(st.integers(0, 25))):
        row = [draw(cell.get(h, junk)) for h in head]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))]  # short row
        rows.append(row)
    fmt = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "xlsx"]))
    damage = draw(st.sampled_from([None, None, "truncate", "flip", "nul"]))
    return rows, fmt, damage, draw(st.integers(0, 10**6))


def _write(path: Path, rows, fmt: str, damage, where: int) -> Path:
    if fmt == "xlsx":
        path = path.with_suffix(".xlsx")
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    else:
        path = path.with_suffix(".csv")
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        path.write_bytes(buf.getvalue().encode(fmt, errors="replace"))
    data = bytearray(path.read_bytes())
    if damage and data:
        i = where % len(data)
        if damage == "truncate":
            data = data[:i]
        elif damage == "flip":
            data[i] ^= 0x5A
        else:
            data[i:i] = b"\x00"
        path.write_bytes(bytes(data))
    return path


def _state(path: Path):
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT count(*), max(seq) FROM changes").fetchone(),
                conn.execute("SELECT count(*) FROM households").fetchone())
    finally:
        conn.close()


def _import_or_refuse(template: Path, book) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "county.sqlite"
        shutil.copy(template, db)
        path = _write(Path(tmp) / "花名册", *book)
        before = _state(db)
        try:
            with Store.open(db) as s:
                result = import_register(s, path)
        except FieldappError as exc:
            assert str(exc)
            assert _state(db) == before  # refused: nothing written
            return
        for p in result.rejected:
            assert p.row >= 1 and p.reason
        if result.added or result.updated:
            assert _state(db) != before
        report = check_database(db)
        assert report.ok, [(f.check, f.examples) for f in report.errors]


@settings(max_examples=CI, **FUZZ)
@given(data=st.data())
def test_messy_registers_import_or_are_refused_cleanly(demo_template, villages, data):
    _import_or_refuse(demo_template, data.draw(registers(villages)))


@pytest.mark.soak
@settings(max_examples=SOAK, **FUZZ)
@given(data=st.data())
def test_registers_soak(demo_template, villages, data):
    _import_or_refuse(demo_template, data.draw(registers(villages)))


@settings(max_examples=CI, **FUZZ)
@given(st.binary(max_size=3000),
       st.sampled_from([".csv", ".xlsx", ".xls"]),
       st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]))
def test_random_bytes_as_a_register(demo_template, data, suffix, prefix):
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "county.sqlite"
        shutil.copy(demo_template, db)
        path = Path(tmp) / f"register{suffix}"
        path.write_bytes(prefix + data)
        before = _state(db)
        try:
            with Store.open(db) as s:
                import_register(s, path)
        except FieldappError as exc:
            assert str(exc)
        assert _state(db) == before
