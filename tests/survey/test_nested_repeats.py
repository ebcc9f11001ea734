"""A repeat inside a repeat (members, each with their jobs): answers nest inside each outer
instance, expressions see the instance they are in, repeat_count / jr:count of the inner repeat
is read in its outer instance, and problems name both instances."""

from __future__ import annotations

import pytest

from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState, answer_key, split_key

HEAD = ["type", "name", "label", "relevant", "calculation", "required", "jr:count"]


def rows():
    return [
        HEAD,
        ["begin repeat", "members", "家庭成员", "", "", "", ""],
        ["text", "member_name", "姓名", "", "", "yes", ""],
        ["integer", "n_jobs", "工作数", "", "", "", ""],
        ["begin repeat", "jobs", "${member_name} 的工作", "", "", "", "${n_jobs}"],
        ["text", "job", "工作", "", "", "yes", ""],
        ["integer", "income", "收入", "", "", "", ""],
        ["calculate", "job_no", "", "", "position(..)", "", ""],
        ["calculate", "whose", "", "", "${member_name}", "", ""],
        ["end repeat", "", "", "", "", "", ""],
        ["calculate", "member_income", "", "", "sum(${income})", "", ""],
        ["calculate", "jobs_here", "", "", "count(${jobs})", "", ""],
        ["end repeat", "", "", "", "", "", ""],
        ["calculate", "household_income", "", "", "sum(${income})", "", ""],
        ["calculate", "all_jobs", "", "", "count(${job})", "", ""],
    ]


@pytest.fixture
def form(xlsform):
    return load_form(xlsform(rows()))


def test_a_repeat_inside_a_repeat_loads(form):
    assert form.repeat_chain("job") == ("members", "jobs")
    assert form.parent_repeat("jobs") == "members"
    assert [f.name for f in form.fields_in("jobs")] == ["job", "income", "job_no", "whose"]


def test_inner_instances_live_inside_each_outer_instance(form):
    state = FormState.new(form)
    state.add_instance("members")
    state.add_instance("members")
    state.set("member_name", "王芳", 0)
    state.set("member_name", "李强", 1)
    state.set("n_jobs", 2, 0)  # jr:count: two jobs for 王芳
    state.set("n_jobs", 1, 1)
    assert state.count("jobs", 0) == 2 and state.count("jobs", 1) == 1
    state.set("job", "教师", (0, 0))
    state.set("income", 300, (0, 0))
    state.set("job", "农民", (0, 1))
    changed = state.set("income", 200, (0, 1))
    state.set("job", "司机", (1, 0))
    state.set("income", 50, (1, 0))
    members = state.answers["members"]
    assert [j["job"] for j in members[0]["jobs"]] == ["教师", "农民"]
    assert members[1]["jobs"][0]["job"] == "司机"
    assert "members" in changed  # the outermost list is what a visit stores
    # expressions see their own instance; sums stay inside the outer instance
    assert [j["job_no"] for j in members[0]["jobs"]] == [1, 2]
    assert members[0]["jobs"][1]["whose"] == "王芳"
    assert (members[0]["member_income"], members[1]["member_income"]) == (500, 50)
    assert (members[0]["jobs_here"], members[1]["jobs_here"]) == (2, 1)
    assert state.answers["household_income"] == 550
    assert state.answers["all_jobs"] == 3
    assert state.label("job", (1, 0)) == "工作"
    assert state.value("job", (0, 1)) == "农民"


def test_problems_name_both_instances_and_keys_round_trip(form):
    state = FormState.new(form)
    state.add_instance("members")
    state.set("member_name", "王芳", 0)
    state.set("n_jobs", 1, 0)
    problems = state.problems()
    assert problems == {"members[1]/jobs[1]/job": "此项必填"}
    assert split_key("members[1]/jobs[1]/job") == ("job", (0, 0))
    assert split_key("members[2]/member_name") == ("member_name", 1)
    assert answer_key(form, "job", (0, 0)) == "members[1]/jobs[1]/job"


def test_removing_an_outer_instance_takes_its_inner_ones(form):
    state = FormState.new(form)
    for i in range(2):
        state.add_instance("members")
        state.set("member_name", f"m{i}", i)
        state.set("n_jobs", i + 1, i)
    state.remove_instance("members", 0)
    assert state.count("members") == 1 and state.count("jobs", 0) == 2
    assert state.value("member_name", 0) == "m1"


def test_a_visit_saved_with_nested_answers_reopens_unchanged(form):
    saved = {"members": [{"member_name": "王芳", "n_jobs": 1,
                          "jobs": [{"job": "教师", "income": 10}]}]}
    state = FormState(form, saved)
    state.set("income", 20, (0, 0))
    assert saved["members"][0]["jobs"][0]["income"] == 10  # the caller's dicts are not edited
    assert state.answers["members"][0]["jobs"][0]["income"] == 20


def test_inner_repeat_added_by_hand_when_it_has_no_count(xlsform):
    form = load_form(xlsform([
        ["type", "name", "label"],
        ["begin repeat", "plots", "地块"],
        ["begin repeat", "crops", "作物"],
        ["text", "crop", "作物名"],
        ["end repeat", "", ""],
        ["end repeat", "", ""]]))
    state = FormState.new(form)
    state.add_instance("plots")
    state.add_instance("crops", 0)
    state.add_instance("crops", 0)
    state.set("crop", "玉米", (0, 1))
    assert state.answers == {"plots": [{"crops": [{}, {"crop": "玉米"}]}]}
    assert state.fixed_count("crops", 0) is None
