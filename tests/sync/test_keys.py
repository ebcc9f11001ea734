"""Private keys exist on disk only under the passphrase; transfer codes are forgiving to type."""

from __future__ import annotations

import pytest

from fieldapp.core.passphrase_rule import WeakPassphrase
from cryptography.hazmat.primitives import serialization as ser
from sync_helpers import COUNTY_PW

from fieldapp.store import Store
from fieldapp.sync import crypto, identity
from fieldapp.sync.errors import PassphraseError
from fieldapp.sync.keys import KeyPair

RAW = {"encoding": ser.Encoding.Raw, "format": ser.PrivateFormat.Raw,
       "encryption_algorithm": ser.NoEncryption()}


def test_protect_round_trip_and_wrong_passphrase():
    keys = KeyPair.generate()
    blob = keys.protect("这是正确的口令，够长了")
    back = KeyPair.unprotect(blob, "这是正确的口令，够长了")
    assert back.public == keys.public
    with pytest.raises(PassphraseError, match="口令不正确"):
        KeyPair.unprotect(blob, "错误的口令")
    with pytest.raises(WeakPassphrase):
        keys.protect("")


def test_private_keys_are_not_in_the_database_file_in_clear(field_setup):
    f = field_setup
    with Store.open(f.county_path) as s:
        keys = identity.unlock(s, COUNTY_PW)
    lap = f.laptop("A")
    with Store.open(lap) as s:
        lkeys = identity.unlock(s, "laptop pass 乡镇")
    for path, k in ((f.county_path, keys), (lap, lkeys)):
        data = path.read_bytes()
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            data += wal.read_bytes()
        assert k.sign.private_bytes(**RAW) not in data
        assert k.box.private_bytes(**RAW) not in data
        assert COUNTY_PW.encode() not in data


def test_transfer_code_tolerates_case_and_dashes():
    code = crypto.new_transfer_code()
    key = b"k" * 32
    r = [crypto.wrap_for_code(key, code)]
    assert crypto.unwrap_with_code(r, code.lower().replace("-", " ")) == key
    assert crypto.unwrap_with_code(r, "AAAAA-BBBBB-CCCCC-DDDDD") is None
