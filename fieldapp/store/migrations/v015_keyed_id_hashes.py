"""Version 15: ID numbers are matched by a hash keyed with a county secret (issue 15 item 5).

Before, `id_hash` was SHA-256(salt:number) with the salt in every database (and in every
reference bundle): with a masked number (region, last four digits) anyone holding a laptop
database recovered the full number by brute force in a fraction of a second.

* County database: a new secret `id_key` (never sent anywhere); every salted hash becomes
  "k1:" + HMAC-SHA256(id_key, salted hash) — in the households, in the change log and in the
  conflict list — so matching goes on with the same numbers, and numbers typed later are hashed
  the same way (core/idcard.keyed_id_hash).
* Laptop database: it has no secret, so its salted hashes are removed (households, change log,
  conflicts); it keeps the masked numbers. Numbers typed on it from now on are sealed to the
  county key and hashed at the county on merge (store/id_numbers.py).
"""

from __future__ import annotations

import json
import sqlite3

from fieldapp.core.idcard import hash_kind, rekey_hash
from fieldapp.store.id_numbers import ID_KEY_SETTING, new_id_key


def _setting(conn: sqlite3.Connection, key: str) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return (row[0] if row else None) or ""


def _converter(conn: sqlite3.Connection):
    if _setting(conn, "role") == "county":
        key_hex = _setting(conn, ID_KEY_SETTING) or new_id_key()
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                     (ID_KEY_SETTING, key_hex))
        key = bytes.fromhex(key_hex)
        return lambda v: rekey_hash(v, key) if hash_kind(v) == "unkeyed" else v
    return lambda v: v if hash_kind(v) in ("keyed", "sealed", "none") else None


def _fix_json(text, convert):
    """A change's data/old (JSON object text) with its id_hash converted; None: unchanged."""
    if not text:
        return None
    obj = json.loads(text)
    if not isinstance(obj, dict) or "id_hash" not in obj:
        return None
    new = convert(obj["id_hash"])
    if new == obj["id_hash"]:
        return None
    obj["id_hash"] = new
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _fix_value(text, convert):
    """A conflict's JSON-encoded value converted; None: unchanged."""
    if text is None:
        return None
    value = json.loads(text)
    new = convert(value)
    return None if new == value else json.dumps(new, ensure_ascii=False)


def migrate(conn: sqlite3.Connection) -> None:
    if not _setting(conn, "role"):  # a database being created: nothing stored yet
        return
    convert = _converter(conn)
    conn.create_function("fieldapp_v015_id_hash", 1, convert, deterministic=True)
    conn.execute("UPDATE households SET id_hash = fieldapp_v015_id_hash(id_hash)"
                 " WHERE id_hash IS NOT NULL")
    rows = conn.execute(
        "SELECT seq, data, old FROM changes WHERE tbl = 'households'"
        " AND (data LIKE '%\"id\\_hash\"%' ESCAPE '\\' OR old LIKE '%\"id\\_hash\"%' ESCAPE '\\')"
    ).fetchall()
    for seq, data, old in rows:
        new_data, new_old = _fix_json(data, convert), _fix_json(old, convert)
        if new_data is not None or new_old is not None:
            conn.execute("UPDATE changes SET data = ?, old = ? WHERE seq = ?",
                         (new_data or data, new_old or old, seq))
    cols = ("base", "theirs", "ours", "resolved_value")
    for row in conn.execute(f"SELECT id, {', '.join(cols)} FROM sync_conflicts"
                            " WHERE tbl = 'households' AND field = 'id_hash'").fetchall():
        fixed = [_fix_value(v, convert) for v in row[1:]]
        if any(f is not None for f in fixed):
            conn.execute(f"UPDATE sync_conflicts SET {', '.join(c + ' = ?' for c in cols)}"
                         " WHERE id = ?",
                         [f if f is not None else v for f, v in zip(fixed, row[1:])] + [row[0]])
