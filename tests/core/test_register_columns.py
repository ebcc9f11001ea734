"""Header detection and column mapping of household registers."""

from fieldapp.core.register_columns import detect_layout, field_for_header, map_columns


def test_header_found_below_title_rows():
    rows = [
        ["某某镇户户通花名册", "", "", ""],
        ["填报单位：", "", "日期：", ""],
        ["", "", "", ""],
        ["序号", "村民小组", "户主姓名", "身份证号码", "联系电话", "家庭人口（人）", "备注"],
        [1, "1组", "张三", "", "", 3, ""],
    ]
    layout = detect_layout(rows)
    assert layout is not None and layout.header_row == 3 and layout.first_data_row == 4
    assert layout.columns == {"group_no": 1, "head_name": 2, "id_number": 3, "phone": 4,
                              "size": 5, "notes": 6}


def test_usual_synonyms_full_width_and_spaces():
    assert field_for_header(" 村 委 会 ") == "village"
    assert field_for_header("组") == "group_no"
    assert field_for_header("户主") == "head_name"
    assert field_for_header("身份证号") == "id_number"
    assert field_for_header("手机号") == "phone"
    assert field_for_header("人口数") == "size"
    assert field_for_header("住址") == "address"
    assert field_for_header("家庭人口(人)") == "size"
    assert field_for_header("村（社区）") == "village"
    assert field_for_header("*户主姓名：") == "head_name"
    assert field_for_header("出生日期") is None
    assert field_for_header("") is None


def test_specific_header_wins_over_generic():
    cols = map_columns(["姓名", "与户主关系", "户主姓名", "身份证号"])
    assert cols["head_name"] == 2 and cols["relation"] == 1


def test_no_header_row_found():
    assert detect_layout([["标题"], ["a", "b"], [1, 2]]) is None
    # a row naming only one field is not a header
    assert detect_layout([["户主姓名"], ["张三"]]) is None
