"""On merge: ID hashes in a laptop's household changes become the county's keyed
hashes (issue 15 item 5). A laptop holds no county secret: a number typed there travels sealed
to the county key (`enc1:`), which the county opens here and hashes with its secret; a salted
hash from a laptop not yet upgraded is keyed the same way as migration v015 keys stored ones.
Anything else in that field (not a hash, not sealed to this county) is dropped, never stored.
A laptop keeps only keyed hashes and sealed numbers from a reference bundle."""

from __future__ import annotations

from typing import Any

from fieldapp.core.id_seal import open_sealed
from fieldapp.core.idcard import hash_kind, is_valid_id, keyed_id_hash, rekey_hash
from fieldapp.store.id_numbers import id_key
from fieldapp.store.sync_log.change_record import Change

from .keys import KeyPair


def _laptop_convert(value: Any) -> str | None:
    """On a laptop: keyed hashes (from the county) and sealed numbers only; a salted hash (from
    a county not yet upgraded) is not kept."""
    return value if hash_kind(value) in ("keyed", "sealed", "none") else None


def _converter(store, keys: KeyPair | None):
    if store.role != "county":
        return _laptop_convert
    key, salt = id_key(store), store.setting("id_salt") or ""

    def convert(value: Any) -> str | None:
        kind = hash_kind(value)
        if kind in ("keyed", "none") or key is None:
            return value if kind in ("keyed", "none") else None
        if kind == "unkeyed":
            return rekey_hash(value, key)
        if kind == "sealed" and keys is not None:
            number = open_sealed(value, keys.box)
            return keyed_id_hash(number, salt, key) if number and is_valid_id(number) else None
        return None

    return convert


def _converted(obj: Any, convert) -> Any:
    """obj itself when its id_hash is already as kept (most are: laptops send keyed hashes)."""
    if not isinstance(obj, dict) or "id_hash" not in obj:
        return obj
    value = obj["id_hash"]
    kept = convert(value)
    return obj if kept is value else dict(obj, id_hash=kept)


def kept_id_hashes(store, changes: list[Change], keys: KeyPair | None) -> list[Change]:
    """The changes with every household `id_hash` (new and old value) as this database keeps
    it: keyed at the county; keyed or sealed (never a salted hash) on a laptop."""
    if not any(c.tbl == "households" for c in changes):
        return changes
    convert = _converter(store, keys)
    out = []
    for c in changes:
        if c.tbl == "households" and c.op != "delete":
            data, old = _converted(c.values(), convert), _converted(c.olds() or None, convert)
            if data is not c.values() or (old is not None and old is not c.olds()):
                # built directly: dataclasses.replace costs several times more, per household
                c = Change(c.device_id, c.counter, c.hlc, c.tbl, c.record_uuid, c.op, data,
                           old if old is not None else c.old, c.base, c.user, c.at)
        out.append(c)
    return out
