"""The county refuses damaged, forged, foreign, too-new and unsafe bundles with a clear message,
and its data stays exactly as it was."""

from __future__ import annotations

import struct

import pytest
from sync_helpers import COUNTY_PW, LAPTOP_PW, craft_export, data_snapshot, enrolled_laptop

from fieldapp.store import Store
from fieldapp.store.schema import SCHEMA_VERSION
from fieldapp.sync import merge, setup
from fieldapp.sync.errors import BundleRejected


@pytest.fixture
def laptop(field_setup):
    a = field_setup.laptop("A")
    with Store.open(a) as s, s.write("甲") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 2").fetchall()
        w.update("households", hh[0][0], {"phone": "13900000001"})
        w.update("households", hh[1][0], {"notes": "门口有狗"})
    return a


def _rejected(f, path, match: str, **kw) -> BundleRejected:
    before = data_snapshot(f.county_path)
    with Store.open(f.county_path) as s, pytest.raises(BundleRejected, match=match) as caught:
        merge.merge_file(s, path, f.county_keys(), **kw)
    assert data_snapshot(f.county_path) == before
    return caught.value


def test_a_flipped_byte_anywhere_is_rejected_and_nothing_changes(field_setup, laptop):
    f = field_setup
    good = f.export(laptop, "a.fab")
    data = good.read_bytes()
    before = data_snapshot(f.county_path)
    bad = f.tmp / "bad.fab"
    step = max(1, len(data) // 3000)
    positions = sorted(set(range(0, len(data), step)) | {len(data) - 1, 8, 12, len(data) - 64})
    with Store.open(f.county_path) as s:
        for i in positions:
            flipped = bytearray(data)
            flipped[i] ^= 0x01 << (i % 8)
            bad.write_bytes(bytes(flipped))
            with pytest.raises(BundleRejected):
                merge.merge_file(s, bad, f.county_keys())
    assert data_snapshot(f.county_path) == before
    assert f.merge(good).as_json()["applied"] == 2  # the undamaged file still merges


@pytest.mark.parametrize("cut", [0, 5, 11, 40, -1, -64, -65, -500])
def test_truncated_files_are_rejected(field_setup, laptop, cut):
    f = field_setup
    data = f.export(laptop, "a.fab").read_bytes()
    bad = f.tmp / "short.fab"
    bad.write_bytes(data[:cut] if cut >= 0 else data[:len(data) + cut])
    _rejected(f, bad, "不是 fieldapp 同步包|截断|损坏")


def test_extra_bytes_and_garbage_are_rejected(field_setup, laptop):
    f = field_setup
    data = f.export(laptop, "a.fab").read_bytes()
    (f.tmp / "long.fab").write_bytes(data + b"\x00")
    _rejected(f, f.tmp / "long.fab", "多余数据")
    (f.tmp / "x.fab").write_bytes(b"PK\x03\x04 not a bundle at all" * 10)
    _rejected(f, f.tmp / "x.fab", "不是 fieldapp 同步包")
    _rejected(f, f.tmp / "missing.fab", "不存在")


def test_bundle_for_another_county_is_rejected(field_setup, tmp_path):
    f = field_setup
    other = tmp_path / "xiuzhou.sqlite"
    setup.init_county(other, "330411", COUNTY_PW)
    lap = tmp_path / "xz-laptop.sqlite"
    enrolled_laptop(other, "330411002", lap, "xz")
    with Store.open(lap) as s, s.write("x") as w:
        w.update("areas", "330411002000", {"name": "新城街道（改）"})
    _rejected(f, f.export(lap, "foreign.fab"), "另一个区县")


def test_newer_schema_and_newer_form_versions_are_rejected(field_setup, laptop):
    f = field_setup
    newer = craft_export(laptop, f.tmp / "newer.fab",
                         manifest={"schema_version": SCHEMA_VERSION + 1})
    _rejected(f, newer, "更新的程序")
    with Store.open(laptop) as s, s.write("甲") as w:
        hh = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        w.insert("visits", {"household_uuid": hh, "form_id": "huhutong_household",
                            "form_version": "2099010101", "state": "complete", "answers": {}})
    exc = _rejected(f, f.export(laptop, "newer-form.fab"), "2099010101")
    assert "表单 huhutong_household 版本 2099010101 比本库已知的" in str(exc)
    assert "form huhutong_household version 2099010101 is newer than" in exc.text("en")


@pytest.mark.parametrize("name", ["../../evil.json", "/etc/passwd", "attachments/../x",
                                  "forms\\..\\x.xlsx", "notes.txt"])
def test_member_paths_that_escape_or_are_unknown_are_rejected(field_setup, laptop, name):
    f = field_setup
    bundle = craft_export(laptop, f.tmp / "paths.fab", extra={name: b"x"})
    _rejected(f, bundle, "越出|未知成员")


def test_absurd_member_sizes_are_rejected(field_setup, laptop):
    f = field_setup

    def huge(zipdata: bytes) -> bytes:
        # claim 4 GB for changes.json in the central directory (a zip bomb's lie)
        out = bytearray(zipdata)
        i = out.find(b"PK\x01\x02")
        while i >= 0:
            name_len = struct.unpack("<H", out[i + 28:i + 30])[0]
            if out[i + 46:i + 46 + name_len] == b"changes.json":
                out[i + 24:i + 28] = struct.pack("<I", 0xFFFFFFF0)
            i = out.find(b"PK\x01\x02", i + 4)
        return bytes(out)

    bundle = craft_export(laptop, f.tmp / "huge.fab", patch_zip=huge)
    _rejected(f, bundle, "压缩炸弹|太大")


def test_missing_earlier_bundle_is_rejected(field_setup, laptop):
    f = field_setup
    with Store.open(laptop) as s:
        from fieldapp.store.sync_log import export_reads as sync_export
        rows = sync_export.own_changes(s, s.device_id, 1)
    bundle = craft_export(laptop, f.tmp / "gap.fab", rows=rows, manifest={"from_counter": 2})
    _rejected(f, bundle, "缺少此设备更早的同步包")


def test_changes_of_other_devices_are_rejected(field_setup, laptop):
    f = field_setup
    with Store.open(laptop) as s:
        from fieldapp.store.sync_log import export_reads as sync_export
        rows = sync_export.own_changes(s, s.device_id, 0)
    other = [("dffffffffffff", *rows[0][1:])]
    _rejected(f, craft_export(laptop, f.tmp / "other-dev.fab", rows=other), "其他设备")
    # another township's records: refused per change (tests/sync/test_attacks.py)


def test_a_laptop_refuses_a_reference_bundle_from_another_county_key(field_setup, laptop,
                                                                    tmp_path):
    f = field_setup
    rogue = tmp_path / "rogue.sqlite"
    import shutil
    shutil.copy(f.county_path, rogue)
    with Store.open(rogue) as s:
        s.conn.execute("DELETE FROM sync_keys")
    setup.init_county(rogue, "140824", "rogue county 2026")
    from fieldapp.sync import identity
    from fieldapp.jobs import reference_bundle as reference
    with Store.open(rogue) as s:
        reference.reference_bundle(s, f.township, tmp_path / "rogue.fab", "rogue county 2026")
    with Store.open(laptop) as s:
        keys = identity.unlock(s, LAPTOP_PW)
        with pytest.raises(BundleRejected, match="不是本县签发的"):
            merge.merge_file(s, tmp_path / "rogue.fab", keys)


def test_an_infinite_old_value_is_rejected_naming_change_and_field(field_setup, laptop):
    """Old values travel too and are logged as JSON: an Infinity there is refused like one in
    the new values (it would leave a change-log row that is not JSON)."""
    f = field_setup
    with Store.open(laptop) as s:
        from fieldapp.store.sync_log import export_reads as sync_export
        rows = [list(r) for r in sync_export.own_changes(s, s.device_id, 0)]
    rows[0][7] = '{"phone": Infinity}'
    bundle = craft_export(laptop, f.tmp / "inf-old.fab", rows=[tuple(r) for r in rows])
    err = _rejected(f, bundle, "households.phone 不是有限的数字")
    assert "inf" in err.text("en") and f"{rows[0][0]}:{rows[0][1]}" in err.message
