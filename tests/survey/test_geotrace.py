"""geotrace and geoshape answers in ODK's text ("lat lon alt acc;…"): typed, pasted or drawn,
checked point by point, a shape closed, and the vertex limit of docs/limits.md."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import BadValue
from fieldapp.survey.coerce import coerce_answer
from fieldapp.survey.errors import AnswerError
from fieldapp.survey.geotrace import MAX_TRACE_VERTICES, lonlats, parse_trace


def test_a_pasted_trace_is_stored_in_odk_form():
    assert coerce_answer("geotrace", "35.60 110.98; 35.61,110.99") == \
        "35.6 110.98 0 0;35.61 110.99 0 0"
    assert coerce_answer("geotrace", "35.6 110.98 812.5 4;35.61 110.99 815 3.5") == \
        "35.6 110.98 812.5 4;35.61 110.99 815 3.5"


def test_a_shape_is_closed_by_repeating_its_first_point():
    stored = coerce_answer("geoshape", "35.60 110.98;35.61 110.99;35.62 110.97")
    assert stored.split(";") == ["35.6 110.98 0 0", "35.61 110.99 0 0", "35.62 110.97 0 0",
                                 "35.6 110.98 0 0"]
    assert coerce_answer("geoshape", stored) == stored  # closed once, not twice


@pytest.mark.parametrize(("kind", "text", "zh", "en"), [
    ("geotrace", "35.60 110.98", "线至少要有 2 个点（现有 1 个）", "A line needs at least 2 points"),
    ("geoshape", "35.60 110.98;35.61 110.99;35.60 110.98", "面至少要有 3 个不同的点",
     "A shape needs at least 3 different points"),
    ("geotrace", "35.60 110.98;北 东", "第 2 个点: 位置不是数字", "Point 2: The position is not a number"),
    ("geotrace", "35.60 110.98;35.6 110.98;110.99 35.61", "第 3 个点: 经纬度可能写反了",
     "Point 3: Longitude and latitude may be swapped"),
    ("geoshape", "35.6 110.98;51.5 -0.12;35.7 111", "第 2 个点", "Point 2"),
])
def test_a_bad_trace_is_refused_naming_the_point(kind, text, zh, en):
    with pytest.raises(AnswerError) as err:
        coerce_answer(kind, text)
    assert zh in err.value.message
    assert en in err.value.text("en")


def test_the_vertex_limit_is_enforced():
    ok = ";".join(f"35.{i:04d} 110.98" for i in range(MAX_TRACE_VERTICES))
    assert len(parse_trace(ok)) == MAX_TRACE_VERTICES
    with pytest.raises(BadValue) as err:
        parse_trace(ok + ";35.9 110.9")
    assert f"最多 {MAX_TRACE_VERTICES} 个" in err.value.message
    ring = ok + ";35.0000 110.98"  # a closed shape of the most points: the closing one is extra
    assert len(parse_trace(ring, closed=True)) == MAX_TRACE_VERTICES + 1


def test_a_stored_answer_gives_its_points_back_for_the_map():
    assert lonlats("35.6 110.98 0 0;35.61 110.99 0 0") == [(110.98, 35.6), (110.99, 35.61)]
    assert lonlats("35.6 110.98") == [(110.98, 35.6)]  # a single point (geopoint) too
    assert lonlats("not a trace") == [] and lonlats(None) == []
