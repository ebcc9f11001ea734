"""Hostile bundles, signed by an enrolled laptop so they reach the payload checks, merged by the
real CLI in a subprocess capped at 1.5 GB of address space: a member bomb, a change list nested a
hundred thousand deep, an oversized or deeply nested header and NaN/Inf/out-of-range numbers end
in a clear message naming the file and the member or field, a peak under 1 GB, no traceback, and
the county unchanged; the good bundle of the same batch still merges (issue 14 items 4 and 7)."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from bounded_cli import assert_refused, run_bounded
from sync_helpers import COUNTY_PW, Field, craft_export, data_snapshot

from fieldapp.store import Store
from fieldapp.store.sync_log import export_reads as sync_export

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")


@pytest.fixture(scope="module")
def field(county_template, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-bundles")
    county = tmp / "county.sqlite"
    shutil.copy(county_template, county)
    f = Field(tmp, county)
    lap = f.laptop("甲")
    with Store.open(lap) as s:
        hh = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 2")]
        with s.write("甲") as w:
            for u in hh:
                w.update("households", u, {"lon": 111.0, "lat": 35.6, "size": 4})
    return f, lap


def _merge(f, *bundles):
    os.environ["FIELDAPP_PASSPHRASE"] = COUNTY_PW
    try:
        return run_bounded("bundle", "merge", f.county_path, *bundles, "--json")
    finally:
        del os.environ["FIELDAPP_PASSPHRASE"]


def _rows_with(lap, field_name: str, value: float) -> list[tuple]:
    """The laptop's changes with `field_name` of its household updates set to `value`."""
    with Store.open(lap) as s:
        rows = sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0))
    out = []
    for r in rows:
        if r[3] == "households" and r[5] == "update":
            data = json.loads(r[6])
            data[field_name] = value
            r = (*r[:6], json.dumps(data), *r[7:])  # json writes NaN / Infinity
        out.append(r)
    return out


def test_a_member_bomb_is_refused_from_the_directory_and_the_batch_goes_on(field):
    f, lap = field
    bomb = craft_export(lap, f.tmp / "bomb.fab",
                        extra={"changes.json": b"[" + b" " * (300 * 2**20) + b"]"})
    assert bomb.stat().st_size < 2 * 2**20
    good = f.export(lap, "good.fab")
    before = data_snapshot(f.county_path)
    run = _merge(f, bomb, good)
    assert "Traceback" not in run.stderr and run.peak < 2**30, run.stderr[-2000:]
    result = json.loads(run.stdout)
    [rejected] = result["rejected"]
    assert rejected["file"].endswith("bomb.fab") and "changes.json" in rejected["reason"]
    assert "压缩炸弹" in rejected["reason"], rejected
    assert result["applied"] > 0 and data_snapshot(f.county_path) != before


@pytest.mark.parametrize(("name", "craft", "words"), [
    ("deep.fab", {"extra": {"changes.json": b"[" * 100_000 + b"]" * 100_000}},
     ("changes.json", "嵌套超过")),
    ("header.fab", {"header": {"padding": "x" * (300 * 1024)}}, ("包头太大",)),
    ("nested.fab", {"header": {"padding": json.loads("[" * 200 + "]" * 200)}},
     ("包头", "嵌套超过")),
])
def test_deep_or_oversized_json_is_refused_without_recursion_error(field, name, craft, words):
    f, lap = field
    bundle = craft_export(lap, f.tmp / name, **craft)
    before = data_snapshot(f.county_path)
    run = _merge(f, bundle)
    assert_refused(run, name, *words)
    assert "RecursionError" not in run.stderr + run.stdout
    assert data_snapshot(f.county_path) == before


def _nested_rows(lap, column: int, levels: int) -> list[tuple]:
    """The laptop's changes with one household update's data (6) or old values (7) holding a
    value nested `levels` deep: within orjson's own bound of 1024, beyond the bundle's 64."""
    rows, done = [], False
    with Store.open(lap) as s:
        for r in sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0)):
            if not done and r[3] == "households" and r[5] == "update":
                doc = json.loads(r[column] or "{}")
                doc["size"] = json.loads("[" * levels + "]" * levels)
                r, done = (*r[:column], json.dumps(doc), *r[column + 1:]), True
            rows.append(r)
    return rows


@pytest.mark.parametrize(("column", "levels", "refused"), [
    (6, 61, False), (6, 62, True), (7, 62, True), (6, 500, True)])
