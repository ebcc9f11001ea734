"""Names as pyxform allows them: unique within the nearest group or repeat (a name differing only
in case there is a note), repeat names unique in the whole form; the same group name in different
places and names differing only in case elsewhere load. Each verdict is also pyxform's own."""

from __future__ import annotations

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

HEAD = ["type", "name", "label", "relevant"]


def pyxform_accepts(path) -> bool:
    try:
        convert(xlsform=str(path), validate=False)
    except PyXFormError:
        return False
    return True


def refused(path):
    with pytest.raises(FormError) as info:
        load_form(path)
    return info.value.problems


def test_two_groups_of_the_same_name_in_different_places_load_and_keep_apart(xlsform):
    # as ODK forms do: a "details" group under each household member kind
    path = xlsform([
        HEAD,
        ["begin_group", "head", "户主"],
        ["select_one yn", "present", "户主在家吗"],
        ["begin_group", "details", "户主情况", "${present} = 'yes'"],
        ["integer", "age", "年龄"],
        ["end_group"],
        ["end_group"],
        ["begin_group", "spouse", "配偶"],
        ["begin_group", "details", "配偶情况"],
        ["integer", "age", "年龄"],
        ["end_group"],
        ["end_group"]], [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "no", "否"]])
    assert pyxform_accepts(path)
    form = load_form(path)
    assert sorted(g for g in form.groups) == ["details", "head", "spouse", "spouse-details"]
    assert form.fields["spouse-details-age"].groups == ("spouse", "spouse-details")
    notes = [str(w) for w in form.warnings]
    assert any("第 9 行" in n and "spouse-details" in n for n in notes)
    state = FormState.new(form)
    state.set("present", "no")
    state.set("spouse-details-age", 41)
    # the first group's relevance hides only its own question, not the other group's
    assert not state.relevant("age") and state.relevant("spouse-details-age")
    assert state.value("spouse-details-age") == 41


def test_names_differing_only_in_case_load_as_two_questions(xlsform):
    path = xlsform([
        HEAD,
        ["begin_group", "adults", "成人"], ["integer", "age", "年龄"], ["end_group"],
        ["begin_group", "children", "儿童"], ["integer", "Age", "年龄"], ["end_group"],
        ["text", "Name", "户主姓名"], ["text", "name", "联系人姓名"]])
    assert pyxform_accepts(path)
    form = load_form(path)
    assert {"age", "Age", "Name", "name"} <= set(form.fields)
    notes = [str(w) for w in form.warnings]
    # in the same group pyxform warns: some tools ignore case; in different groups it does not
    assert [n for n in notes if "大小写" in n] == [n for n in notes if "第 9 行" in n]
    assert len([n for n in notes if "大小写" in n]) == 1
    state = FormState.new(form)
    state.set("Name", "王芳")
    state.set("name", "李强")
    assert (state.value("Name"), state.value("name")) == ("王芳", "李强")


def test_the_same_name_twice_in_one_group_is_refused_naming_both_rows(xlsform):
    path = xlsform([
        HEAD,
        ["text", "age", "年龄"],
        ["begin_group", "g", "组"], ["integer", "age", "年龄"], ["integer", "age", "又是年龄"],
        ["end_group"]])
    assert not pyxform_accepts(path)
    (p,) = refused(path)
    assert (p.code, p.row, p.column) == ("duplicate_name", 5, "name")
    assert "第 4 行" in p.message and "（g）" in p.message


def test_a_group_and_a_question_of_one_name_in_one_group_are_refused(xlsform):
    path = xlsform([HEAD, ["text", "info", "信息"], ["begin_group", "info", "信息组"],
                    ["text", "x", "X"], ["end_group"]])
    assert not pyxform_accepts(path)
    assert [(p.code, p.row) for p in refused(path)] == [("duplicate_name", 3)]


def test_a_repeat_name_used_twice_anywhere_is_refused(xlsform):
    path = xlsform([
        HEAD,
        ["begin_group", "a", "A"], ["begin_repeat", "member", "成员"], ["text", "n", "姓名"],
        ["end_repeat"], ["end_group"],
        ["begin_group", "b", "B"], ["begin_repeat", "member", "成员"], ["text", "n", "姓名"],
        ["end_repeat"], ["end_group"]])
    assert not pyxform_accepts(path)
    (p,) = refused(path)
    assert (p.code, p.row) == ("duplicate_name", 8)
    assert "第 3 行" in p.message and "重复组名 member" in p.message


def test_a_group_of_a_repeats_name_elsewhere_loads(xlsform):
    path = xlsform([
        HEAD,
        ["begin_repeat", "member", "成员"], ["text", "n", "姓名"], ["end_repeat"],
        ["begin_group", "other", "其他"], ["begin_group", "member", "成员信息"],
        ["text", "phone", "电话"], ["end_group"], ["end_group"]])
    assert pyxform_accepts(path)
    form = load_form(path)
    assert list(form.repeats) == ["member"]
    assert form.groups["other-member"].is_repeat is False
    assert form.fields["phone"].repeat == ""


def test_the_name_meta_is_refused_anywhere(xlsform):
    path = xlsform([HEAD, ["begin_group", "g", "组"], ["text", "meta", "元"], ["end_group"]])
    assert not pyxform_accepts(path)
    (p,) = refused(path)
    assert (p.code, p.row, p.column) == ("bad_name", 3, "name") and "meta" in p.message
