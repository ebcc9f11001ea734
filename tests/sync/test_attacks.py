"""Issue 15's attacks, tried as someone holding copied files (or a rogue laptop) would: each is
refused with a clear Chinese message naming the device, and the county database is unchanged
(every row of every table compared before and after). See docs/threat-model.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sync_helpers import COUNTY_PW, LAPTOP_PW, all_tables, craft_export

from fieldapp.store import Store
from fieldapp.store.sync_log import export_reads as sync_export
from fieldapp.sync import certificates, container, identity, merge, setup
from fieldapp.jobs import devices
from fieldapp.sync.errors import BundleRejected, SyncError, UnknownDevice
from fieldapp.sync.keys import KeyPair
from fieldapp.sync.reader import local_copy, read_contents

PUBLIC_HEADER = {"format", "kind", "bundle_uuid", "created_at", "county", "township",
                 "device_id", "device_name", "signer", "recipients", "payload_size",
                 "nonce_prefix"}


@pytest.fixture
def laptop(field_setup):
    a = field_setup.laptop("A")
    with Store.open(a) as s, s.write("甲") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        w.update("households", hh, {"phone": "13900000001"})
    return a


def _refused(f, path, match: str, exc=BundleRejected):
    before = all_tables(f.county_path)
    with Store.open(f.county_path) as s, pytest.raises(exc, match=match) as err:
        merge.merge_file(s, path, f.county_keys())
    assert all_tables(f.county_path) == before
    return err.value


def _device_id(path) -> str:
    with Store.open(path, readonly=True) as s:
        return s.device_id


def test_headers_carry_only_public_metadata_and_no_credential(field_setup, laptop):
    f = field_setup
    export = f.export(laptop, "a.fab")
    for bundle in (export, f.ref):
        h = container.open_bundle(bundle).header
        assert set(h) <= PUBLIC_HEADER, set(h) - PUBLIC_HEADER
        assert {r["type"] for r in h["recipients"]} == {"x25519"}  # no transfer code to guess
    with Store.open(laptop, readonly=True) as s:
        settings = dict(s.conn.execute("SELECT key, value FROM settings"))
    assert "sync_enrolment" not in settings  # nothing a copy of the laptop could present


def test_every_bundle_file_in_hand_reveals_no_name_id_or_salt(field_setup, laptop):
    f = field_setup
    files = [f.export(laptop, "a.fab"), f.ref]
    with Store.open(f.county_path, readonly=True) as s:
        salt = s.setting("id_salt")
        names = [r[0] for r in s.conn.execute(
            "SELECT head_name FROM households WHERE village_code LIKE '140824100%' LIMIT 50")]
    stranger = KeyPair.generate()
    for path in files:
        raw = path.read_bytes()
        assert salt.encode() not in raw
        assert not any(n.encode("utf-8") in raw for n in names)
        with local_copy(path) as (opened, work):
            for keys in (None, stranger):
                with pytest.raises(BundleRejected, match="不是发给本数据库"):
                    read_contents(opened, work, keys, None)


def test_copied_reference_bundle_does_not_make_a_laptop(field_setup, laptop, tmp_path):
    """An attacker with the township's reference bundle writes their own request: their key is
    not a recipient, so nothing is created."""
    f = field_setup
    rogue = tmp_path / "rogue.sqlite"
    devices.request(rogue, tmp_path / "rogue.json", "rogue pass 123")
    with pytest.raises(BundleRejected, match="不是发给本数据库"):
        setup.init_township(rogue, f.ref, "rogue pass 123")
    assert not rogue.exists()


def test_unenrolled_key_is_refused_naming_the_device(field_setup, laptop, tmp_path):
    f = field_setup
    key = KeyPair.generate()
    rogue_id = certificates.device_id_for(key.public.sign)
    bundle = craft_export(laptop, f.tmp / "rogue.fab", signer=key,
                          header={"device_id": rogue_id, "device_name": "野笔记本"})
    err = _refused(f, bundle, "没有本县的设备证书", UnknownDevice)
    assert rogue_id in err.message and key.public.fingerprint in err.message
    # the same through the command line: one Chinese line, no traceback
    env = dict(os.environ, FIELDAPP_PASSPHRASE=COUNTY_PW)
    before = all_tables(f.county_path)
    r = subprocess.run([sys.executable, "-m", "fieldapp", "bundle", "merge", str(f.county_path),
                        str(bundle), "--json"], env=env, capture_output=True, text=True,
                       timeout=300, check=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert rogue_id in json.loads(r.stdout)["rejected"][0]["reason"]
    assert all_tables(f.county_path) == before


def test_bundle_claiming_another_devices_id_is_refused(field_setup, laptop):
    f = field_setup
    b = f.laptop("B")
    victim = _device_id(laptop)
    with Store.open(b) as s, s.write("乙") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        w.update("households", hh, {"notes": "冒充"})
    bundle = craft_export(b, f.tmp / "claim.fab", header={"device_id": victim})
    err = _refused(f, bundle, "冒用设备编号")
    assert victim in err.message and _device_id(b) in err.message


def test_a_new_key_cannot_claim_a_device_id_first(field_setup, tmp_path):
    """The real laptop has asked for enrolment (its request file, with its device id, is
    public); an attacker signs a bundle, and a request, under that id with their own key."""
    f = field_setup
    real = tmp_path / "real.sqlite"
    req = devices.request(real, tmp_path / "real.json", LAPTOP_PW, name="真")
    key = KeyPair.generate()
    forged = certificates.make_request(key, req.device_id, "假")
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    before = all_tables(f.county_path)
    with f.county() as s, pytest.raises(SyncError, match="与它的密钥不符"):
        devices.enrol(s, str(tmp_path / "forged.json"), f.township, COUNTY_PW)
    assert all_tables(f.county_path) == before
    # the real laptop is enrolled, then the attacker's bundle under its id is refused …
    with f.county() as s:
        devices.enrol(s, req.request, f.township, COUNTY_PW, out=tmp_path / "real.fab",
                      expect_fingerprint=req.fingerprint)
    setup.init_township(real, tmp_path / "real.fab", LAPTOP_PW)
    with Store.open(real) as s, s.write("真") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        w.update("households", hh, {"phone": "13700000000"})
    fake = craft_export(real, f.tmp / "fake.fab", signer=key)
    err = _refused(f, fake, "不是本县给这台设备登记的密钥")
    assert req.device_id in err.message
    # … and the real laptop's own bundle merges
    assert f.merge(f.export(real, "real-1.fab")).as_json()["applied"] == 1


def test_swapped_request_file_is_caught_by_the_fingerprint(field_setup, tmp_path):
    f = field_setup
    real = devices.request(tmp_path / "r.sqlite", tmp_path / "r.json", LAPTOP_PW)
    other = devices.request(tmp_path / "o.sqlite", tmp_path / "o.json", LAPTOP_PW)
    before = all_tables(f.county_path)
    with f.county() as s, pytest.raises(SyncError, match="不一致"):
        devices.enrol(s, other.request, f.township, COUNTY_PW,
                      expect_fingerprint=real.fingerprint)
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    doc["payload"]["device_name"] = "改过"
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    with f.county() as s, pytest.raises(SyncError, match="签名无效"):
        devices.enrol(s, real.request, f.township, COUNTY_PW)
    assert all_tables(f.county_path) == before


def test_a_revoked_laptop_cannot_come_back(field_setup, laptop, tmp_path):
    f = field_setup
    assert f.merge(f.export(laptop, "a1.fab")).as_json()["applied"] == 1
    with f.county() as s:
        fp = devices.list_devices(s)[0]["fingerprint"]
        devices.revoke(s, fp, "笔记本丢失")
    with Store.open(laptop) as s, s.write("甲") as w:
        hh = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
        w.update("households", hh, {"notes": "停用后"})
    old_id = _device_id(laptop)
    err = _refused(f, f.export(laptop, "a2.fab"), "被停用")
    assert old_id in err.message
    # under a new device id, with the same key
    for new_id in ("lap-00000000000000000000", "d-brand-new"):
        err = _refused(f, craft_export(laptop, f.tmp / "new-id.fab",
                                       header={"device_id": new_id}), "被停用")
        assert old_id in err.message and new_id in err.message
    # asking to be enrolled again with the same key
    before = all_tables(f.county_path)
    devices.request(laptop, tmp_path / "again.json", LAPTOP_PW)
    with f.county() as s, pytest.raises(SyncError, match="被停用"):
        devices.enrol(s, str(tmp_path / "again.json"), f.township, COUNTY_PW)
    assert all_tables(f.county_path) == before


def test_revocation_travels_to_laptops_in_reference_bundles(field_setup, laptop):
    f = field_setup
    b = f.laptop("B")
    with f.county() as s:
        devices.revoke(s, _device_id(b), "调走")
    ref = f.make_reference("after.fab")
    f.merge_reference(laptop, ref)
    with Store.open(laptop, readonly=True) as s:
        status = s.conn.execute("SELECT status FROM devices WHERE device_id = ?",
                                (_device_id(b),)).fetchone()[0]
    assert status == "revoked"
    with Store.open(b) as s, pytest.raises(BundleRejected, match="不是发给本数据库"):
        merge.merge_file(s, ref, identity.unlock(s, LAPTOP_PW))  # no longer a recipient


def test_changes_outside_the_laptops_authority_are_refused_one_by_one(field_setup, laptop):
    f = field_setup
    with Store.open(laptop) as s, s.write("甲") as w:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village'"
                                 " ORDER BY code LIMIT 1").fetchone()[0]
        w.update("areas", village, {"name": "改名村"})
    with Store.open(laptop, readonly=True) as s:
        rows = sync_export.fill_inserts(s, sync_export.own_changes(s, s.device_id, 0))
    with f.county() as s:
        foreign = s.conn.execute("SELECT uuid, phone FROM households WHERE village_code"
                                 " NOT LIKE '140824100%' ORDER BY uuid LIMIT 1").fetchone()
    phone = next(r for r in rows if r[3] == "households")
    stolen = list(phone)
    stolen[1], stolen[4] = max(r[1] for r in rows) + 1, foreign[0]
    bundle = craft_export(laptop, f.tmp / "mixed.fab", rows=[*rows, tuple(stolen)])
    before = all_tables(f.county_path)
    res = f.merge(bundle).as_json()
    assert res["rejected"] == [] and res["applied"] == 1  # the laptop's own household
    refused = {(c["table"], c["record"]) for c in res["refused_changes"]}
    with f.county() as s:
        vuuid = s.conn.execute("SELECT uuid FROM areas WHERE code = ?", (village,)).fetchone()[0]
        assert s.conn.execute("SELECT name FROM areas WHERE code = ?",
                              (village,)).fetchone()[0] != "改名村"
        assert s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                              (foreign[0],)).fetchone()[0] == foreign[1]
    assert refused == {("areas", vuuid), ("households", foreign[0])}
    assert all("无权" in c["reason"] for c in res["refused_changes"])
    after = all_tables(f.county_path)
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= {"households", "changes", "devices", "sync_bundles", "audit_log",
                       "household_status", "sync_duplicates"}, changed


def test_a_laptop_enrolled_the_old_way_re_enrols_in_one_step(field_setup, laptop):
    """Before v010 a laptop was pinned by its key without a certificate: its bundles are refused
    with the one command that fixes it, and after that command they merge."""
    f = field_setup
    with f.county() as s, s.transaction() as conn:
        conn.execute("DELETE FROM device_certs")  # as a county database upgraded from v009
    err = _refused(f, f.export(laptop, "old.fab"), "重新登记", UnknownDevice)
    assert "devices enrol" in err.message and err.fingerprint in err.message
    with f.county() as s:
        devices.enrol(s, err.fingerprint, f.township, COUNTY_PW)
    assert f.merge(f.export(laptop, "old-2.fab")).as_json()["applied"] == 1
