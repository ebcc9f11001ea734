"""Filling in the household checklist by its rules, without any UI."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import AnswerError
from fieldapp.survey.registry import bundled_form
from fieldapp.survey.runtime import FormState


@pytest.fixture(scope="module")
def form():
    return bundled_form("huhutong_household")


def fill(state, **answers):
    for name, value in answers.items():
        state.set(name, value)
    return state


def test_new_visit_has_defaults_for_the_usual_case(form):
    state = FormState.new(form)
    assert state.answers["tv_sets"] == 1 and state.answers["illegal_charge"] == "no"
    assert state.answers["channels"] == "cctv provincial county"
    assert state.answers["visit_result"] == "met" and state.answers["works_now"] == "yes"
    # questions whose default is the latest answer (${last-saved#…}) start empty without one
    assert set(state.problems()) == {"reception_mode", "broadband", "eb_terminal",
                                     "satisfaction", "head_confirmed"}
    assert not state.relevant("works_now")  # until a reception mode is known


def test_last_saved_defaults_fill_the_usual_answers(form):
    state = FormState.new(form, last_saved={"reception_mode": "iptv", "operator": "telecom",
                                            "broadband": "yes", "eb_terminal": "no",
                                            "satisfaction": "satisfied"})
    assert state.problems() == {"head_confirmed": "此项必填"}
    fill(state, head_phone="13912345678")  # a phone number for the county's call-back
    assert state.is_complete() and state.answers["covered"] == "yes"
    assert not state.relevant("head_confirmed")
    fill(state, head_phone="1391234")
    assert state.problem("head_phone") == "请输入 11 位手机号或带区号的固话"


def test_nobody_home_is_complete_at_once(form):
    state = fill(FormState.new(form), visit_result="nobody_home")
    assert state.is_complete()
    assert state.answers["covered"] == "no"
    # defaults of questions that do not apply are dropped when the visit is finalised
    assert set(state.irrelevant_answers()) == {"tv_sets", "illegal_charge", "channels",
                                               "works_now", "paid_cable_subscriber", "eb_working"}


def test_a_covered_household(form):
    state = fill(FormState.new(form), visit_result="met", reception_mode="iptv", works_now="yes")
    assert state.relevant("channels") and state.relevant("operator")
    assert not state.relevant("not_covered_reason")
    assert set(state.problems()) == {"operator", "broadband", "eb_terminal", "satisfaction",
                                     "head_confirmed"}
    fill(state, operator="telecom", broadband="yes", paid_cable_subscriber="no",
         eb_terminal="yes", eb_working="yes", satisfaction="satisfied", head_confirmed=True)
    assert state.is_complete()
    assert state.answers["covered"] == "yes" and state.answers["head_confirmed"] == "OK"


def test_not_covered_asks_for_a_reason(form):
    state = fill(FormState.new(form), visit_result="met", reception_mode="none")
    assert not state.relevant("works_now") and not state.relevant("operator")
    assert state.relevant("not_covered_reason")
    assert "not_covered_reason" in state.problems()
    fill(state, not_covered_reason="other")
    assert state.problems()["not_covered_other"] == "此项必填"


def test_tv_sets_constraint_message(form):
    state = fill(FormState.new(form), visit_result="met", reception_mode="cable", tv_sets=0)
    assert state.problem("tv_sets") == "有接收方式时至少 1 台，最多 20 台"
    fill(state, reception_mode="none")
    assert state.problem("tv_sets") is None
    fill(state, tv_sets="21")
    assert state.problem("tv_sets") == "有接收方式时至少 1 台，最多 20 台"


def test_english_messages(form):
    state = FormState.new(form, language="en")
    fill(state, visit_result="met", reception_mode="cable", tv_sets=0)
    assert state.problem("tv_sets") == "At least 1 set when TV is received, at most 20"


def test_operator_choices_follow_the_reception_mode(form):
    state = fill(FormState.new(form), visit_result="met", reception_mode="cable")
    assert [c.name for c in state.choices("operator")] == ["telecom", "cable_co", "other"]
    fill(state, operator="cable_co", reception_mode="iptv")
    assert [c.name for c in state.choices("operator")] == ["telecom", "unicom", "mobile", "other"]
    assert state.problem("operator") == "所选项不在可选范围内"


def test_illegal_charge_details(form):
    state = fill(FormState.new(form), visit_result="met", illegal_charge="yes")
    assert {"charge_amount", "charged_by"} <= set(state.problems())
    fill(state, charge_amount="0")
    assert state.problem("charge_amount") == "金额应大于 0"
    fill(state, charge_amount="１２０")  # full-width digits typed on a Chinese keyboard
    assert state.answers["charge_amount"] == 120 and state.problem("charge_amount") is None


@pytest.mark.parametrize("name, raw", [
    ("tv_sets", "two"), ("tv_sets", "1.5"), ("visit_result", "maybe"),
    ("channels", "cctv bbc"), ("location", "110.9 35.6"), ("location", "abc"),
    ("charge_amount", "1e999"),
])
def test_bad_answers_are_refused(form, name, raw):
    state = FormState.new(form)
    before = dict(state.answers)
    with pytest.raises(AnswerError):
        state.set(name, raw)
    assert state.answers == before


def test_location_is_normalised(form):
    state = fill(FormState.new(form), location="35.601234567, 110.98")
    assert state.answers["location"] == "35.6012346 110.98"


def test_set_reports_calculations_that_changed(form):
    state = fill(FormState.new(form), visit_result="met", reception_mode="cable",
                 works_now="no")
    assert state.set("works_now", "yes") == {"works_now": "yes", "covered": "yes"}
    assert state.set("works_now", "yes") == {}
    assert state.set("works_now", None) == {"works_now": None, "covered": "no"}


def test_answers_of_an_older_version_are_kept(form):
    state = FormState(form, {"visit_result": "met", "retired_question": "x"})
    assert state.answers["retired_question"] == "x"
    assert "retired_question" not in state.irrelevant_answers()


def test_default_messages_follow_the_language(form):
    assert FormState.new(form).problem("reception_mode") == "此项必填"
    assert FormState.new(form, language="en").problem("reception_mode") == \
        "This question must be answered"


def test_labels_hints_and_messages_show_other_answers(xlsform):
    from fieldapp.survey.loader import load_form
    form = load_form(xlsform([
        ["type", "name", "label", "hint", "constraint", "constraint_message"],
        ["text", "head", "户主", "", "", ""],
        ["integer", "n", "${head} 家有几台电视？", "${head} 家", ". < 10",
         "${head} 家不会有 ${n} 台"],
    ]))
    state = FormState.new(form)
    state.set("head", "张三")
    assert state.label("n") == "张三 家有几台电视？" and state.hint("n") == "张三 家"
    state.set("n", "12")
    assert state.problem("n") == "张三 家不会有 12 台"
