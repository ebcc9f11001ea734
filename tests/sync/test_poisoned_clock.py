"""Poisoned change stamps: a malformed stamp (`zzz`) or a laptop clock in 2100 is refused per bundle
naming the device; the county's own clock never jumps; `check` finds a database an older version
let poison in, and `check --repair-clock` repairs it (explicitly, never silently)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sync_helpers import craft_export, data_snapshot

from fieldapp.core.clock import format_hlc, valid_hlc
from fieldapp.store import Store
from fieldapp.store.sync_log import export_reads as sync_export
from fieldapp.store.check import check_database
from fieldapp.sync import merge
from fieldapp.sync.errors import BundleRejected

YEAR_2100_MS = 4_102_444_800_000


@pytest.fixture
def laptop(field_setup):
    a = field_setup.laptop("A")
    with Store.open(a) as s, s.write("甲") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 2").fetchall()
        w.update("households", hh[0][0], {"phone": "13900000001"})
        w.update("households", hh[1][0], {"notes": "门口有狗"})
    return a


def _rows(laptop, stamp):
    with Store.open(laptop) as s:
        rows = sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0))
        device = s.device_id
    rows = [list(r) for r in rows]
    rows[-1][2] = stamp(device)
    return [tuple(r) for r in rows], device


@pytest.mark.parametrize("stamp", [lambda d: "zzz", lambda d: format_hlc(YEAR_2100_MS, 0, d)],
                         ids=["malformed", "year-2100"])
def test_poisoned_stamps_refuse_the_bundle_naming_the_device(field_setup, laptop, stamp):
    f = field_setup
    rows, device = _rows(laptop, stamp)
    bad = craft_export(laptop, f.tmp / "bad.fab", rows=rows)
    before = data_snapshot(f.county_path)
    with Store.open(f.county_path) as s, pytest.raises(BundleRejected) as err:
        merge.merge_file(s, bad, f.county_keys())
    assert data_snapshot(f.county_path) == before
    if "zzz" not in rows[-1][2]:
        assert device in err.value.message and "未来" in err.value.message
    # the county's next own change is stamped now, not in 2100
    with Store.open(f.county_path) as s:
        with s.write("县") as w:
            uuid = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
            w.update("households", uuid, {"notes": "县里改的"})
        hlc = s.conn.execute("SELECT hlc FROM households WHERE uuid = ?", (uuid,)).fetchone()[0]
    assert valid_hlc(hlc) and hlc < "002000000000000"


def test_one_poisoned_bundle_does_not_stop_the_others(field_setup, laptop):
    f = field_setup
    rows, _ = _rows(laptop, lambda d: format_hlc(YEAR_2100_MS, 0, d))
    bad = craft_export(laptop, f.tmp / "bad.fab", rows=rows)
    b = f.laptop("B")
    with Store.open(b) as s, s.write("乙") as w:
        uuid = s.conn.execute("SELECT uuid FROM households ORDER BY uuid DESC LIMIT 1").fetchone()[0]
        w.update("households", uuid, {"notes": "乙改的"})
    good = f.export(b, "good.fab")
    result = f.merge(bad, good)
    assert [r["file"] for r in result.rejected] == [str(bad)] or len(result.rejected) == 1
    with Store.open(f.county_path) as s:
        assert s.conn.execute("SELECT notes FROM households WHERE uuid = ?",
                              (uuid,)).fetchone()[0] == "乙改的"


def test_check_finds_and_repair_clock_mends_an_old_poisoning(field_setup, laptop):
    f = field_setup
    good = f.export(laptop, "a.fab")
    f.merge(good)
    with Store.open(f.county_path) as s, s.transaction() as c:  # what an older version let in
        seq, device, counter = c.execute(
            "SELECT seq, device_id, counter FROM changes WHERE device_id != ? ORDER BY seq DESC"
            " LIMIT 1", (s.device_id,)).fetchone()
        c.execute("UPDATE changes SET hlc = 'zzz' WHERE seq = ?", (seq,))
        c.execute("UPDATE households SET hlc = 'zzz' WHERE device_id = ? AND counter = ?",
                  (device, counter))
        c.execute("UPDATE changes SET hlc = ? WHERE seq = (SELECT min(seq) FROM changes"
                  " WHERE device_id = ?)", (format_hlc(YEAR_2100_MS, 0, device), device))
    report = check_database(f.county_path)
    clock = next(x for x in report.findings if x.check == "clock")
    assert not clock.ok and clock.count >= 2 and "--repair-clock" in clock.message
    # a local write still works (it used to end in a traceback)
    with Store.open(f.county_path) as s, s.write("县") as w:
        w.update("households", s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0],
                 {"notes": "仍可保存"})
    r = subprocess.run([sys.executable, "-m", "fieldapp", "check", str(f.county_path),
                        "--repair-clock"], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "已修复" in r.stdout
    assert next(x for x in check_database(f.county_path).findings if x.check == "clock").ok