def test_a_value_nested_past_the_limit_is_refused(field, column, levels, refused):
    """changes.json is parsed without a depth scan (jsonguard.loads_walked): the values are
    bounded while each change is checked; at 61 levels the document is 64 deep, the limit."""
    f, lap = field
    name = f"v{column}-{levels}.fab"
    bundle = craft_export(lap, f.tmp / name, rows=_nested_rows(lap, column, levels))
    before = data_snapshot(f.county_path)
    run = _merge(f, "--dry-run", bundle)
    if refused:
        assert_refused(run, name, "changes.json", "嵌套超过 64 层")
        assert "RecursionError" not in run.stderr + run.stdout
    else:  # read, and refused for what the value is, not for its depth
        assert "嵌套超过" not in run.stdout + run.stderr and "Traceback" not in run.stderr
    assert data_snapshot(f.county_path) == before


def _with_visit(lap, answers: str) -> list[tuple]:
    """The laptop's changes and one more: a complete visit whose answers text is `answers`."""
    with Store.open(lap) as s:
        rows = sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0))
        [hh] = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()
    last = rows[-1]
    data = {"household_uuid": hh, "form_id": "huhutong_household", "form_version": "2026120601",
            "answers": answers, "state": "complete", "surveyor": "甲", "device": "laptop",
            "started_at": "2026-12-01T10:00:00", "ended_at": "2026-12-01T10:05:00"}
    return [*rows, (last[0], last[1] + 1, last[2], "visits",
                    "0f0e0d0c-0000-4000-8000-000000000001", "insert",
                    json.dumps(data, ensure_ascii=False), None, None, last[9], last[10])]


def _nested_object(levels: int) -> str:
    return '{"a":' * (levels - 1) + '{"visit_result":"met"}' + "}" * (levels - 1)


@pytest.mark.parametrize(("answers", "words"), [
    ("[" * 2000 + "]" * 2000, ("changes.json", "嵌套超过 64 层")),  # past json's recursion
    (_nested_object(65), ("changes.json", "嵌套超过 64 层")),
    ("不是 JSON", ("visits.answers", "值类型不对")),
    ('{"tv_sets": NaN}', ("visits.answers", "值类型不对")),
    ("[1, 2]", ("visits.answers", "值类型不对")),
    (_nested_object(64), None),
    ('{"visit_result":"met","tv_sets":2}', None),
])
def test_a_visits_answers_text_must_be_an_object_within_the_limit(field, answers, words):
    """Laptops send a visit's answers as the text they store. The status, the conflicts, the
    sheets and reports read it as an object: a text that is not one, or nests deeper than 64
    levels, is refused naming the field (it raised RecursionError, JSONDecodeError or
    AttributeError from the status or the verdicts, with a traceback)."""
    f, lap = field
    bundle = craft_export(lap, f.tmp / "answers.fab", rows=_with_visit(lap, answers))
    before = data_snapshot(f.county_path)
    run = _merge(f, "--dry-run", bundle)
    if words:
        assert_refused(run, "answers.fab", *words)
    else:
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
        result = json.loads(run.stdout)
        assert not result["rejected"] and result["applied"] > 0, result
    assert data_snapshot(f.county_path) == before


@pytest.mark.parametrize(("field_name", "value"), [
    ("lat", float("nan")), ("lon", float("inf")), ("lon", 200.0), ("size", float("-inf")),
    # text in a number column: SQLite kept it as text, and the map export and the spatial check
    # then stopped with a traceback reading it as a coordinate (before round 24)
    ("lon", "abc"), ("lat", ""), ("size", "many"), ("lat", "95.5"),
])
def test_non_finite_or_out_of_range_numbers_are_refused_naming_the_field(field, field_name,
                                                                         value):
    f, lap = field
    bundle = craft_export(lap, f.tmp / f"n-{field_name}.fab", rows=_rows_with(lap, field_name,
                                                                           value))
    before = data_snapshot(f.county_path)
    run = _merge(f, bundle)
    assert_refused(run, bundle.name, f"households.{field_name}", "不是有限的数字或超出范围")
    assert data_snapshot(f.county_path) == before


def test_a_number_sent_as_text_is_stored_as_the_number(field, tmp_path):
    """Text that SQLite stores as a number (as a spreadsheet may give one) is not refused."""
    f, lap = field
    county = tmp_path / "county.sqlite"
    shutil.copy(f.county_path, county)
    bundle = craft_export(lap, tmp_path / "text-number.fab",
                          rows=_rows_with(lap, "lat", " 35.6 "))
    os.environ["FIELDAPP_PASSPHRASE"] = COUNTY_PW
    try:
        run = run_bounded("bundle", "merge", county, bundle, "--json")
    finally:
        del os.environ["FIELDAPP_PASSPHRASE"]
    assert run.returncode == 0 and not json.loads(run.stdout)["rejected"], run.stdout[-2000:]
    with Store.open(county, readonly=True) as s:
        kinds = s.conn.execute("SELECT DISTINCT typeof(lat) FROM households"
                               " WHERE lat IS NOT NULL").fetchall()
    assert kinds == [("real",)]
