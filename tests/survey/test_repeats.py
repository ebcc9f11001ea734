"""Repeat groups (begin repeat / end repeat): loading, answers as a list of instances, and the
expressions ODK evaluates over them (relative ${}, position(..), count, sum, indexed-repeat)."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState, split_key

HEAD = ["type", "name", "label", "relevant", "calculation", "required", "constraint", "jr:count"]
CHOICES = [["list name", "name", "label"], ["sex", "m", "男"], ["sex", "f", "女"]]


def roster_rows():
    return [
        HEAD,
        ["integer", "size", "家庭人口", "", "", "", "", ""],
        ["begin repeat", "members", "家庭成员", "", "", "", "", ""],
        ["text", "member_name", "姓名", "", "", "yes", "", ""],
        ["select_one sex", "sex", "${member_name} 的性别", "", "", "", "", ""],
        ["integer", "age", "年龄", "", "", "", ". < 130", ""],
        ["integer", "births", "生育子女数", "${sex} = 'f'", "", "yes", "", ""],
        ["calculate", "no", "", "", "position(..)", "", "", ""],
        ["calculate", "older_than_first", "", "",
         "${age} > indexed-repeat(${age}, ${members}, 1)", "", "", ""],
        ["end repeat", "", "", "", "", "", "", ""],
        ["calculate", "n_members", "", "", "count(${members})", "", "", ""],
        ["calculate", "total_age", "", "", "sum(${age})", "", "", ""],
        ["calculate", "names", "", "", "join(', ', ${member_name})", "", "", ""],
        ["note", "check", "登记 ${n_members} 人", "${n_members} != ${size}", "", "", "", ""],
    ]


@pytest.fixture
def roster(xlsform):
    return load_form(xlsform(roster_rows(), CHOICES))


def test_a_repeat_loads_as_a_group_whose_fields_know_their_repeat(roster):
    members = roster.groups["members"]
    assert members.is_repeat and members.repeat == "members"
    assert list(roster.repeats) == ["members"]
    assert [f.name for f in roster.fields_in("members")] == [
        "member_name", "sex", "age", "births", "no", "older_than_first"]
    assert roster.fields["member_name"].repeat == "members"
    assert roster.fields["size"].repeat == "" and roster.fields["n_members"].repeat == ""


def test_answers_hold_a_list_of_instances_and_counts_follow(roster):
    state = FormState.new(roster)
    assert "members" not in state.answers and state.answers["n_members"] == 0
    state.set("size", 2)
    assert state.relevant("check")  # 0 members registered, 2 declared
    changes = state.add_instance("members")
    assert changes["members"] == [{"no": 1, "older_than_first": "false"}]
    assert changes["n_members"] == 1
    state.set("member_name", "王芳", 0)
    state.set("sex", "f", 0)
    state.set("age", 41, 0)
    state.add_instance("members")
    changes = state.set("member_name", "李强", 1)
    assert changes["names"] == "王芳, 李强"
    state.set("sex", "m", 1)
    state.set("age", 45, 1)
    assert state.answers["members"] == [
        {"no": 1, "member_name": "王芳", "sex": "f", "age": 41, "older_than_first": "false"},
        {"no": 2, "member_name": "李强", "sex": "m", "age": 45, "older_than_first": "true"},
    ]
    assert (state.answers["n_members"], state.answers["total_age"]) == (2, 86)
    assert not state.relevant("check")


def sized(xlsform, relevant: str = "", count: str = ""):
    """size, then a repeat of names (with this relevant / repeat_count), then n = its count."""
    return load_form(xlsform([
        HEAD,
        ["integer", "size", "家庭人口", "", "", "", "", ""],
        ["begin repeat", "members", "成员", relevant, "", "", "", count],
        ["text", "member_name", "姓名", "", "", "", "", ""],
        ["end repeat", "", "", "", "", "", "", ""],
        ["calculate", "n", "", "", "count(${members})", "", "", ""],
    ]))


def test_a_hidden_repeat_counts_no_instances(xlsform):
    form = sized(xlsform, relevant="${size} > 0")
    state = FormState.new(form)
    state.set("size", 1)
    state.add_instance("members")
    assert state.answers["n"] == 1
    assert state.set("size", 0)["n"] == 0



def test_relative_references_inside_an_instance(roster):
    state = FormState.new(roster)
    state.add_instance("members")
    state.add_instance("members")
    state.set("member_name", "王芳", 0)
    state.set("sex", "f", 0)
    state.set("member_name", "李强", 1)
    state.set("sex", "m", 1)
    assert state.relevant("births", 0) and not state.relevant("births", 1)
    assert state.label("sex", 1) == "李强 的性别"
    assert state.problems() == {"members[1]/births": "此项必填"}
    assert split_key("members[1]/births") == ("births", 0)
    state.set("age", 200, 1)
    assert state.problem("age", 1) == "答案不符合要求"


def test_removing_an_instance_moves_the_next_up_and_recounts(roster):
    state = FormState.new(roster)
    for name in ("甲", "乙", "丙"):
        state.add_instance("members")
        state.set("member_name", name, state.count("members") - 1)
    changes = state.remove_instance("members", 0)
    assert [m["member_name"] for m in state.answers["members"]] == ["乙", "丙"]
    assert [m["no"] for m in state.answers["members"]] == [1, 2]
    assert changes["n_members"] == 2


def test_finalising_drops_answers_that_no_longer_apply_inside_instances(roster):
    state = FormState.new(roster)
    state.add_instance("members")
    state.set("sex", "f", 0)
    state.set("births", 2, 0)
    state.set("sex", "m", 0)
    changes = state.drop_irrelevant()
    assert state.answers["members"][0]["births"] is None
    assert changes["members"] is state.answers["members"]


def test_stored_answers_are_copied_not_shared(roster):
    stored = {"members": [{"member_name": "王芳"}]}
    state = FormState(roster, stored)
    state.set("member_name", "王小芳", 0)
    assert stored == {"members": [{"member_name": "王芳"}]}


def test_repeat_count_fixes_the_number_of_instances(xlsform):
    form = sized(xlsform, count="${size}")
    assert form.groups["members"].repeat_count.source == "${size}"
    state = FormState.new(form)
    assert state.count("members") == 0
    assert state.set("size", 3)["members"] == [{}, {}, {}]
    state.set("member_name", "王芳", 0)
    state.set("size", 1)
    assert state.answers["members"] == [{"member_name": "王芳"}]
    state.set("size", 10**9)
    assert state.count("members") == 200  # bounded


def test_repeat_errors_name_the_row(xlsform):
    path = xlsform([
        HEAD,
        ["begin repeat", "outer", "外", "", "", "", "", ""],
        ["begin repeat", "inner", "内", "", "", "", "", ""],
        ["text", "a", "甲", "", "", "", "", ""],
        ["end repeat", "", "", "", "", "", "", ""],
        ["end group", "", "", "", "", "", "", ""],
        ["end repeat", "", "", "", "", "", "", ""],
        ["text", "b", "乙", "", "position(.. )", "", "", ""],
    ])
    with pytest.raises(FormError) as info:
        load_form(path)
    got = {(p.code, p.row) for p in info.value.problems}
    assert not any(code == "nested_repeat" for code, _ in got)  # a repeat in a repeat loads
    assert ("unmatched_end_group", 6) in got
    assert ("unmatched_end_repeat", 7) in got
