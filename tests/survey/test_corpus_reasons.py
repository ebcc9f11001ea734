"""Forms pyxform converts that fieldapp used to refuse (tools/form_corpus.py on pyxform's own
example forms), each rebuilt small here: typographic quotes, a choice_filter on a label in one
language."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import AnswerError, FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState


def first_problem(path):
    """The first problem of a form the loader refuses."""
    with pytest.raises(FormError) as info:
        load_form(path)
    return info.value.problems[0]


def test_typographic_quotes_read_as_quotes_with_a_warning_naming_the_row(xlsform):
    # Excel's autocorrect and Chinese input methods type ‘…’ and “…”: pyxform passes them on
    form = load_form(xlsform(
        [["type", "name", "label", "relevant"],
         ["select_one who", "w", "谁"],
         ["text", "other", "其他", "${w} = ‘other’"],
         ["text", "cn", "中文", "${w} = “other”"],
         ["text", "mixed", "混用", "${w} = ’other' or ${w} = 'other’"]],
        [["list_name", "name", "label"], ["who", "me", "我"], ["who", "other", "其他"]]))
    state = FormState.new(form)
    assert not any(state.relevant(n) for n in ("other", "cn", "mixed"))
    state.set("w", "other")
    assert all(state.relevant(n) for n in ("other", "cn", "mixed"))
    quoted = [w for w in map(str, form.warnings) if "中文引号" in w]
    assert [w.split(":")[0] for w in quoted] == ["survey 工作表第 3 行 relevant 列",
                                                 "survey 工作表第 4 行 relevant 列",
                                                 "survey 工作表第 5 行 relevant 列"]


def test_typographic_quotes_inside_a_plain_string_are_text_without_warning(xlsform):
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["calculate", "c", "", "concat('他说“好”', '!', \"it’s\")"]]))
    assert FormState.new(form).value("c") == "他说“好”!it’s"
    assert not any("中文引号" in w for w in map(str, form.warnings))


def test_an_unclosed_typographic_quote_is_refused_naming_the_cell(xlsform):
    p = first_problem(xlsform([["type", "name", "label", "relevant"],
                               ["text", "a", "A"], ["text", "b", "B", "${a} = ‘x"]]))
    assert (p.code, p.row, p.column) == ("unterminated_string", 3, "relevant")


def test_choice_filter_on_the_label_in_one_language(xlsform):
    form = load_form(xlsform(
        [["type", "name", "label::English", "choice_filter"],
         ["select_one names", "n", "Name", "label::English != ''"],
         ["select_one names", "z", "Name", "label::zh = '甲'"],
         ["select_one names", "d", "Name", "label != ''"]],
        [["list_name", "name", "label::English", "label::中文 (zh)"],
         ["names", "a", "A", "甲"], ["names", "b", "", "乙"], ["names", "c", "C", ""]]))
    state = FormState.new(form)
    assert [c.name for c in state.choices("n")] == ["a", "c"]
    assert [c.name for c in state.choices("z")] == ["a"]
    assert [c.name for c in state.choices("d")] == ["a", "b", "c"]  # some language's label
    assert not any("choice_filter" in w for w in map(str, form.warnings))


def test_choice_filter_on_a_language_the_list_lacks_warns(xlsform):
    form = load_form(xlsform(
        [["type", "name", "label", "choice_filter"],
         ["select_one names", "n", "Name", "label::French != ''"]],
        [["list_name", "name", "label::English"], ["names", "a", "A"]]))
    assert [c.name for c in FormState.new(form).choices("n")] == []
    assert any("label::French" in w for w in map(str, form.warnings))


def test_the_same_name_in_different_groups_loads_with_its_group_in_the_answer_key(xlsform):
    # as ODK's tutorial forms: a respondent's name and each child's name
    form = load_form(xlsform([
        ["type", "name", "label", "relevant"],
        ["text", "name", "Your name"],
        ["begin_repeat", "child", "Children"],
        ["text", "name", "Child's name"],
        ["integer", "age", "Age", "string-length(.) >= 0"],
        ["end_repeat"],
        ["begin_group", "spouse", "Spouse"],
        ["text", "name", "Spouse's name"],
        ["end_group"]]))
    assert [n for n in form.fields if n.endswith("name")] == ["name", "child-name", "spouse-name"]
    assert form.fields["child-name"].repeat == "child"
    assert any("第 4 行" in w and "child-name" in w for w in map(str, form.warnings))
    state = FormState.new(form)
    state.add_instance("child")
    state.set("name", "王芳")
    state.set("child-name", "小明", 0)
    state.set("spouse-name", "李强")
    assert (state.value("name"), state.value("child-name", 0), state.value("spouse-name")) == \
        ("王芳", "小明", "李强")


def test_a_reference_to_a_name_two_questions_have_is_refused_naming_both_rows(xlsform):
    p = first_problem(xlsform([
        ["type", "name", "label", "relevant"],
        ["text", "name", "Your name"],
        ["begin_group", "spouse", "Spouse"],
        ["text", "name", "Spouse's name"],
        ["end_group"],
        ["note", "hello", "Hello", "${name} != ''"]]))
    assert (p.code, p.row, p.column) == ("ambiguous_reference", 6, "relevant")
    assert "第 2、4 行" in p.message and "multiple survey elements named 'name'" in p.message


def test_the_same_name_twice_in_one_group_is_still_refused(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([["type", "name", "label"], ["begin_group", "g", "G"],
                           ["text", "a", "A"], ["text", "a", "A again"], ["end_group"]]))
    assert [(p.code, p.row) for p in info.value.problems] == [("duplicate_name", 4)]


def test_a_choice_name_with_a_space_works_in_select_one_not_in_select_multiple(xlsform):
    choices = [["list_name", "name", "label"], ["freq", "once a week", "每周一次"],
               ["freq", "daily", "每天"]]
    form = load_form(xlsform([["type", "name", "label"], ["select_one freq", "f", "多久"]],
                             choices))
    state = FormState.new(form)
    state.set("f", "once a week")
    assert state.value("f") == "once a week" and state.problem("f") is None
    assert any("第 2 行" in w and "once a week" in w for w in map(str, form.warnings))
    p = first_problem(xlsform([["type", "name", "label"], ["select_one freq", "f", "多久"],
                               ["select_multiple freq", "m", "哪些"]], choices))
    assert (p.code, p.sheet, p.row, p.column) == ("bad_choice_name", "choices", 2, "name")
    assert "多选题 m" in p.message


def test_external_choices_may_repeat_a_name_in_different_cascades(xlsform, tmp_path):
    from openpyxl import load_workbook

    path = xlsform([["type", "name", "label", "choice_filter"],
                    ["select_one state", "s", "State"],
                    ["select_one_external county", "c", "County", "state=${s}"]],
                   [["list_name", "name", "label"], ["state", "wa", "WA"], ["state", "tx", "TX"]])
    wb = load_workbook(path)
    ext = wb.create_sheet("external_choices")
    for r in (["list_name", "name", "label", "state"], ["county", "king", "King", "wa"],
              ["county", "king", "King", "tx"], ["county", "pierce", "Pierce", "wa"]):
        ext.append(r)
    wb.save(path)
    state = FormState.new(load_form(path))
    state.set("s", "tx")
    assert [c.name for c in state.choices("c")] == ["king"]


def test_a_choices_row_with_only_a_label_is_skipped_with_a_warning(xlsform):
    form = load_form(xlsform([["type", "name", "label"], ["select_one yn", "q", "Q"]],
                             [["list name", "name", "label"], ["yn", "yes", "Yes"],
                              [None, None, "No"], ["yn", "no", "No"]]))
    assert [c.name for c in form.choices["yn"]] == ["yes", "no"]
    assert any("choices 工作表第 3 行" in w for w in map(str, form.warnings))


def test_instance_lookup_in_a_choice_list(xlsform):
    # ODK: instance('list')/root/item[predicate]/column reads another column of a choice list
    form = load_form(xlsform(
        [["type", "name", "label", "calculation"],
         ["select_one town", "t", "乡镇"],
         ["calculate", "code", "", "instance('town')/root/item[name = ${t}]/code"],
         ["calculate", "label", "", "instance(‘town’)/root/item[name=${t}]/label"],
         ["calculate", "north", "", "count(instance('town')/root/item[region = 'n'])"],
         ["calculate", "total", "", "sum(instance('town')/root/item/households)"]],
        [["list_name", "name", "label", "code", "region", "households"],
         ["town", "a", "甲镇", "140824101", "n", 120], ["town", "b", "乙镇", "140824102", "s", 80],
         ["town", "c", "丙镇", "140824103", "n", 45]]))
    state = FormState.new(form)
    assert (state.value("code"), state.value("north"), state.value("total")) == (None, 2, 245)
    state.set("t", "b")
    assert (state.value("code"), state.value("label")) == ("140824102", "乙镇")


def test_instance_lookup_in_a_csv_beside_the_form(xlsform, tmp_path):
    (tmp_path / "towers.csv").write_text("name,label,height\njf,稷峰山,45\ngs,孤山,30\n",
                                         encoding="utf-8")
    form = load_form(xlsform(
        [["type", "name", "label", "calculation"],
         ["text", "tower", "塔"],
         ["calculate", "h", "", "instance('towers')/root/item[name=${tower}]/height"]]))
    state = FormState.new(form)
    state.set("tower", "gs")
    assert state.value("h") == "30"


def test_an_instance_that_is_nowhere_is_refused_naming_the_cell(xlsform):
    p = first_problem(xlsform([["type", "name", "label", "calculation"], ["text", "a", "A"],
                               ["calculate", "x", "", "instance('nowhere')/root/item[name=${a}]/y"]]))
    assert (p.code, p.row, p.column) == ("unknown_instance", 3, "calculation")
    assert "instance('nowhere')" in p.message and "nowhere.csv" in p.message


def test_an_unclosed_bracket_in_an_instance_lookup_is_refused(xlsform):
    p = first_problem(xlsform([["type", "name", "label", "calculation"], ["text", "a", "A"],
                               ["calculate", "x", "", "instance('a')/root/item[name=${a}/y"]]))
    assert (p.code, p.row, p.column) == ("syntax", 3, "calculation")


def test_two_columns_with_one_header_are_refused_as_pyxform_does(xlsform):
    p = first_problem(xlsform([["type", "name", "label", "hint", "label"], ["text", "a", "A", "", "B"]],
                              name="twice.xlsx"))
    assert (p.code, p.file, p.sheet, p.row, p.column_letter) == (
        "duplicate_column", "twice.xlsx", "survey", 1, "E")
    assert "C 列和 E 列" in p.message and "Duplicate column header: label" in p.message


@pytest.mark.parametrize("type_text", ["Text", "Select one from yn", "SELECT_ONE yn"])
def test_a_type_in_capitals_is_refused_as_pyxform_refuses_it(xlsform, type_text):
    p = first_problem(xlsform([["type", "name", "label"], [type_text, "q", "Q"]],
                              [["list_name", "name", "label"], ["yn", "yes", "Yes"]]))
    assert (p.code, p.row, p.column) == ("unknown_type", 2, "type")
    assert f"Unknown question type '{type_text}'" in p.message


def test_datetime_spelt_as_pyxform_spells_it_loads(xlsform):
    form = load_form(xlsform([["type", "name", "label"], ["dateTime", "when", "When"]]))
    assert form.fields["when"].type == "datetime"


def test_a_repeat_named_as_the_form_root_is_refused_as_pyxform_does(xlsform):
    p = first_problem(xlsform([["type", "name", "label"], ["begin_repeat", "data", "Rows"],
                               ["text", "a", "A"], ["end_repeat"]]))
    assert (p.code, p.row, p.column) == ("bad_name", 2, "name") and "survey root" in p.message


def test_a_sibling_path_reads_the_answer_beside_the_question(xlsform):
    # XPath as ODK forms write it inside a roster: ../x and current()/../x
    form = load_form(xlsform(
        [["type", "name", "label", "calculation", "choice_filter"],
         ["begin_repeat", "member", "成员"],
         ["text", "relation", "关系"],
         ["calculate", "is_head", "", "if(../relation = 'head', 1, 0)"],
         ["select_one job", "job", "职业", "", "name != current()/../relation"],
         ["end_repeat"]],
        [["list_name", "name", "label"], ["job", "head", "户主"], ["job", "farmer", "农民"]]))
    state = FormState.new(form)
    state.add_instance("member")
    state.add_instance("member")
    state.set("relation", "head", 0)
    state.set("relation", "child", 1)
    assert (state.value("is_head", 0), state.value("is_head", 1)) == (1, 0)
    assert [c.name for c in state.choices("job", 0)] == ["farmer"]
    assert [c.name for c in state.choices("job", 1)] == ["head", "farmer"]


def test_a_longer_relative_path_is_still_refused(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([["type", "name", "label", "calculation"],
                           ["calculate", "c", "", "../../household/head_name"]]))
    assert info.value.problems[0].code == "unsupported_path"


def test_choice_name_gives_the_label_of_an_answer(xlsform):
    form = load_form(xlsform(
        [["type", "name", "label::中文 (zh)", "label::English (en)", "calculation"],
         ["select_one town", "t", "乡镇", "Town", ""],
         ["calculate", "shown", "", "", "jr:choice-name(${t}, '${t}')"],
         ["note", "n", "您选了 ${shown}", "You chose ${shown}", ""]],
        [["list_name", "name", "label::中文 (zh)", "label::English (en)"],
         ["town", "jf", "稷峰镇", "Jifeng"], ["town", "xz", "西社镇", "Xishe"]]))
    state = FormState.new(form, language="zh")
    state.set("t", "xz")
    assert state.value("shown") == "西社镇" and state.label("n") == "您选了 西社镇"
    english = FormState.new(form, language="en")
    english.set("t", "jf")
    assert english.value("shown") == "Jifeng"


def test_once_keeps_the_first_value(xlsform):
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["text", "a", "A", ""],
                              ["calculate", "first_a", "", "once(${a})"]]))
    state = FormState.new(form)
    state.set("a", "甲")
    state.set("a", "乙")
    assert state.value("first_a") == "甲"


def test_a_default_written_as_an_expression_is_computed_when_the_visit_starts(xlsform):
    from datetime import date

    form = load_form(xlsform(
        [["type", "name", "label", "default"],
         ["date", "visited", "走访日期", "today()"],
         ["text", "town", "乡镇", "稷峰镇"],
         ["text", "place", "地点", "concat(${town}, '（村委会）')"],
         ["begin_repeat", "member", "成员", ""],
         ["text", "lives_in", "住址", "${town}"],
         ["end_repeat", "", "", ""],
         ["text", "note", "备注", "见附件(1)"]]))
    state = FormState.new(form, today=date(2026, 12, 6))
    assert state.value("visited") == "2026-12-06"
    assert state.value("place") == "稷峰镇（村委会）"
    assert state.value("note") == "见附件(1)"  # not an expression: the text itself
    state.add_instance("member")
    assert state.value("lives_in", 0) == "稷峰镇"


def test_csv_external_data_beside_the_form_is_read_by_instance(xlsform, tmp_path):
    (tmp_path / "prices.csv").write_text("name,price\nrice,3.5\nmilk,6\n", encoding="utf-8")
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["csv-external", "prices", "", ""],
                              ["text", "item", "商品", ""],
                              ["calculate", "p", "",
                               "instance('prices')/root/item[name = ${item}]/price"]]))
    assert "prices" not in form.fields
    state = FormState.new(form)
    state.set("item", "milk")
    assert state.value("p") == "6"
    (tmp_path / "towns.xml").write_text("<root><item><name>a</name></item>")  # unclosed
    p = first_problem(xlsform([["type", "name", "label"], ["xml-external", "towns", ""]]))
    assert (p.code, p.row, p.column) == ("bad_choice_file", 2, "type")
    assert "towns.xml" in p.message


def test_rank_keeps_the_order_given(xlsform):
    with pytest.raises(FormError) as info:  # a rank names its list, as a select does
        load_form(xlsform([["type", "name", "label"], ["rank", "r0", "无列表"]]))
    assert info.value.problems[0].code == "missing_list"
    form = load_form(xlsform([["type", "name", "label", "constraint"],
                              ["rank need", "need", "最需要的", "count-selected(.) = 3"]],
                             [["list_name", "name", "label"], ["need", "tv", "电视"],
                              ["need", "net", "宽带"], ["need", "road", "道路"]]))
    state = FormState.new(form)
    state.set("need", "road tv net road")
    assert state.value("need") == "road tv net" and state.problem("need") is None
    state.set("need", "net")
    assert state.problem("need") is not None  # the constraint: all three ranked
    with pytest.raises(AnswerError):
        state.set("need", "tv water")


def test_area_distance_floor_and_ceiling_as_odk_computes_them(xlsform):
    square = "35.6 110.98 0 0;35.601 110.98 0 0;35.601 110.981 0 0;35.6 110.981 0 0;35.6 110.98 0 0"
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["geoshape", "plot", "地块", ""],
                              ["calculate", "m2", "", "round(area(${plot}), 1)"],
                              ["calculate", "edge", "", "distance(${plot})"],
                              ["calculate", "mu", "", "floor(area(${plot}) div 666.67)"],
                              ["calculate", "up", "", "ceiling(-2.5)"]]))
    state = FormState.new(form)
    state.set("plot", square)
    # 0.001° of latitude is 111.32 m on JavaRosa's sphere; of longitude, times cos(35.6°)
    assert abs(state.value("m2") - 111.3188 * 111.3188 * 0.81302) < 1
    assert abs(state.value("edge") - 2 * (111.3188 + 111.3188 * 0.81302)) < 0.1
    assert (state.value("mu"), state.value("up")) == (15, -2)


def test_a_label_naming_no_question_or_two_is_refused_as_pyxform_does(xlsform):
    p = first_problem(xlsform([["type", "name", "label", "hint"],
                               ["integer", "age", "年龄", ""],
                               ["note", "n", "您 ${agee} 岁", ""]]))
    assert (p.code, p.row, p.column) == ("unknown_field", 3, "label")
    assert "no survey element named 'agee'" in p.message
    p = first_problem(xlsform([["type", "name", "label", "hint"],
                               ["text", "name", "姓名", ""],
                               ["begin_group", "spouse", "配偶", ""],
                               ["text", "name", "配偶姓名", ""],
                               ["end_group", "", "", ""],
                               ["note", "n", "您好", "${name}"]]))
    assert (p.code, p.row, p.column) == ("ambiguous_reference", 6, "hint")


def test_a_triggered_calculation_runs_when_its_trigger_changes(xlsform):
    form = load_form(xlsform([
        ["type", "name", "label", "calculation", "trigger"],
        ["integer", "tvs", "电视机台数", "", ""],
        ["calculate", "changes", "", "coalesce(${changes}, 0) + 1", "${tvs}"],
        ["text", "copy", "同上", "concat(${tvs}, ' 台')", "${tvs}"],
        ["begin_repeat", "member", "成员", "", ""],
        ["text", "name", "姓名", "", ""],
        ["calculate", "named_at", "", "string-length(${name})", "${name}"],
        ["end_repeat", "", "", "", ""]]))
    state = FormState.new(form)
    assert state.value("changes") is None and not state.read_only("copy")
    state.set("tvs", 2)
    state.set("tvs", 3)
    assert (state.value("changes"), state.value("copy")) == (2, "3 台")
    state.set("copy", "三台")  # editable: kept until the trigger changes again
    assert state.value("copy") == "三台"
    state.add_instance("member")
    state.add_instance("member")
    state.set("name", "王芳", 1)
    assert (state.value("named_at", 0), state.value("named_at", 1)) == (None, 2)


def test_choices_from_a_csv_through_the_search_appearance(xlsform, tmp_path):
    # ODK Collect's older search('file'): the list's one row names the CSV's value and label
    (tmp_path / "villages.csv").write_text(
        "code,村名,town\n140824101,东关村,jf\n140824102,西关村,jf\n140824201,南庄村,xs\n",
        encoding="utf-8")
    choices = [["list_name", "name", "label"], ["v", "code", "村名"], ["t", "jf", "稷峰"],
               ["t", "xs", "西社"]]
    form = load_form(xlsform(
        [["type", "name", "label", "appearance"],
         ["select_one t", "town", "乡镇", ""],
         ["select_one v", "all", "全部村", "search('villages')"],
         ["select_one v", "mine", "本镇的村", "search('villages', 'matches', 'town', ${town})"],
         ["select_one v", "east", "东边的村", "search('villages', 'startswith', '村名', '东')"]],
        choices))
    state = FormState.new(form)
    assert [(c.name, c.labels["default"]) for c in state.choices("all")][:1] == [
        ("140824101", "东关村")]
    state.set("town", "xs")
    assert [c.name for c in state.choices("mine")] == ["140824201"]
    assert [c.name for c in state.choices("east")] == ["140824101"]
    (tmp_path / "broken.csv").write_bytes(b"code\n\x80\n")  # neither UTF-8 nor GB18030
    p = first_problem(xlsform([["type", "name", "label", "appearance"],
                               ["select_one v", "x", "村", "search('broken')"]], choices))
    assert p.code == "bad_choice_file" and (p.row, p.column) == (2, "appearance")
    assert "broken.csv" in p.message


def test_instance_lookups_nested_too_deep_are_refused_naming_the_cell(xlsform):
    deep = "instance('a')/root/item[" * 9 + "name = 'n'" + "]" * 9
    p = first_problem(xlsform([["type", "name", "label", "calculation"],
                               ["calculate", "c", "", f"count({deep})"]],
                              [["list_name", "name", "label"], ["a", "n", "N"]]))
    assert (p.code, p.row, p.column) == ("too_complex", 2, "calculation")
    two = "instance('a')/root/item[name = instance('a')/root/item[name = 'n']/name]/label"
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["calculate", "c", "", two]],
                             [["list_name", "name", "label"], ["a", "n", "N"]]))
    assert FormState.new(form).value("c") == "N"


def test_a_bare_word_is_refused_as_odk_collect_cannot_open_it_saying_what_it_is_read_as(
        xlsform):
    # osm-fieldwork's forms: calculation `yes`, required `basic`; JavaRosa reads them as paths
    # to fields the form lacks and fails when the form opens ("Location ... was not found")
    for column, word in (("calculation", "yes"), ("required", "basic")):
        p = first_problem(xlsform([["type", "name", "label", column],
                                   ["text", "remark", "备注", ""],
                                   ["calculate" if column == "calculation" else "text", "x",
                                    "" if column == "calculation" else "X", word]]))
        assert (p.code, p.row, p.column) == ("bare_name", 3, column)
        assert f"没有引号的 {word} 会被当作字段名" in p.message
        assert f"'{word}'" in p.message and "${" + word + "}" in p.message
        assert "ODK Collect 也打不开" in p.message


def test_a_select_default_that_is_no_choice_loads_with_a_note_and_nothing_selected(xlsform):
    # osm-fieldwork's waste_collection: default "Fixme: I need this list"; pyxform passes it on
    # and ODK Collect opens the form with none of the choices selected
    form = load_form(xlsform([["type", "name", "label", "default"],
                              ["select_one yn", "tv", "有电视吗", "Fixme: I need this list"],
                              ["select_multiple yn", "many", "多选", "yes maybe"],
                              ["select_one yn", "ok", "正常默认", "no"]],
                             [["list_name", "name", "label"], ["yn", "yes", "是"],
                              ["yn", "no", "否"]]))
    state = FormState.new(form)
    assert (state.value("tv"), state.value("many"), state.value("ok")) == (None, None, "no")
    notes = [w for w in map(str, form.warnings) if "默认值" in w]
    assert [n.split(":")[0] for n in notes] == ["survey 工作表第 2 行", "survey 工作表第 3 行"]
    assert "Fixme: I need this list" in notes[0] and "不选任何选项" in notes[0]
    assert any("is ignored" in w.text("en") for w in form.warnings)
