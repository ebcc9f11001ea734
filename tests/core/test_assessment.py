"""The assessment configuration: shipped defaults for both seed counties, scoring rules, and a
file with a mistake refused with a message that says what is wrong."""

from __future__ import annotations

import json

import pytest

from fieldapp.core.assessment import (
    DEFAULTS,
    Assessment,
    AssessmentError,
    Indicator,
    default_assessment,
)


@pytest.mark.parametrize("county", ["140824", "330411"])
def test_each_seed_county_has_a_default_worth_100(county):
    a = default_assessment(county)
    assert a.county == county and a.version.startswith(county)
    assert a.full_marks == 100
    assert Assessment.from_json(a.to_json()) == a


def test_seed_2_weighs_the_service_network():
    measures = {i.measure for i in DEFAULTS["330411"].indicators}
    assert {"service_station", "agency_rate", "terminals_working_rate"} <= measures


def test_scores():
    ratio = Indicator("覆盖率", "coverage_rate", 98, 35)
    assert ratio.score(98) == 35 and ratio.score(100) == 35 and ratio.score(49) == 17.5
    assert ratio.score(None) == 0
    station = Indicator("服务站", "service_station", 1, 15, "pass")
    assert station.score(0) == 0 and station.score(2) == 15
    charges = Indicator("违规收费", "illegal_charges", 0, 10, "at_most")
    assert charges.score(0) == 10 and charges.score(1) == 0
    orders = Indicator("工单", "orders_closed_rate", 90, 10, no_data="full")
    assert orders.score(None) == 10


@pytest.mark.parametrize("doc, word", [
    ({"version": "x", "indicators": [{"measure": "happiness", "target": 1, "weight": 1}]},
     "happiness"),
    ({"version": "x", "indicators": [{"measure": "visit_rate", "weight": 1}]}, "target"),
    ({"version": "", "indicators": []}, "version"),
    ({"version": "x", "indicators": [{"measure": "visit_rate", "target": 1, "weight": -5}]},
     "weight"),
])
def test_a_bad_file_is_refused_naming_the_problem(doc, word):
    with pytest.raises(AssessmentError) as err:
        Assessment.from_json(json.dumps(doc), where="考核.json")
    assert "考核.json" in str(err.value) and word in str(err.value)
    assert word in err.value.text("en")
