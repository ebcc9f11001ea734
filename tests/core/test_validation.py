"""Coordinate checks shared by checklists, the register import and map input."""

from __future__ import annotations

import pytest

from fieldapp.core.validation import (
    coordinate_problem, geopoint_problem, geopoint_said, parse_geopoint,
)


def test_a_point_in_jishan_is_fine():
    assert coordinate_problem(110.98, 35.60) is None
    assert geopoint_problem("35.60 110.98") is None
    assert geopoint_problem("35.60 110.98 420 5") is None


@pytest.mark.parametrize("lon, lat, words", [
    (35.60, 110.98, "写反"),
    (3931234.5, 612345.0, "投影坐标"),
    (2.35, 48.85, "不在中国境内"),
    ("x", 1, "不是数字"),
    (float("nan"), 30, "有限"),
])
def test_bad_coordinates_say_why(lon, lat, words):
    assert words in coordinate_problem(lon, lat)


def test_outside_china_can_be_allowed():
    assert coordinate_problem(2.35, 48.85, china=False) is None


def test_geopoint_text():
    assert parse_geopoint("35.6, 110.9") == (35.6, 110.9, None, None)
    assert parse_geopoint("35.6 110.9 400 3.5") == (35.6, 110.9, 400.0, 3.5)
    for bad in ("35.6", "a b", "1 2 3 4 5", ""):
        with pytest.raises(ValueError):
            parse_geopoint(bad)
    assert "精度" in geopoint_problem("35.6 110.9 400 -1")


@pytest.mark.parametrize("text, english", [
    ("35.6 110.9 400 -1", "The accuracy cannot be negative"),
    ("35.6", "A position is \"latitude longitude\", e.g. 35.60 110.98"),
    ("a b", "The position is not a number: a b"),
])
def test_a_geopoint_problem_in_english(text, english):
    said = geopoint_said(text)
    assert said.text("en") == english and str(said) == geopoint_problem(text)
