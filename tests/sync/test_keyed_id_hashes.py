"""Issue 15 item 5: ID numbers cannot be brute-forced from what travels or from a laptop. The hash
that matches them is keyed with a county secret that never leaves the county database; a laptop
holds masked numbers and keyed hashes, and a number typed there travels sealed to the county key
and is hashed at the county on merge. Older databases migrate (v015)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_helpers import LAPTOP_PW, TOWNSHIP

from fieldapp.core.field_household import NewHousehold
from fieldapp.core.id_seal import open_sealed, seal_id
from fieldapp.core.idcard import hash_id, id_check_char, keyed_id_hash, mask_id
from fieldapp.store import Store
from fieldapp.store.household_add import add_field_household
from fieldapp.sync import identity
from fieldapp.sync.keys import KeyPair
from fieldapp.sync.reader import local_copy, read_contents


def _id(body: str) -> str:
    return body + id_check_char(body)


KNOWN = _id("14082419870203123")  # a number the county has
TYPED = _id("14082419920715456")  # a number typed on a laptop


def _village(path: Path) -> str:
    with Store.open(path, readonly=True) as s:
        return s.conn.execute(
            "SELECT code FROM areas WHERE level = 'village' AND code LIKE ? ORDER BY code"
            " LIMIT 1", (TOWNSHIP[:9] + "%",)).fetchone()[0]


def _add(path: Path, name: str, number: str) -> str:
    with Store.open(path) as s:
        return add_field_household(s, NewHousehold(_village(path), name, id_number=number),
                                   user="test")


def _hashes(path: Path) -> dict[str, str | None]:
    with Store.open(path, readonly=True) as s:
        return dict(s.conn.execute("SELECT uuid, id_hash FROM households"))


def _settings(path: Path) -> dict[str, str]:
    with Store.open(path, readonly=True) as s:
        return dict(s.conn.execute("SELECT key, value FROM settings"))


def _raw(path: Path) -> bytes:
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal")
                    if Path(f"{path}{s}").exists())


def _county_key(f) -> bytes:
    return bytes.fromhex(_settings(f.county_path)["id_key"])


def test_the_county_secret_never_leaves_the_county(field_setup):
    f = field_setup
    key_hex = _settings(f.county_path)["id_key"]
    assert len(key_hex) == 64
    lap = f.laptop("A")
    assert "id_key" not in _settings(lap)
    assert key_hex.encode() not in _raw(lap)
    with Store.open(lap) as s:
        keys = identity.unlock(s, LAPTOP_PW)
    with local_copy(f.ref) as (opened, work):  # the reference bundle, opened by its laptop
        contents = read_contents(opened, work, keys, None)
        plain = (work / "payload.zip").read_bytes()
    assert "id_key" not in contents.reference["settings"]
    assert key_hex.encode() not in plain


def test_a_laptop_database_does_not_confirm_even_the_right_number(field_setup):
    """The attack of the issue: masked number + salt from a laptop -> the full number. Now even
    an attacker who guesses the right number cannot check it against what the laptop holds."""
    f = field_setup
    county_uuid = _add(f.county_path, "县里登记户", KNOWN)
    lap = f.laptop("A")
    hashes = _hashes(lap)
    assert hashes[county_uuid].startswith("k1:")
    assert all(h is None or h.startswith("k1:") for h in hashes.values())
    salt = _settings(lap).get("id_salt", "")
    guesses = {hash_id(KNOWN, salt), hash_id(KNOWN, ""), keyed_id_hash(KNOWN, salt, b""),
               keyed_id_hash(KNOWN, salt, salt.encode())}
    assert not guesses & set(hashes.values())
    raw = _raw(lap)
    assert KNOWN.encode() not in raw and hash_id(KNOWN, salt).encode() not in raw
    with Store.open(lap, readonly=True) as s:
        assert s.conn.execute("SELECT id_masked FROM households WHERE uuid = ?",
                              (county_uuid,)).fetchone()[0] == mask_id(KNOWN)


def test_a_number_typed_on_a_laptop_travels_sealed_and_is_keyed_at_the_county(field_setup):
    f = field_setup
    county_uuid = _add(f.county_path, "刘大户", TYPED)  # the county already has this number
    lap = f.laptop("A")
    laptop_uuid = _add(lap, "刘大户", TYPED)
    sealed = _hashes(lap)[laptop_uuid]
    assert sealed.startswith("enc1:")
    with Store.open(lap) as s:
        laptop_keys = identity.unlock(s, LAPTOP_PW)
    assert open_sealed(sealed, laptop_keys.box) is None  # the laptop cannot read it back
    salt = _settings(lap)["id_salt"]
    assert TYPED.encode() not in _raw(lap) and hash_id(TYPED, salt).encode() not in _raw(lap)
    bundle = f.export(lap, "a.fab")
    with local_copy(bundle) as (opened, work):
        read_contents(opened, work, f.county_keys(), None)
        plain = (work / "payload.zip").read_bytes()
    assert TYPED.encode() not in plain and hash_id(TYPED, salt).encode() not in plain
    res = f.merge(bundle).as_json()
    assert res["rejected"] == [] and res["duplicates"] == 1  # matched by the keyed hash
    county = _hashes(f.county_path)
    assert county[laptop_uuid] == county[county_uuid] == keyed_id_hash(TYPED, salt,
                                                                      _county_key(f))


def test_forged_or_foreign_sealed_numbers_are_dropped_not_stored(field_setup):
    f = field_setup
    lap = f.laptop("A")
    stranger = KeyPair.generate()
    forged = {
        "sealed to another key": seal_id(TYPED, stranger.public.box),
        "garbage": "enc1:AAAA",
        "not a hash": "hello",
        "sealed, not an ID number": seal_id("12345", f.county_keys().public.box),
    }
    uuids = {}
    with Store.open(lap) as s, s.write("rogue") as w:
        for name, value in forged.items():
            uuids[name] = w.insert("households", {"village_code": _village(lap),
                                                  "head_name": name, "id_hash": value})
    res = f.merge(f.export(lap, "a.fab")).as_json()
    assert res["rejected"] == []
    county = _hashes(f.county_path)
    assert all(county[u] is None for u in uuids.values()), county


def test_a_salted_hash_from_a_laptop_not_yet_upgraded_is_keyed_on_merge(field_setup):
    f = field_setup
    lap = f.laptop("A")
    salt = _settings(lap)["id_salt"]
    with Store.open(lap) as s, s.write("old laptop") as w:
        u = w.insert("households", {"village_code": _village(lap), "head_name": "旧版户",
                                    "id_hash": hash_id(TYPED, salt)})
    f.merge(f.export(lap, "a.fab"))
    assert _hashes(f.county_path)[u] == keyed_id_hash(TYPED, salt, _county_key(f))


def _as_version_12(path: Path, number: str) -> tuple[str, str]:
    """Make `path` look like a database of version 12: salted hashes in the households and in
    the change log, no county secret."""
    with Store.open(path) as s:
        salt = s.setting("id_salt")
        with s.write("旧版") as w:
            uuid = w.insert("households", {"village_code": _village(path), "head_name": "旧户",
                                           "id_hash": hash_id(_id("14082419800101000"), salt),
                                           "id_masked": mask_id(number)})
            w.update("households", uuid, {"id_hash": hash_id(number, salt)})
        s.conn.execute("DELETE FROM settings WHERE key = 'id_key'")
        s.conn.execute("PRAGMA user_version = 12")
    return uuid, salt


def _changes_text(path: Path) -> str:
    with Store.open(path, readonly=True) as s:
        return json.dumps([list(r) for r in s.conn.execute(
            "SELECT data, old FROM changes WHERE tbl = 'households'")])


def test_migration_keys_the_county_hashes_in_place(field_setup):
    f = field_setup
    uuid, salt = _as_version_12(f.county_path, KNOWN)
    with Store.open(f.county_path) as s:  # opening upgrades
        assert s.schema_version >= 15
        key = bytes.fromhex(s.setting("id_key"))
    assert _hashes(f.county_path)[uuid] == keyed_id_hash(KNOWN, salt, key)
    assert all(h is None or h.startswith("k1:") for h in _hashes(f.county_path).values())
    text = _changes_text(f.county_path)
    assert hash_id(KNOWN, salt) not in text and keyed_id_hash(KNOWN, salt, key) in text
    # and a number typed now matches the migrated one
    again = _add(f.county_path, "旧户", KNOWN)
    assert _hashes(f.county_path)[again] == _hashes(f.county_path)[uuid]


def test_migration_removes_salted_hashes_from_a_laptop(field_setup):
    f = field_setup
    lap = f.laptop("A")
    uuid, salt = _as_version_12(lap, KNOWN)
    with Store.open(lap) as s:
        assert s.schema_version >= 15
        assert s.setting("id_key") is None
        assert s.conn.execute("SELECT id_hash, id_masked FROM households WHERE uuid = ?",
                              (uuid,)).fetchone() == (None, mask_id(KNOWN))
    assert all(h is None or h.startswith(("k1:", "enc1:")) for h in _hashes(lap).values())
    assert hash_id(KNOWN, salt) not in _changes_text(lap)
    # the laptop still works: a bundle exports and merges
    res = f.merge(f.export(lap, "a.fab")).as_json()
    assert res["rejected"] == []


@pytest.mark.parametrize("number", [KNOWN, KNOWN.lower(), " " + KNOWN + " "])
def test_keyed_hash_matches_the_same_number_however_written(number):
    key = b"k" * 32
    assert keyed_id_hash(number, "s", key) == keyed_id_hash(KNOWN, "s", key)
    assert keyed_id_hash(KNOWN, "s", key) != keyed_id_hash(KNOWN, "s", b"x" * 32)
