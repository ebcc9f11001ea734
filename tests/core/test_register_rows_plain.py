"""Rows in the usual shape take a short way through parse_rows: it must find exactly what the
full steps find (rows, values, rejections, warnings, counts), for every kind of cell."""

import math
import random
from datetime import date

import pytest

from fieldapp.core import register_rows
from fieldapp.core.divisions import Area
from fieldapp.core.idcard import id_check_char
from fieldapp.core.register_columns import layout_at
from fieldapp.core.register_rows import parse_rows
from fieldapp.core.register_villages import VillageResolver
from fieldapp.demo.sample_register import make_register

AREAS = [
    Area("140824000000", "稷山县", "county", None),
    Area("140824100000", "稷峰镇", "township", "140824000000"),
    Area("140824100201", "东街村委会", "village", "140824100000"),
    Area("140824100202", "西街村委会", "village", "140824100000"),
]
ID1, ID2, ID3 = "140824199001011235", "14082419850505105X", "140824199001011243"
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
HEAD = ["序号", "村", "组", "户主姓名", "与户主关系", "身份证号", "电话", "人口", "住址", "备注"]

CELLS = {  # column -> values tried in it: two usual ones first, then every odd kind
    1: ["东街村", "东街", "西街村委会", "北街", "", None, " 东街村 "],
    2: ["1组", "第３组", "", None, 2.0, "东头"],
    3: ["张三", "李四", " 王 五 ", "张三2", "", None, 3.0, "户主姓名", "Smith·李"],
    4: ["", None, "户主", "本人", "子", " 户主 ", 1.0],
    5: [ID1, ID2, ID2.lower(), ID1.translate(FULL), ID2.translate(FULL), ID3, "", None,
        1.40824199001011e17, "1.4E+17", ID1[:-1], ID1 + " ", " " + ID1, "140824190013011235",
        ID1[:6] + "１" + ID1[7:]],
    6: ["13800138000", "１３８００１３８０００", "13８00138000", "138 0013 8000", "1380013",
        "0354-7654321", "13800138000/13900139000", "", None, 13800138000.0],
    7: [3.0, 1.0, 50.0, 51.0, 0.0, 2.5, "3", "４人", "", None, math.nan, math.inf, "nan", True,
        4, date(2024, 1, 1)],
    8: ["东街1号", " 东街 2号 ", "", None, "東街３号", 7.0],
    9: ["", None, "说明", 5.0],
}


def _grid(n: int, seed: int) -> list[list]:
    """n data rows below a header: each cell mostly one of its column's usual values, else any
    of them (the kinds meet in many combinations; some rows repeat an ID or a name)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        row = [float(i + 1)] + [rng.choice(vals if rng.random() < 0.12 else vals[:2])
                                for _, vals in sorted(CELLS.items())]
        if i % 4:  # mostly a name and an ID number of its own, as in a real register
            row[3] = "张" + chr(0x4E00 + i % 3000)
            first17 = f"140824{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
            number = first17 + id_check_char(first17)
            row[5] = number.translate(FULL) if i % 9 == 0 else number
        rows.append(row[: 10 - i % 3] if i % 11 == 0 else row)  # short rows now and then
    rows[5][0] = "合计"
    rows[9][0] = ""
    rows[13] = [""] * 10
    rows[17] = HEAD[:]
    return [["花名册"], HEAD] + rows


def _both_ways(grid, monkeypatch, fixed=None):
    layout = layout_at(grid, 1)
    short = parse_rows(grid, layout, VillageResolver(AREAS), fixed)
    with monkeypatch.context() as m:
        m.setattr(register_rows._RowParser, "_plain_reader", lambda self: lambda raw: None)
        full = parse_rows(grid, layout, VillageResolver(AREAS), fixed)
    return short, full


@pytest.mark.parametrize("fixed", [None, "140824100201", "140824100000"])
@pytest.mark.parametrize("seed", [1, 2])
def test_short_way_finds_what_the_full_steps_find(monkeypatch, fixed, seed):
    short, full = _both_ways(_grid(3000, seed), monkeypatch, fixed)
    assert short.rows == full.rows
    assert [(p.row, p.text("zh")) for p in short.rejected] == \
        [(p.row, p.text("zh")) for p in full.rejected]
    assert [(p.row, p.text("en")) for p in short.warnings] == \
        [(p.row, p.text("en")) for p in full.warnings]
    assert (short.blank, short.members) == (full.blank, full.members)
    assert len(short.rows) > 100 and len(short.rejected) > 100  # both kinds really met


def test_short_way_on_a_messy_sample_register(monkeypatch, tmp_path):
    villages = [(a.code, a.name) for a in AREAS if a.level == "village"]
    sample = make_register(tmp_path / "r.xlsx", villages, 2000, seed=5, region="140824")
    header = sample.header_row - 1
    layout = layout_at(sample.rows, header)
    short = parse_rows(sample.rows, layout, VillageResolver(AREAS))
    with monkeypatch.context() as m:
        m.setattr(register_rows._RowParser, "_plain_reader", lambda self: lambda raw: None)
        full = parse_rows(sample.rows, layout, VillageResolver(AREAS))
    assert short == full
    assert [r.row for r in short.rows] == sample.good_rows


@pytest.mark.parametrize("short_way", [True, False])
def test_phones_are_stored_in_ascii_digits_whatever_width_they_were_typed(monkeypatch,
                                                                          short_way):
    """A number typed partly in full-width digits is the same number: stored as ASCII (search
    and duplicate checks compare it); digits of other scripts are not a Chinese phone number."""
    typed = ["13８00138000", "１３８００１３８０００", "13800138000", "١٣٨٠٠١٣٨٠٠٠"]
    rows = [[float(i + 1), "东街村", "1组", "张" + "三四五六"[i], "户主", "", phone, 3.0, "", ""]
            for i, phone in enumerate(typed)]
    grid = [HEAD] + rows
    with monkeypatch.context() as m:
        if not short_way:
            m.setattr(register_rows._RowParser, "_plain_reader", lambda self: lambda raw: None)
        out = parse_rows(grid, layout_at(grid, 0), VillageResolver(AREAS))
    assert [r.phone for r in out.rows] == ["13800138000"] * 3 + [""]
    assert [p.row for p in out.warnings] == [5]
