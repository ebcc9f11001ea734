"""Loading XLSForm workbooks: types, columns, settings, and errors that name sheet/row/column."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import FormError
from fieldapp.survey.expression import Expression
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

HEAD = ["type", "name", "label::中文 (zh)", "label::English (en)", "required", "relevant",
        "constraint", "constraint_message::中文 (zh)", "calculation", "default"]
YN = [["list_name", "name", "label::中文 (zh)", "label::English (en)"],
      ["yn", "yes", "是", "Yes"], ["yn", "no", "否", "No"],
      ["ch", "cctv", "中央台", "CCTV"], ["ch", "county", "县台", "County"]]


def problems(exc: FormError):
    return [(p.code, p.sheet, p.row, p.column) for p in exc.problems]


def test_all_supported_types_load(xlsform):
    path = xlsform([
        HEAD,
        ["begin_group", "g", "组", "Group", "", "", "", "", "", ""],
        ["text", "t", "文本", "Text", "yes", "", "", "", "", ""],
        ["integer", "i", "整数", "Int", "", "", ". >= 0", "不能为负", "", "3"],
        ["decimal", "d", "小数", "Dec", "", "", "", "", "", ""],
        ["select_one yn", "s1", "单选", "One", "", "", "", "", "", "no"],
        ["select_multiple ch", "sm", "多选", "Many", "", "${s1} = 'yes'", "", "", "",
         "cctv county"],
        ["date", "dt", "日期", "Date", "", "", ". <= today()", "", "", ""],
        ["datetime", "dtt", "时间", "Time", "", "", "", "", "", ""],
        ["geopoint", "gp", "位置", "Where", "", "", "", "", "", ""],
        ["image", "img", "照片", "Photo", "", "", "", "", "", ""],
        ["note", "n", "说明", "Note", "", "", "", "", "", ""],
        ["acknowledge", "ack", "确认", "OK", "", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", "", ""],
        ["calculate", "c", "", "", "", "", "", "", "${i} * 2", ""],
    ], YN)
    form = load_form(path)
    assert (form.form_id, form.version, form.title) == ("t_form", "1", "测试表")
    assert form.default_language == "zh" and form.languages == ("zh", "en")
    assert list(form.fields) == ["t", "i", "d", "s1", "sm", "dt", "dtt", "gp", "img", "n",
                                 "ack", "c"]
    i = form.fields["i"]
    assert i.type == "integer" and i.default == 3 and i.groups == ("g",)
    assert isinstance(i.constraint, Expression) and i.constraint.source == ". >= 0"
    assert form.text(i.constraint_message) == "不能为负"
    assert form.fields["t"].required is True
    assert form.fields["sm"].default == "cctv county"
    assert form.fields["s1"].list_name == "yn"
    assert form.text(form.fields["s1"].labels, "en") == "One"
    assert form.groups["g"].children[0].name == "t"


def test_unknown_reference_names_row_and_column(xlsform):
    path = xlsform([HEAD, ["text", "a", "甲", "A", "", "${b} = 'x'", "", "", "", ""]])
    with pytest.raises(FormError) as info:
        load_form(path)
    p = info.value.problems[0]
    assert (p.code, p.sheet, p.row, p.column, p.column_letter) == (
        "unknown_field", "survey", 2, "relevant", "F")
    assert "${b}" in str(info.value) and "第 2 行" in str(info.value)


def test_syntax_error_names_the_column_and_position(xlsform):
    path = xlsform([HEAD, ["integer", "a", "甲", "A", "", "", ". >= ", "", "", ""]])
    with pytest.raises(FormError) as info:
        load_form(path)
    assert problems(info.value) == [("syntax", "survey", 2, "constraint")]
    assert "位置 5" in info.value.problems[0].message  # ". >=" ends at 5


def test_every_problem_is_reported_at_once(xlsform):
    path = xlsform([
        HEAD,
        ["text", "a", "甲", "A", "", "", "", "", "", ""],
        ["text", "a", "重复", "Dup", "", "", "", "", "", ""],
        ["rating", "r", "评分", "Rate", "", "", "", "", "", ""],
        ["select_one nolist", "s", "选", "S", "", "", "", "", "", ""],
        ["integer", "n", "数", "N", "", "", "", "", "", "abc"],
        ["text", "u", "用", "U", "", "", "", "", "", ""],
        ["calculate", "c1", "", "", "", "", "", "", "${c2} + 1", ""],
        ["calculate", "c2", "", "", "", "", "", "", "${c1} + 1", ""],
        ["text", "bad name", "坏", "Bad", "", "", "", "", "", ""],
        ["text", "f", "函", "F", "", "", "eval(.)", "", "", ""],
        ["begin_repeat", "rep", "重复组", "Repeat", "", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", "", ""],
        ["text", "nolabel", "", "", "", "", "", "", "", ""],
    ], YN)
    with pytest.raises(FormError) as info:
        load_form(path)
    got = problems(info.value)
    assert ("duplicate_name", "survey", 3, "name") in got
    assert ("unknown_type", "survey", 4, "type") in got
    assert ("unknown_list", "survey", 5, "type") in got
    assert ("bad_default", "survey", 6, "default") in got
    assert ("calculation_cycle", "survey", 8, "calculation") in got
    assert ("bad_name", "survey", 10, "name") in got
    assert ("unknown_function", "survey", 11, "constraint") in got
    assert ("unmatched_end_group", "survey", 13, "type") in got  # begin_repeat closed by end_group
    assert ("missing_label", "survey", 14, "label") in got
    assert "共" in str(info.value)


def test_unclosed_group(xlsform):
    path = xlsform([HEAD, ["begin_group", "g", "组", "G", "", "", "", "", "", ""],
                    ["text", "a", "甲", "A", "", "", "", "", "", ""]])
    with pytest.raises(FormError) as info:
        load_form(path)
    assert problems(info.value) == [("unclosed_group", "survey", 2, "type")]


def test_choice_sheet_problems(xlsform):
    choices = [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "yes", "又是"],
               ["", "no", "否"], ["yn", "a b", "空格"]]
    path = xlsform([HEAD, ["select_multiple yn", "s", "选", "S", "", "", "", "", "", ""]],
                   choices)
    with pytest.raises(FormError) as info:
        load_form(path)
    assert problems(info.value) == [
        ("duplicate_choice", "choices", 3, "name"),
        ("missing_list_name", "choices", 4, "list_name"),
        ("bad_choice_name", "choices", 5, "name"),
    ]


def test_settings_default_as_pyxform(xlsform):
    """pyxform needs no settings sheet: form_id is the file name, version may be empty."""
    path = xlsform([HEAD, ["text", "a", "甲", "A", "", "", "", "", "", ""]],
                   settings=[["form_title"], ["无编号"]], name="my-form 2.xlsx")
    form = load_form(path)
    assert (form.form_id, form.version, form.title) == ("my-form_2", "", "无编号")
    path = xlsform([HEAD, ["text", "a", "甲", "A", "", "", "", "", "", ""]], settings=None,
                   name="household.xlsx")
    form = load_form(path)
    assert (form.form_id, form.version, form.title) == ("household", "", "household")


def test_pyxform_header_aliases(xlsform):
    path = xlsform(
        [["type", "name", "caption", "relevance", "constraint message", "calculate"],
         ["select_one yn", "q", "问", "", "", ""],
         ["text", "why", "为何", "${q} = 'no'", "", ""],
         ["integer", "n", "数", "", "", ""],
         ["calculate", "twice", "", "", "", "${n} * 2"]],
        choices=[["list name", "name", "caption"], ["yn", "yes", "是"], ["yn", "no", "否"]],
        settings=[["set_form_id", "version"], ["aliased", "3"]])
    form = load_form(path)
    assert form.form_id == "aliased"
    assert [c.name for c in form.choices["yn"]] == ["yes", "no"]
    assert form.choices["yn"][0].labels == {"default": "是"}
    assert form.fields["why"].relevant is not None
    assert form.fields["twice"].calculation is not None
    assert form.fields["q"].labels == {"default": "问"}


def test_numeric_version_cell_is_text(xlsform):
    path = xlsform([HEAD, ["text", "a", "甲", "A", "", "", "", "", "", ""]],
                   settings=[["form_id", "version"], ["f", 2026112501]])
    assert load_form(path).version == "2026112501"


def test_required_and_read_only_may_be_expressions(xlsform):
    path = xlsform([["type", "name", "label", "required", "read_only"],
                    ["text", "a", "甲", "", ""],
                    ["text", "b", "乙", "${a} = 'x'", "true()"]])
    f = load_form(path).fields["b"]
    assert isinstance(f.required, Expression) and f.read_only is True


def test_unknown_columns_are_warnings(xlsform):
    path = xlsform([["type", "name", "label", "colour"], ["text", "a", "甲", "red"]])
    form = load_form(path)
    assert [str(w) for w in form.warnings] == ["survey 工作表的列 colour 不被识别，已忽略"]
    assert [w.text("en") for w in form.warnings] == [
        "Column colour of the survey sheet is not known; ignored"]


@pytest.mark.parametrize("content, code", [
    (b"", "unreadable"),
    (b"PK\x03\x04 not really a zip", "unreadable"),
    ("type,name,label\ntext,a,甲\n".encode(), "unreadable"),
])
def test_broken_files_are_rejected(tmp_path, content, code):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(FormError) as info:
        load_form(path)
    assert info.value.problems[0].code == code
    assert "broken.xlsx" in str(info.value)


def test_missing_file_and_wrong_extension(tmp_path):
    with pytest.raises(FormError) as info:
        load_form(tmp_path / "nope.xlsx")
    assert info.value.problems[0].code == "not_found"
    csv = tmp_path / "form.csv"
    csv.write_text("type,name\n")
    with pytest.raises(FormError) as info:
        load_form(csv)
    assert info.value.problems[0].code == "not_xlsx"


def test_workbook_without_survey_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(FormError) as info:
        load_form(tmp_path / "x.xlsx")
    assert info.value.problems[0].code == "no_survey"


def test_choice_filter_on_a_missing_column_warns_and_reads_empty(xlsform):
    """pyxform's or_other.xlsx filters on a column the choices sheet lacks: ODK only warns."""
    choices = [["list_name", "name", "label", "region"], ["town", "a", "甲", "n"],
               ["town", "b", "乙", "s"]]
    ok = xlsform([["type", "name", "label", "choice_filter"],
                  ["text", "r", "区", ""],
                  ["select_one town", "t", "镇", "region = ${r}"]], choices)
    form = load_form(ok)
    assert form.fields["t"].choice_filter.source == "region = ${r}"
    assert not any("choice_filter" in str(w) for w in form.warnings)
    typo = load_form(xlsform([["type", "name", "label", "choice_filter"],
                              ["text", "r", "区", ""],
                              ["select_one town", "t", "镇", "regoin = ${r} or regoin = ''"]],
                             choices))
    assert [str(w) for w in typo.warnings] == [
        "survey 工作表第 3 行 choice_filter: choices 工作表没有列 regoin（选项列表 town），按空值计算"]
    assert [w.text("en") for w in typo.warnings] == [
        "Sheet survey row 3 choice_filter: the choices sheet has no column regoin (choice list "
        "town); it reads as empty"]
    state = FormState.new(typo)
    state.set("r", "n")
    assert [c.name for c in state.choices("t")] == ["a", "b"]  # the missing column is ''
    ignored = load_form(xlsform([["type", "name", "label", "choice_filter"],
                                 ["text", "r", "区", ""],
                                 ["text", "x", "文", "r = 1"]], choices))
    assert "survey 工作表第 3 行: x 不是选择题，choice_filter 不起作用，已忽略" in map(str, ignored.warnings)


@pytest.mark.parametrize("type_text, kind, list_name", [
    ("select one from yn", "select_one", "yn"),
    ("select all that apply from yn", "select_multiple", "yn"),
    ("select_one yn", "select_one", "yn"),
    ("select multiple yn", "select_multiple", "yn"),
    ("add select one prompt using yn", "select_one", "yn"),
    ("string", "text", ""),
    ("imei", "deviceid", ""),
    ("add photo prompt", "image", ""),
    ("phonenumber", "phonenumber", ""),
    ("email", "email", ""),
    ("start-geopoint", "start-geopoint", ""),
    ("simserial", "simserial", ""),
    ("audit", "audit", ""),
])
def test_pyxform_type_spellings(xlsform, type_text, kind, list_name):
    label = "" if kind in ("deviceid", "phonenumber", "email", "start-geopoint", "simserial",
                           "audit") else "问"
    path = xlsform([["type", "name", "label"], [type_text, "q", label]],
                   choices=[["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "no", "否"]])
    f = load_form(path).fields["q"]
    assert (f.type, f.list_name) == (kind, list_name)
