"""Helpers for the sync tests: a field set-up (county + laptops from reference bundles, real
files), export, merge and database snapshots to compare."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store
from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.sync import identity, merge, setup
from fieldapp.jobs import bundle_export as export
from fieldapp.jobs import reference_bundle as reference
from fieldapp.jobs import devices

COUNTY_PW = "县里的口令 county"
LAPTOP_PW = "laptop pass 乡镇"
TOWNSHIP = "140824100000"


@pytest.fixture(scope="session")
def county_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sync") / "county.sqlite"
    build_demo(path, "140824", households=600, seed=11)
    setup.init_county(path, "140824", COUNTY_PW)
    return path


@dataclass
class Field:
    tmp: Path
    county_path: Path
    township: str = TOWNSHIP
    ref: Path | None = None
    code: str = ""
    _keys: dict = field(default_factory=dict)

    def county(self) -> Store:
        return Store.open(self.county_path)

    def county_keys(self):
        if "county" not in self._keys:
            with self.county() as s:
                self._keys["county"] = identity.unlock(s, COUNTY_PW)
        return self._keys["county"]

    def make_reference(self, name: str = "ref.fab", township: str | None = None) -> Path:
        out = self.tmp / name
        with self.county() as s:
            res = reference.reference_bundle(s, township or self.township, out, COUNTY_PW)
        self.ref, self.code = out, res.transfer_code
        return out

    def laptop(self, name: str, township: str | None = None) -> Path:
        """A laptop enrolled as staff do it: it writes a request file, the county enrols it
        (certificate + reference bundle), the laptop is made from that bundle."""
        path = self.tmp / f"{name}.sqlite"
        self.ref = enrolled_laptop(self.county_path, township or self.township, path, name)
        return path

    def export(self, laptop: Path, name: str, *, full: bool = False) -> Path:
        out = self.tmp / name
        with Store.open(laptop) as s:
            export.export_bundle(s, out, LAPTOP_PW, full=full)
        return out

    def merge(self, *files: Path, db: Path | None = None, **kw) -> merge.MergeResult:
        with Store.open(db or self.county_path) as s:
            return merge.merge_files(s, files, self.county_keys(), **kw)

    def merge_reference(self, laptop: Path, ref: Path) -> merge.BundleReport:
        with Store.open(laptop) as s:
            keys = identity.unlock(s, LAPTOP_PW)
            return merge.merge_file(s, ref, keys)


def enrolled_laptop(county: Path, township: str, path: Path, name: str) -> Path:
    """Request (laptop) -> enrol + reference bundle (county) -> init (laptop); returns the
    reference bundle the laptop was made from."""
    req = path.with_name(f"{name}.request.json")
    devices.request(path, req, LAPTOP_PW, name=name)
    ref = path.with_name(f"{name}-ref.fab")
    with Store.open(county) as s:
        devices.enrol(s, str(req), township, COUNTY_PW, out=ref)
    setup.init_township(path, ref, LAPTOP_PW, device_name=name, surveyor=name)
    return ref


def all_tables(path: Path) -> dict:
    """Every row of every table: what an attack must leave exactly as it was."""
    with Store.open(path, readonly=True) as s:
        names = [r[0] for r in s.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]
        return {n: sorted(map(repr, s.conn.execute(f'SELECT * FROM "{n}"'))) for n in names}


@pytest.fixture
def field_setup(county_template, tmp_path) -> Field:
    dest = tmp_path / "county.sqlite"
    shutil.copy(county_template, dest)
    return Field(tmp_path, dest)


def snapshot(path: Path, *, meta: bool = True) -> dict:
    """Every synced record (values, clocks, tombstones, derived status) and every conflict."""
    with Store.open(path, readonly=True) as s:
        out: dict = {}
        for tbl, fields in SYNCED_FIELDS.items():
            cols = ["uuid", *fields, "clock", "deleted"]
            if meta:
                cols += ["device_id", "counter", "hlc"]
            if tbl == "households":
                cols += ["status", "status_reason", "last_visit_at", "head_initials"]
            rows = s.conn.execute(f"SELECT {', '.join(cols)} FROM {tbl} ORDER BY uuid")
            out[tbl] = [tuple(r) for r in rows]
        out["conflicts"] = sorted(s.conn.execute(
            "SELECT tbl, record_uuid, field, loser_version, base_version, base, theirs,"
            " theirs_device, ours, ours_version, ours_device, status FROM sync_conflicts"))
        out["changes"] = sorted(s.conn.execute(
            "SELECT device_id, counter, hlc, tbl, record_uuid, op, data, old, base"
            " FROM changes"))
        return out


def township_households(path: Path, n: int) -> list[str]:
    with Store.open(path, readonly=True) as s:
        return [r[0] for r in s.conn.execute(
            "SELECT uuid FROM households ORDER BY uuid LIMIT ?", (n,))]


def unvisited_households(path: Path, n: int) -> tuple[list[str], str]:
    """The first n households without a visit, and a village of the database."""
    with Store.open(path, readonly=True) as s:
        hh = [r[0] for r in s.conn.execute(
            "SELECT uuid FROM households WHERE uuid NOT IN (SELECT household_uuid FROM visits)"
            " ORDER BY uuid LIMIT ?", (n,))]
        village = s.conn.execute("SELECT village_code FROM households LIMIT 1").fetchone()[0]
    return hh, village


def craft_export(laptop: Path, out: Path, *, rows: list[tuple] | None = None,
                 extra: dict[str, bytes] | None = None, manifest: dict | None = None,
                 header: dict | None = None, signer=None, patch_zip=None) -> Path:
    """A bundle built by hand from a laptop's changes, signed (by the laptop unless `signer`)
    and encrypted to the county like a real export — to test what the county refuses."""
    import hashlib
    import json
    import os
    import uuid as uuidlib
    import zipfile

    from fieldapp.store.sync_log import export_reads as sync_export
    from fieldapp.store.schema import SCHEMA_VERSION
    from fieldapp.sync import crypto
    from fieldapp.sync.container import write_bundle
    from fieldapp.sync.writer import changes_member

    with Store.open(laptop) as s:
        keys = identity.unlock(s, LAPTOP_PW)
        county = identity.county_public(s)
        if rows is None:
            rows = sync_export.fill_inserts(
                s, sync_export.own_changes(s, s.device_id, 0))
        common = {"kind": "export", "bundle_uuid": str(uuidlib.uuid4()),
                  "created_at": "2026-11-25T10:00:00+08:00",
                  "county": s.setting("county_code"), "township": s.setting("township_code"),
                  "device_id": s.device_id, "device_name": s.setting("device_name")}
    members = {"changes.json": changes_member(rows), **(extra or {})}
    m = dict(common, schema_version=SCHEMA_VERSION, form_versions={}, from_counter=1,
             to_counter=max([r[1] for r in rows] or [0]), counts={})
    m.update(manifest or {})
    m["members"] = {n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                    for n, d in members.items()}
    payload = out.with_suffix(".zip")
    with zipfile.ZipFile(payload, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in members.items():
            zf.writestr(n, d)
        zf.writestr("manifest.json", json.dumps(m, ensure_ascii=False))
    if patch_zip:
        payload.write_bytes(patch_zip(payload.read_bytes()))
    key = os.urandom(32)
    h = dict(common, recipients=[crypto.wrap_for_key(key, county.box_key())])
    h.update(header or {})
    write_bundle(out, h, payload, signer or keys, key)
    payload.unlink()
    return out


def data_snapshot(path: Path) -> dict:
    """What a rejected bundle must leave untouched: records, change log, conflicts, devices,
    archive."""
    out = snapshot(path)
    with Store.open(path, readonly=True) as s:
        out["devices"] = sorted(s.conn.execute(
            "SELECT device_id, status, public_key, last_counter FROM devices"))
        out["bundles"] = sorted(s.conn.execute("SELECT sha256 FROM sync_bundles"))
    return out


# A child process that merges bundles and reports progress: kill -9 it at any moment.
MERGE_CHILD = r"""
import sys
from fieldapp.store import Store
from fieldapp.sync import identity, merge
db, *files = sys.argv[1:]
with Store.open(db) as s:
    keys = identity.unlock(s, PASSPHRASE)
    def progress(done, total):
        print("progress", done, total, flush=True)
        return True
    merge.merge_files(s, files, keys, progress=progress)
