"""A keystroke recomputes only the calculations that can see it, in dependency order, and still
gives the same answers as computing everything."""

from __future__ import annotations

from fieldapp.survey.depgraph import plan_for
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState


def chain_form(xlsform):
    # calculations listed in reverse of their dependency order, one behind a group relevance
    return load_form(xlsform([
        ["type", "name", "label", "calculation", "relevant"],
        ["integer", "a", "A", "", ""],
        ["integer", "b", "B", "", ""],
        ["calculate", "c3", "", "${c2} * 10", ""],
        ["calculate", "c2", "", "${c1} + 1", ""],
        ["calculate", "c1", "", "${a} * 2", ""],
        ["calculate", "only_b", "", "${b} + 100", ""],
        ["begin_group", "g", "G", "", "${a} > 5"],
        ["calculate", "in_g", "", "concat('g', ${c1})", ""],
        ["end_group", "", "", "", ""],
    ]))


def test_chained_calculations_settle_in_one_keystroke(xlsform):
    state = FormState.new(chain_form(xlsform))
    changed = state.set("a", "3")
    assert changed == {"a": 3, "c1": 6, "c2": 7, "c3": 70}
    assert state.answers.get("only_b") is None  # b is empty: NaN + 100 is stored as nothing


def test_only_dependents_are_recomputed(xlsform):
    form = chain_form(xlsform)
    plan = plan_for(form)
    assert plan.affected("b") == ["only_b"]
    order = plan.affected("a")
    assert set(order) == {"c1", "c2", "c3", "in_g"}  # in_g also through its group's relevance
    assert order.index("c1") < order.index("c2") < order.index("c3")
    assert order.index("c1") < order.index("in_g")
    assert not plan.cyclic


def test_group_relevance_reaches_its_calculations(xlsform):
    state = FormState.new(chain_form(xlsform))
    state.set("a", "3")
    assert state.answers.get("in_g") is None  # group not relevant: the calculation is empty
    changed = state.set("a", "6")
    assert changed["in_g"] == "g12"


def test_same_result_as_computing_everything(xlsform):
    form = chain_form(xlsform)
    state = FormState.new(form)
    for name, value in (("a", "4"), ("b", "1"), ("a", "9"), ("b", ""), ("a", "2")):
        state.set(name, value)
        full = FormState(form, state.answers)
        full.calculate()
        assert full.answers == state.answers
