import pytest

from fieldapp.core.divisions import CodeError, level_of, normalize_code, parent_code, short_code
from fieldapp.core.status import derive_status


def test_codes_normalised_to_12_digits():
    assert normalize_code("140824") == "140824000000"
    assert normalize_code("140824100") == "140824100000"
    assert level_of("140824100200") == "village"
    assert level_of("140824100") == "township"
    assert parent_code("140824100200") == "140824100000"
    assert short_code("140824100000") == "140824100"
    with pytest.raises(CodeError):
        normalize_code("14082")


@pytest.mark.parametrize("answers,expected", [
    (None, ("not_visited", "")),
    ({"visit_result": "met", "reception_mode": "iptv", "works_now": "yes"}, ("covered", "")),
    ({"visit_result": "met", "reception_mode": "none", "works_now": "no",
      "not_covered_reason": "no_tv"}, ("not_covered", "no_tv")),
    ({"visit_result": "met", "reception_mode": "dbs", "works_now": "no"}, ("not_covered", "not_working")),
    ({"visit_result": "vacant"}, ("vacant", "")),
    ({"visit_result": "refused"}, ("refused", "")),
    ({"visit_result": "moved_out"}, ("moved", "moved_out")),
    ({"visit_result": "nobody_home"}, ("not_visited", "nobody_home")),
])
def test_status_rule(answers, expected):
    st = derive_status(answers)
    assert (st.status, st.reason) == expected
