"""The expression parser: precedence, errors with positions, and property tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.survey import expr_ast as A
from fieldapp.survey.errors import ExpressionError
from fieldapp.survey.expr_parse import parse, tokenize


def test_precedence_follows_xpath():
    assert parse("1 + 2 * 3") == A.Binary("+", A.Num(1), A.Binary("*", A.Num(2), A.Num(3)))
    assert parse("a() or b() and c()") == A.Binary(
        "or", A.Call("a", ()), A.Binary("and", A.Call("b", ()), A.Call("c", ())))
    assert parse("${a} = 1 and ${b} < 2") == A.Binary(
        "and", A.Binary("=", A.Ref("a"), A.Num(1)), A.Binary("<", A.Ref("b"), A.Num(2)))


def test_operators_are_left_associative():
    assert parse("8 - 4 - 2") == A.Binary("-", A.Binary("-", A.Num(8), A.Num(4)), A.Num(2))
    assert parse("8 div 4 div 2") == A.Binary(
        "div", A.Binary("div", A.Num(8), A.Num(4)), A.Num(2))


def test_unary_minus_binds_tighter_than_multiplication():
    assert parse("-2 * 3") == A.Binary("*", A.Unary("-", A.Num(2)), A.Num(3))


def test_hyphenated_function_names_and_minus():
    assert parse("count-selected(${channels}) - 1") == A.Binary(
        "-", A.Call("count-selected", (A.Ref("channels"),)), A.Num(1))
    assert parse("${a}-1") == A.Binary("-", A.Ref("a"), A.Num(1))


def test_current_and_decimals():
    assert parse(". >= .5") == A.Binary(">=", A.Current(), A.Num(0.5))


def test_choice_columns_only_where_allowed():
    assert parse("selected(modes, ${m})", allow_choice_columns=True) == A.Call(
        "selected", (A.ChoiceColumn("modes"), A.Ref("m")))
    with pytest.raises(ExpressionError) as info:
        parse("modes = 'x'")
    assert info.value.code == "bare_name"


@pytest.mark.parametrize("source, code, pos", [
    ("", "empty", 0),
    ("1 +", "syntax", 3),
    ("(1 + 2", "syntax", 6),
    ("'abc", "unterminated_string", 0),
    ("${a b}", "bad_reference", 0),
    ("$a", "bad_reference", 0),
    ("/data/a = 1", "unsupported_path", 0),
    ("../../a", "unsupported_path", 0),  # ../a is the sibling a (test_corpus_reasons)
    ("1 2", "syntax", 2),
    ("1 # 2", "bad_character", 2),
    ("concat(1,)", "syntax", 9),
])
def test_errors_name_code_and_position(source, code, pos):
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert info.value.code == code
    assert info.value.pos == pos


def test_tokens_keep_positions():
    toks = tokenize("${a} != 'x'")
    assert [(t.kind, t.text, t.pos) for t in toks] == [
        ("ref", "a", 0), ("op", "!=", 5), ("str", "x", 8), ("end", "", 11)]


# ----- property tests -----------------------------------------------------------------------
names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: n not in ("and", "or", "div", "mod"))
strings = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8).filter(
    lambda s: not ("'" in s and '"' in s))
leaves = st.one_of(
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(A.Num),
    st.integers(min_value=0, max_value=10**6).map(lambda i: A.Num(float(i))),
    strings.map(A.Str),
    names.map(A.Ref),
    st.just(A.Current()),
)
trees = st.recursive(
    leaves,
    lambda sub: st.one_of(
        st.tuples(st.sampled_from(sorted(A.PRECEDENCE)), sub, sub).map(
            lambda t: A.Binary(t[0], t[1], t[2])),
        sub.map(lambda n: A.Unary("-", n)),
        st.tuples(st.sampled_from(["concat", "if", "selected", "not", "coalesce"]),
                  st.lists(sub, max_size=3)).map(lambda t: A.Call(t[0], tuple(t[1]))),
    ),
    max_leaves=12,
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_unparse_then_parse_gives_the_same_tree(tree):
    assert parse(A.unparse(tree)) == tree


@settings(max_examples=300)
@given(trees)
def test_unparse_is_a_fixed_point(tree):
    text = A.unparse(tree)
    assert A.unparse(parse(text)) == text


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("${}().,'\"=!<>+-*/ 0123456789abdivmodrn_")),
               max_size=30))
def test_any_text_parses_or_fails_cleanly(text):
    try:
        tree = parse(text)
    except ExpressionError as exc:
        assert 0 <= exc.pos <= len(text)
        assert exc.message
    else:
        assert parse(A.unparse(tree)) == tree


@settings(max_examples=200)
@given(trees)
def test_references_are_the_refs_in_the_text(tree):
    text = A.unparse(tree)
    for name in A.references(tree):
        assert "${" + name + "}" in text