print("done", flush=True)
""".replace("PASSPHRASE", repr(COUNTY_PW))


def busy_laptop(f, name: str, n: int, seed: int, *, edits: int = 40, autosaves: int = 0) -> Path:
    """A township laptop with n new households (each with a covered visit), `edits` phone changes
    in the same action and `autosaves` notes changed one action each, as the app saves them."""
    import random

    from fieldapp.store import Store

    lap = f.laptop(name)
    rng = random.Random(seed)
    with Store.open(lap) as s:
        villages = [r[0] for r in s.conn.execute(
            "SELECT code FROM areas WHERE level = 'village' ORDER BY code")]
        old = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid")]
        with s.write(name) as w:
            ids = w.insert_many("households", [
                {"village_code": rng.choice(villages), "group_no": str(rng.randint(1, 9)),
                 "head_name": f"{name}户{i}", "size": rng.randint(1, 6)} for i in range(n)])
            w.insert_many("visits", [
                {"household_uuid": h, "form_id": "huhutong_household",
                 "form_version": "2026112501", "state": "complete",
                 "answers": {"visit_result": "met", "reception_mode": "iptv",
                             "works_now": "yes"},
                 "ended_at": "2026-07-01T09:00:00"} for h in ids])
            for h in old[:edits]:
                w.update("households", h, {"phone": f"139{rng.randint(0, 99999999):08d}"})
        for h in old[edits:edits + autosaves]:
            with s.write(name) as w:
                w.update("households", h, {"notes": f"{name} 备注"})
    return lap

