"""How this database records an ID number (issue 15 item 5).

* At the county: the keyed hash `k1:` HMAC-SHA256 under the county secret `id_key` (a setting
  that is never sent: reference bundles copy only the settings they list), so duplicates are found
  by hash and nobody without the county database can brute-force a number from a hash.
* On a laptop (no secret): the number sealed to the county's public key (`enc1:`, see
  core/id_seal.py); the county turns it into the keyed hash when it merges the bundle.
  A laptop without the county key (not made from a reference bundle) keeps no hash at all.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

from fieldapp.core.idcard import keyed_id_hash

ID_KEY_SETTING = "id_key"

IdHasher = Callable[[object], "str | None"]


def new_id_key() -> str:
    import secrets  # (with hmac and OpenSSL: not needed to open a database)

    return secrets.token_hex(32)


def id_key(store) -> bytes | None:
    conn = store.conn
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (ID_KEY_SETTING,)).fetchone()
    return bytes.fromhex(row[0]) if row and row[0] else None


def _setting(conn, key: str) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return (row[0] if row else None) or ""


def county_box_public(store) -> bytes | None:
    """On a laptop: the county's X25519 public key from the reference bundle, or None."""
    from fieldapp.store.sync_log.keys import devices

    rows = devices(store, status=("county",))
    try:
        text = rows and rows[0].get("public_key") and json.loads(rows[0]["public_key"])["box"]
        return base64.b64decode(text, validate=True) if text else None
    except (ValueError, KeyError, TypeError):
        return None


def id_hasher(store) -> IdHasher:
    """The function that gives the `id_hash` column's value for an ID number here."""
    conn = store.conn
    key, salt = id_key(store), _setting(conn, "id_salt")
    if key:
        return lambda value: keyed_id_hash(value, salt, key)
    box = county_box_public(store)
    if box:
        from fieldapp.core.id_seal import seal_id  # cryptography: only where numbers are sealed

        return lambda value: seal_id(value, box)
    return lambda value: None


def hashes_are_sealed(store) -> bool:
    """True on a laptop: its id_hash values are random ciphertexts, so two of one number differ."""
    return id_key(store) is None
