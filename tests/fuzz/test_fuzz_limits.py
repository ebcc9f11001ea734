"""Fuzzing the input limits (issue 14 items 4 and 7), a few examples in `make test` and many in
`make soak`: any bytes as a CSV are read or refused with a catalogued error (never a stray
exception, never text with control characters); the JSON depth scan agrees with the parser on
any nesting; a zip directory with any declared sizes is checked without inflating; NaN and
infinities anywhere in a change row are refused."""

from __future__ import annotations

import json
import math
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.core import jsonguard
from fieldapp.core.errors import FieldappError
from fieldapp.core.zipguard import XLSX, InputTooLarge, check_member, check_zip
from fieldapp.sync.changeset import _number_ok
from fieldapp.core.text_encoding import decode_text
from fieldapp.tabular.read import TabularError, read_table

CI, SOAK = 30, 1000
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                     HealthCheck.function_scoped_fixture]}
TEXT = "户主姓名,村民小组,身份證號碼,家庭人口\n张三丰,第一组,,3\n劉秀英,二組,,4\n"
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "shift_jis", "latin-1"]

csv_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda enc, cut, junk: TEXT.encode(enc, "replace")[:cut] + junk,
              st.sampled_from(ENCODINGS), st.integers(0, 200), st.binary(max_size=8)))
json_texts = st.recursive(
    st.one_of(st.none(), st.integers(), st.text(alphabet='[]{}"\\ab', max_size=6)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=3), inner,
                                            max_size=3)),
    max_leaves=30)
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-500, 500))


def _csv_case(tmp_path, raw: bytes) -> None:
    text, enc = decode_text(raw)
    assert enc is None or not any(ch in text for ch in "\x00\x01\x7f\ufffe\uffff")
    p = tmp_path / "f.csv"
    p.write_bytes(raw)
    try:
        table = read_table(p)
    except TabularError as exc:
        assert exc.code in ("encoding", "broken", "too_large"), exc
        return
    assert table.encoding in ("utf-8", "utf-16", "gbk", "big5")


def _json_case(doc) -> None:
    raw = json.dumps(doc, ensure_ascii=False).encode()
    assert jsonguard.depth(raw) == _depth(doc)
    for limit in range(_depth(doc) + 2):  # the fast check agrees at, below and above the depth
        assert jsonguard.deeper_than(raw, limit) == (_depth(doc) > limit)
    assert jsonguard.loads(raw, member="x") == doc


def _depth(doc) -> int:
    if isinstance(doc, list):
        return 1 + max(map(_depth, doc), default=0)
    if isinstance(doc, dict):
        return 1 + max(map(_depth, doc.values()), default=0)
    return 0


def _zip_case(tmp_path, sizes: list[tuple[int, int]]) -> None:
    """Declared (inflated, compressed) sizes: refused exactly when a limit says so."""
    p = tmp_path / "z.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for i in range(len(sizes)):
            zf.writestr(f"m{i}", b"x")
    infos = []
    with zipfile.ZipFile(p) as zf:
        for info, (size, packed) in zip(zf.infolist(), sizes):
            info.file_size, info.compress_size = size, packed
            infos.append(info)
    total, refused = 0, False
    for info in infos:
        total += info.file_size
        try:
            check_member(info, XLSX, "z.zip", total)
        except InputTooLarge:
            refused = True
            break
    ratio = any(s > 2**20 and s > XLSX.ratio * max(c, 1) for s, c in sizes)
    too_big = any(s > XLSX.member_bytes for s, _ in sizes) or sum(s for s, _ in sizes) > \
        XLSX.total_bytes
    assert refused == (ratio or too_big)
    assert check_zip(p) is not None  # the real (small) file passes


def _number_case(name: str, value) -> None:
    ok = _number_ok(name, value) and _number_ok("answers", {"a": [value]})
    finite = not isinstance(value, float) or math.isfinite(value)
    in_range = abs(value) <= {"lon": 180, "lat": 90}.get(name, math.inf) if finite else False
    assert ok == (finite and in_range)


@given(raw=csv_bytes)
@settings(max_examples=CI, **FUZZ)
def test_any_bytes_as_csv(tmp_path, raw):
    _csv_case(tmp_path, raw)


@given(doc=json_texts)
@settings(max_examples=CI, **FUZZ)
def test_json_depth_agrees_with_the_parser(doc):
    _json_case(doc)


@given(sizes=st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 2**24)), min_size=1,
                      max_size=5))
@settings(max_examples=CI, **FUZZ)
def test_zip_directories_are_judged_by_their_declared_sizes(tmp_path, sizes):
    _zip_case(tmp_path, sizes)


@given(name=st.sampled_from(["lon", "lat", "size"]), value=numbers)
@settings(max_examples=CI, **FUZZ)
def test_numbers_in_change_rows(name, value):
    _number_case(name, value)


@pytest.mark.soak
@settings(max_examples=SOAK, **FUZZ)
@given(raw=csv_bytes, doc=json_texts, name=st.sampled_from(["lon", "lat", "size"]),
       value=numbers)
def test_limits_soak(tmp_path, raw, doc, name, value):
    _csv_case(tmp_path, raw)
    _json_case(doc)
    _number_case(name, value)


def test_a_deep_document_is_refused_not_recursed():
    with pytest.raises(FieldappError) as e:
        jsonguard.loads(b"[" * 200_000 + b"]" * 200_000, member="changes.json", where="b.fab")
    assert e.value.code == "too_deep" and "changes.json" in str(e.value)


def test_nesting_exactly_at_the_limit_is_read_one_more_is_refused():
    limit = jsonguard.MAX_DEPTH
    at = b'{"a":' * (limit - 1) + b"[1]" + b"}" * (limit - 1)
    assert jsonguard.loads(at, member="changes.json") is not None
    with pytest.raises(FieldappError) as e:
        jsonguard.loads(b"[" + at + b"]", member="changes.json", where="b.fab")
    assert e.value.code == "too_deep"


def test_unbalanced_brackets_are_measured_like_depth():
    # closing brackets first lower the running sum: 70 levels after 10 stray ones are depth 60
    raw = b"]" * 10 + b"[" * 70 + b"]" * 70
    assert jsonguard.depth(raw) == 60
    assert not jsonguard.deeper_than(raw, 64)
    assert jsonguard.deeper_than(b"[" * 100 + b"]" * 50, 64)
