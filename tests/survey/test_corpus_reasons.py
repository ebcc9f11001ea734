"""Forms pyxform converts that fieldapp used to refuse (tools/form_corpus.py on pyxform's own
example forms), each rebuilt small here: typographic quotes, a choice_filter on a label in one
language."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState


def test_typographic_quotes_read_as_quotes_with_a_warning_naming_the_row(xlsform):
    # Excel's autocorrect and Chinese input methods type ‘…’ and “…”: pyxform passes them on
    form = load_form(xlsform(
        [["type", "name", "label", "relevant"],
         ["select_one who", "w", "谁"],
         ["text", "other", "其他", "${w} = ‘other’"],
         ["text", "cn", "中文", "${w} = “other”"]],
        [["list_name", "name", "label"], ["who", "me", "我"], ["who", "other", "其他"]]))
    state = FormState.new(form)
    assert not state.relevant("other") and not state.relevant("cn")
    state.set("w", "other")
    assert state.relevant("other") and state.relevant("cn")
    quoted = [w for w in form.warnings if "中文引号" in w]
    assert [w.split(":")[0] for w in quoted] == ["survey 工作表第 3 行 relevant 列",
                                                 "survey 工作表第 4 行 relevant 列"]


def test_typographic_quotes_inside_a_plain_string_are_text_without_warning(xlsform):
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["calculate", "c", "", "concat('他说“好”', '!')"]]))
    assert FormState.new(form).value("c") == "他说“好”!"
    assert not any("中文引号" in w for w in form.warnings)


def test_an_unclosed_typographic_quote_is_refused_naming_the_cell(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([["type", "name", "label", "relevant"],
                           ["text", "a", "A"], ["text", "b", "B", "${a} = ‘x"]]))
    p = info.value.problems[0]
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
    assert not any("choice_filter" in w for w in form.warnings)


def test_choice_filter_on_a_language_the_list_lacks_warns(xlsform):
    form = load_form(xlsform(
        [["type", "name", "label", "choice_filter"],
         ["select_one names", "n", "Name", "label::French != ''"]],
        [["list_name", "name", "label::English"], ["names", "a", "A"]]))
    assert [c.name for c in FormState.new(form).choices("n")] == []
    assert any("label::French" in w for w in form.warnings)
