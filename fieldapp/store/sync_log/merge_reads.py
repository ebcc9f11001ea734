"""Read side of a merge: what the merge planner needs to know about the local database.

All reads; nothing here writes. Used inside the merge transaction (so the plan sees exactly the
state it is applied to) and, read-only, for the merge preview.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from fieldapp.store.sync_log.change_record import CHANGE_COLUMNS, Change

_CHUNK = 900


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class StoreState:
    """LocalState (fieldapp.sync.plan) over a sqlite connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._records: dict[str, dict[str, dict[str, Any] | None]] = {}

    def seen_counters(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT device_id, last_counter FROM devices"))

    def records(self, tbl: str, uuids: list[str]) -> dict[str, dict[str, Any]]:
        """uuid -> row (a fresh dict, the caller's to change) of those of `uuids` that exist.
        Each record is read once per StoreState: the authority check and the planner of one
        bundle ask for the same ones (nothing is written between)."""
        known = self._records.setdefault(tbl, {})
        missing = [u for u in uuids if u not in known]
        known.update(dict.fromkeys(missing))
        for part in _chunks(missing):
            cur = self.conn.execute(
                f"SELECT * FROM {tbl} WHERE uuid IN ({','.join('?' * len(part))})", part)
            names = [d[0] for d in cur.description]
            for row in cur:
                d = dict(zip(names, row))
                known[d["uuid"]] = d
        return {u: dict(row) for u in uuids if (row := known[u]) is not None}

    def changes(self, versions: list[str]) -> dict[str, Change]:
        out: dict[str, Change] = {}
        for v in versions:
            device, _, counter = v.rpartition(":")
            if not device or not counter.isdigit():
                continue
            row = self.conn.execute(
                f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes"
                " WHERE device_id = ? AND counter = ?", (device, int(counter))).fetchone()
            if row:
                out[v] = Change(*row)
        return out

    def record_changes(self, tbl: str, uuids: list[str]) -> dict[str, list[Change]]:
        """Every logged change of these records, in HLC order."""
        out: dict[str, list[Change]] = {}
        for part in _chunks(uuids):
            for row in self.conn.execute(
                    f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes WHERE tbl = ?"
                    f" AND record_uuid IN ({','.join('?' * len(part))}) ORDER BY hlc",
                    [tbl, *part]):
                out.setdefault(row[4], []).append(Change(*row))
        return out

    def resolved_versions(self, tbl: str, uuids: list[str]) -> list[tuple[str, str, str]]:
        """(record, field, losing version) of the conflicts resolved on these records."""
        out: list[tuple[str, str, str]] = []
        for part in _chunks(uuids):
            out += self.conn.execute(
                "SELECT record_uuid, field, loser_version FROM sync_conflicts"
                f" WHERE status = 'resolved' AND tbl = ? AND record_uuid IN"
                f" ({','.join('?' * len(part))})", [tbl, *part]).fetchall()
        return out

    def area_codes(self, codes: list[str]) -> set[str]:
        """Which of these division codes exist."""
        out: set[str] = set()
        for part in _chunks(codes):
            out |= {r[0] for r in self.conn.execute(
                f"SELECT code FROM areas WHERE code IN ({','.join('?' * len(part))})", part)}
        return out

    def open_conflicts(self, tbl: str, uuids: list[str]) -> list[dict[str, Any]]:
        out = []
        for part in _chunks(uuids):
            cur = self.conn.execute(
                "SELECT * FROM sync_conflicts WHERE status = 'open' AND tbl = ?"
                f" AND record_uuid IN ({','.join('?' * len(part))})", [tbl, *part])
            names = [d[0] for d in cur.description]
            for row in cur:
                d = dict(zip(names, row))
                for k in ("base", "ours", "theirs"):
                    d[k] = _decode(d[k])
                out.append(d)
        return out
