"""Normalising and validating register rows; rejects carry the file row number."""

import pytest

from fieldapp.core.divisions import Area
from fieldapp.core.register_columns import layout_at
from fieldapp.core.register_rows import cell_text, group_text, parse_rows, size_value
from fieldapp.core.register_villages import VillageResolver

AREAS = [
    Area("140824000000", "稷山县", "county", None),
    Area("140824100000", "稷峰镇", "township", "140824000000"),
    Area("140824100201", "东街村委会", "village", "140824100000"),
    Area("140824100202", "西街村委会", "village", "140824100000"),
    Area("140824101000", "西社镇", "township", "140824000000"),
    Area("140824101201", "东街村委会", "village", "140824101000"),  # same name, other township
    Area("140824101202", "南阳村委会", "village", "140824101000"),
]
ID1 = "140824199001011235"  # valid check digit
ID2 = "14082419850505105X"


def _ids_valid():
    from fieldapp.core.idcard import id_problem
    assert id_problem(ID1) is None and id_problem(ID2) is None


def parse(rows, fixed=None):
    grid = [["花名册"], ["乡镇", "村", "组", "户主姓名", "身份证号", "电话", "人口"]] + rows
    return parse_rows(grid, layout_at(grid, 1), VillageResolver(AREAS), fixed)


def test_cells_are_normalised():
    assert cell_text("  张　三 ") == "张 三"
    assert cell_text(3.0) == "3"
    assert cell_text("１３８００１３８０００") == "13800138000"
    assert group_text("第３组") == "3"
    assert group_text("三组") == "3"
    assert group_text("十二组") == "12"
    assert group_text("二十") == "20"
    assert group_text(2.0) == "2"
    assert group_text("东头") == "东头"
    assert size_value("４人") == 4 and size_value("abc") is None and size_value(0) is None


def test_good_rows_are_cleaned():
    _ids_valid()
    out = parse([["稷峰镇", "东街村", "1组", " 张 三 ", ID1.translate(str.maketrans(
        "0123456789", "０１２３４５６７８９")), "１３８ ００１３ ８０００", "3"]])
    assert out.rejected == [] and out.warnings == []
    r = out.rows[0]
    assert (r.row, r.village_code, r.group_no, r.head_name, r.id_number, r.phone, r.size) == (
        3, "140824100201", "1", "张三", ID1, "13800138000", 3)


def test_rejects_and_warnings_carry_file_rows():
    out = parse([
        ["稷峰镇", "东街", "1", "张三", ID1, "", ""],            # row 3 ok
        ["", "", "", "", "", "", ""],                           # row 4 blank
        ["稷峰镇", "东街", "1", "李四", ID1, "", ""],            # row 5 same ID as row 3
        ["稷峰镇", "东街", "1", "王五", "140824199001011234", "", ""],  # row 6 bad check digit
        ["稷峰镇", "东街", "1", "", ID2, "", ""],                # row 7 no name
        ["稷峰镇", "北街", "1", "赵六", "", "", ""],              # row 8 unknown village
        ["稷峰镇", "东街", "2", "钱七", "", "12345", "x"],        # row 9 ok with two warnings
        ["稷峰镇", "东街", "2", "钱七", "", "", ""],              # row 10 same name, no ID
        ["稷峰镇", "东街", "1", "孙八", 1.40824198505050e17, "", ""],  # row 11 ID became a number
        ["合计", "", "", "", "", "", 12],                       # row 12 total line
    ])
    assert [(p.row, p.reason) for p in out.rejected] == [
        (5, "与第 3 行身份证号相同（重复）"),
        (6, "身份证号校验位错误"),
        (7, "缺少户主姓名"),
        (8, "“稷峰镇”没有名为“北街”的村"),
        (10, "与第 9 行同村同组同名，且缺身份证号无法区分（疑似重复）"),
        (11, "身份证号被存成了数字，末几位已丢失（请把该列设为文本后重新导出）"),
    ]
    assert [p.row for p in out.warnings] == [9, 9]
    assert [r.row for r in out.rows] == [3, 9]
    assert out.rows[1].phone == "" and out.rows[1].size is None
    assert out.blank == 2


def test_same_name_with_different_ids_are_two_households():
    out = parse([["稷峰镇", "东街", "1", "张三", ID1, "", ""],
                 ["稷峰镇", "东街", "1", "张三", ID2, "", ""]])
    assert out.rejected == [] and len(out.rows) == 2


def test_village_resolution():
    res = VillageResolver(AREAS)
    assert res.resolve("东街村委会", "稷峰镇").code == "140824100201"
    assert res.resolve("东街", "西社").code == "140824101201"
    assert "重名" in str(res.resolve("东街").problem)
    assert res.resolve("南阳村").code == "140824101202"
    assert res.resolve("", code="140824101202").code == "140824101202"
    assert res.resolve("", code="999").problem
    assert res.resolve("", fixed="140824100202").code == "140824100202"
    assert "不符" in str(res.resolve("南阳", fixed="140824100202").problem)
    assert "乡镇" in str(res.resolve("东街", "火星镇").problem)
    # a whole file for one township: names are looked up inside it
    assert res.resolve("东街", fixed="140824101000").code == "140824101201"
    assert res.resolve("东街村委会", fixed="140824100000").code == "140824100201"
    assert "没有名为“南阳”" in str(res.resolve("南阳", fixed="140824100000").problem)
    assert res.resolve("", code="140824101202", fixed="140824100000").problem


@pytest.mark.parametrize("relation,kept", [("户主", 1), ("妻", 0), ("", 1)])
def test_family_member_rows_are_skipped(relation, kept):
    grid = [["村", "组", "户主姓名", "姓名", "与户主关系"],
            ["南阳", "1", "张三", "某某", relation]]
    out = parse_rows(grid, layout_at(grid, 0), VillageResolver(AREAS))
    assert len(out.rows) == kept and out.members == 1 - kept and not out.rejected


def test_header_repeated_on_each_printed_page_is_skipped():
    out = parse([["稷峰镇", "东街", "1", "张三", ID1, "", ""],
                 ["乡镇", "村", "组", "户主姓名", "身份证号", "电话", "人口"],
                 ["稷峰镇", "东街", "1", "李四", ID2, "", ""]])
    assert [r.row for r in out.rows] == [3, 5] and out.blank == 1 and not out.rejected


def test_fast_id_check_agrees_with_the_standard():
    import random

    from fieldapp.core.idcard import id_problem
    from fieldapp.core.register_rows import _plain_id_ok

    rng = random.Random(5)
    for _ in range(3000):
        s = f"{rng.randint(110000, 659999)}{rng.randint(1900, 2020)}" \
            f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        s += rng.choice("0123456789X")
        assert _plain_id_ok(s) == (id_problem(s) is None), s
