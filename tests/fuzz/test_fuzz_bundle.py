"""Fuzzing the bundle reader and merge: damaged files (truncations, flipped bits, inserted bytes,
lying header lengths, oversized headers), re-signed payloads with reordered, duplicated or
damaged members, and change lists a broken or hostile laptop might sign. Every one is refused
with a clear message and nothing written, or merged whole — and the county database checks out.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Field, craft_export

from fieldapp.store import Store
from fieldapp.store.sync_log import export_reads as sync_export
from fieldapp.store.check import check_database
from fieldapp.sync import merge
from fieldapp.sync.errors import BundleRejected

CI, SOAK = 12, 300
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")


@pytest.fixture(scope="module")
def bundles(county_template, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz-bundle")
    county = tmp / "county.sqlite"
    shutil.copy(county_template, county)
    f = Field(tmp, county)
    lap = f.laptop("甲")
    with Store.open(lap) as s:
        villages = [r[0] for r in s.conn.execute(
            "SELECT code FROM areas WHERE level = 'village' ORDER BY code")]
        hh = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 5")]
        with s.write("甲") as w:
            new = w.insert_many("households", [
                {"village_code": villages[i % len(villages)], "head_name": f"新户{i}",
                 "group_no": "1"} for i in range(5)])
            w.insert("visits", {"household_uuid": new[0], "form_id": "huhutong_household",
                                "form_version": "2026112501", "state": "complete",
                                "answers": {"visit_result": "vacant"}})
            for u in hh:
                w.update("households", u, {"phone": "13900000000"})
        rows = sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0))
    good = f.export(lap, "good.fab")
    f.county_keys()  # unlock once
    return f, lap, good, [list(r) for r in rows]


def _state(db: Path):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT (SELECT count(*) FROM changes), (SELECT max(seq) FROM changes),"
                            " (SELECT count(*) FROM sync_bundles),"
                            " (SELECT group_concat(last_counter) FROM devices)").fetchone()
    finally:
        conn.close()


def _merge_or_refuse(f: Field, bundle: Path, work: Path) -> bool:
    """Merge into a fresh copy of the county; True when merged. Either way it checks out."""
    db = work / "county-copy.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(f.county_path, db)
    before = _state(db)
    try:
        with Store.open(db) as s:
            report = merge.merge_file(s, bundle, f.county_keys())
    except BundleRejected as exc:
        assert exc.message and exc.where
        assert _state(db) == before
        return False
    checked = check_database(db)
    assert checked.ok, [(x.check, x.examples) for x in checked.errors]
    with Store.open(db) as s:  # merging it again changes nothing
        again = merge.merge_file(s, bundle, f.county_keys())
    assert again.applied == 0 and _state(db)[0] == before[0] + report.applied
    return True


# ----- the file: every damage is caught by the signature or the framing --------------------
@st.composite
def damaged(draw, size: int):
    ops = draw(st.lists(st.sampled_from(["flip", "truncate", "insert", "hlen", "grow_header",
                                         "append", "swap"]), min_size=1, max_size=4))
    return [(op, draw(st.integers(0, size - 1)), draw(st.integers(0, 255)),
             draw(st.binary(min_size=1, max_size=64))) for op in ops]


def _apply(data: bytes, ops) -> bytes:
    out = bytearray(data)
    for op, pos, byte, blob in ops:
        pos %= max(1, len(out))
        if not out and op in ("flip", "swap"):
            continue
        if op == "flip":
            out[pos] ^= byte or 0x80
        elif op == "truncate":
            out = out[:pos]
        elif op == "insert":
            out[pos:pos] = blob
        elif op == "hlen" and len(out) >= 12:
            out[8:12] = struct.pack(">I", pos * 977 + byte)
        elif op == "grow_header" and len(out) >= 12:
            out[8:12] = struct.pack(">I", (1 << 20) + byte)  # above the header limit
        elif op == "append":
            out += blob
        elif op == "swap" and len(out) > 2:
            a, b = pos, (pos * 7919) % len(out)
            out[a], out[b] = out[b], out[a]
    return bytes(out)


def _file_damage(bundles, ops, work: Path) -> None:
    f, _lap, good, _rows = bundles
    data = good.read_bytes()
    bad = _apply(data, ops)
    if bad == data:
        return
    path = work / "damaged.fab"
    path.write_bytes(bad)
    before = _state(f.county_path)
    with Store.open(f.county_path) as s, pytest.raises(BundleRejected):
        merge.merge_file(s, path, f.county_keys())
    assert _state(f.county_path) == before


@settings(max_examples=CI * 4, **FUZZ)
@given(data=st.data())
def test_damaged_bundle_files_are_refused(bundles, tmp_path_factory, data):
    size = bundles[2].stat().st_size
    _file_damage(bundles, data.draw(damaged(size)), tmp_path_factory.mktemp("d"))


@pytest.mark.soak
@settings(max_examples=SOAK * 4, **FUZZ)
@given(data=st.data())
def test_damaged_bundle_files_soak(bundles, tmp_path_factory, data):
    size = bundles[2].stat().st_size
    _file_damage(bundles, data.draw(damaged(size)), tmp_path_factory.mktemp("d"))


# ----- the payload, re-signed by the laptop: reordered, duplicated, damaged members -----------
def _rezip(zipdata: bytes, how: str, seed: int) -> bytes:
    rng = random.Random(seed)
    src = zipfile.ZipFile(io.BytesIO(zipdata))
    members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    if how == "reorder":
        rng.shuffle(members)
    elif how == "duplicate":
        members.insert(rng.randrange(len(members) + 1), rng.choice(members))
    elif how == "drop":
        members.pop(rng.randrange(len(members)))
    elif how == "bitflip":
        name, body = members.pop(rng.randrange(len(members)))
        body = bytearray(body)
        if body:
            body[rng.randrange(len(body))] ^= 1 << rng.randrange(8)
        members.append((name, bytes(body)))
    elif how == "stored_lie":
        pass
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in members:
            out.writestr(name, body)
    raw = bytearray(buf.getvalue())
    if how == "stored_lie":  # a central directory that lies about a member's size
        i = raw.find(b"PK\x01\x02")
        if i >= 0:
            raw[i + 24:i + 28] = struct.pack("<I", rng.choice([0, 1, 0xFFFFFFFF, 1 << 31]))
    if how == "truncate":
        raw = raw[: rng.randrange(len(raw))]
    return bytes(raw)


def _payload_damage(bundles, how: str, seed: int, work: Path) -> None:
    f, lap, _good, _rows = bundles
    bundle = craft_export(lap, work / "crafted.fab", patch_zip=lambda z: _rezip(z, how, seed))
    merged = _merge_or_refuse(f, bundle, work)
    if how in ("duplicate", "truncate", "stored_lie"):
        assert not merged


HOW = st.sampled_from(["reorder", "duplicate", "drop", "bitflip", "stored_lie", "truncate"])


@settings(max_examples=CI, **FUZZ)
@given(HOW, st.integers(0, 10**6))
def test_resigned_payloads_with_damaged_members(bundles, tmp_path_factory, how, seed):
    _payload_damage(bundles, how, seed, tmp_path_factory.mktemp("p"))


@pytest.mark.soak
@settings(max_examples=SOAK, **FUZZ)
@given(HOW, st.integers(0, 10**6))
def test_resigned_payloads_soak(bundles, tmp_path_factory, how, seed):
    _payload_damage(bundles, how, seed, tmp_path_factory.mktemp("p"))


# ----- the change list a broken or hostile laptop might sign --------------------------------
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63), st.floats(),
                 st.text(max_size=20), st.sampled_from(["{}", "[]", "{\"x\":1}", "null", "{",
                                                        "households", "visits", "delete",
                                                        "update", "insert", "d0", "0"]),
                 st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@st.composite
def hostile_rows(draw, rows):
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["field", "data", "drop", "dup", "swap", "truncate_row"]))
        i = draw(st.integers(0, len(rows) - 1))
        if kind == "field" and rows[i]:
            rows[i][draw(st.integers(0, len(rows[i]) - 1))] = draw(JUNK)
        elif kind == "data" and len(rows[i]) > 8:
            col = draw(st.sampled_from([6, 7, 8]))  # data, old, base
            doc = draw(st.dictionaries(st.sampled_from(
                ["head_name", "phone", "answers.visit_result", "village_code", "deleted",
                 "size", "lon", "uuid", "nope", "answers", "household_uuid"]), JUNK, max_size=3))
            rows[i][col] = json.dumps(doc, default=str)
        elif kind == "drop" and len(rows) > 1:
            rows.pop(i)
        elif kind == "dup":
            rows.insert(i, list(rows[i]))
        elif kind == "swap":
            j = draw(st.integers(0, len(rows) - 1))
            rows[i], rows[j] = rows[j], rows[i]
        elif kind == "truncate_row":
            rows[i] = rows[i][: draw(st.integers(0, len(rows[i])))]
    return [tuple(r) for r in rows]


def _hostile(bundles, rows, work: Path) -> None:
    f, lap, _good, _rows = bundles
    try:
        bundle = craft_export(lap, work / "hostile.fab", rows=rows)
    except (TypeError, ValueError, IndexError):
        return  # not even encodable as a change list: nothing to send
    _merge_or_refuse(f, bundle, work)


@settings(max_examples=CI, **FUZZ)
@given(data=st.data())
def test_hostile_change_lists(bundles, tmp_path_factory, data):
    _hostile(bundles, data.draw(hostile_rows(bundles[3])), tmp_path_factory.mktemp("h"))


@pytest.mark.soak
@settings(max_examples=SOAK, **FUZZ)
@given(data=st.data())
def test_hostile_change_lists_soak(bundles, tmp_path_factory, data):
    _hostile(bundles, data.draw(hostile_rows(bundles[3])), tmp_path_factory.mktemp("h"))


def test_the_undamaged_bundle_merges(bundles, tmp_path):
    f, _lap, good, _rows = bundles
    assert _merge_or_refuse(f, good, tmp_path)


# ----- what the fuzzing found (fixed in fieldapp/sync, kept as regression examples) -----------
def _with_insert(rows, tbl: str, **values):
    out = [list(r) for r in rows]
    for r in out:
        if r[3] == tbl and r[5] == "insert":
            data = json.loads(r[6])
            data.update(values)
            r[6] = json.dumps(data, ensure_ascii=False)
            break
    return [tuple(r) for r in out]


@pytest.mark.parametrize("field", ["village_code", "head_name"])
def test_wrong_value_types_in_a_signed_change_list(bundles, tmp_path, field):
    f, lap, _good, rows = bundles
    bundle = craft_export(lap, tmp_path / "types.fab",
                          rows=_with_insert(rows, "households", **{field: True}))
    assert not _merge_or_refuse(f, bundle, tmp_path)


def test_a_visit_of_a_missing_household(bundles, tmp_path):
    f, lap, _good, rows = bundles
    bundle = craft_export(lap, tmp_path / "orphan.fab",
                          rows=_with_insert(rows, "visits", household_uuid="no-such-household"))
    assert not _merge_or_refuse(f, bundle, tmp_path)


@pytest.mark.parametrize("column", [3, 5])  # tbl, op
def test_a_table_or_operation_that_is_not_text(bundles, tmp_path, column):
    """Found by the soak run: a list where the table name (or the operation) belongs made the
    merge fail with a TypeError instead of refusing the bundle."""
    f, lap, _good, rows = bundles
    bad = [list(r) for r in rows]
    bad[0][column] = [bad[0][column]]
    bundle = craft_export(lap, tmp_path / "list.fab", rows=[tuple(r) for r in bad])
    assert not _merge_or_refuse(f, bundle, tmp_path)
