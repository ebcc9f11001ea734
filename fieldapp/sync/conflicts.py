"""Conflicts: list them (the `fieldapp conflicts` JSON shape) and resolve them.

A resolution keeps one side or sets a new value. A new value is written through the change-logged
writer (so it is a normal change: audited, logged, and in the next reference bundle); keeping the
value the record already has writes nothing to the record. Either way the decision is written to
the audit log (field "conflict:<field>") and the conflict rows of that field are marked resolved;
reference bundles list resolved conflicts so laptops close their copies too.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.core.conflict_topics import VERDICT, topic
from fieldapp.store import conflicts as sync_conflicts
from fieldapp.store.households.status import refresh_status
from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store.sync_log import resolve as sync_resolve
from fieldapp.store.sync_log.merge_reads import StoreState

from .errors import SyncError
from .heads import field_heads, latest
from fieldapp.core.messages import ErrorCode

KEEP = ("ours", "theirs", "value")


def _household(r: dict[str, Any]) -> str | None:
    return r["record_uuid"] if r["tbl"] == "households" else None


def list_conflicts(store, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Rows as in DESIGN.md: id, record, field, base, ours, theirs, devices, status (+ more).
    The fields of one topic (a position's lat and lon, the answers of one visit) are one row:
    `field` the topic, base/ours/theirs {field: value}, `ids` and `fields` what it groups."""
    out: list[dict[str, Any]] = []
    groups: dict[tuple, dict[str, Any]] = {}
    for row in _rows(store, status):
        t = topic(row["table"], row["field"])
        if t == row["field"]:
            out.append(row)
            continue
        key = (row["table"], row["record"], t, row["status"], row["devices"]["theirs"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {**row, "field": t, "fields": [], "ids": [], "base": {},
                                   "ours": {}, "theirs": {}, "resolved_value": {}}
            out.append(group)
        name = row["field"].partition(".")[2] or row["field"]
        group["fields"].append(row["field"])
        group["ids"].append(row["id"])
        for side in ("base", "ours", "theirs", "resolved_value"):
            group[side][name] = row[side]
    return out


def _rows(store, status: str | None) -> list[dict[str, Any]]:
    out = []
    for r in sync_conflicts.conflicts(store, status=status):
        out.append({
            "id": r["id"], "record": r["record_uuid"], "table": r["tbl"], "field": r["field"],
            "base": r["base"], "ours": r["ours"], "theirs": r["theirs"],
            "devices": {"ours": r["ours_device"], "theirs": r["theirs_device"]},
            "device_names": {
                side: sync_keys.device_label(store, r[f"{side}_device"], _household(r))
                for side in ("ours", "theirs")},
            "status": r["status"], "village_code": r["village_code"],
            "village_name": r.get("village_name"), "household": r.get("household_head"),
            "versions": {"base": r["base_version"], "ours": r["ours_version"],
                         "theirs": r["loser_version"]},
            "resolution": r["resolution"], "resolved_value": r["resolved_value"],
            "resolved_by": r["resolved_by"], "resolved_at": r["resolved_at"],
            "created_at": r["created_at"],
        })
    return out


def resolve(store, conflict_id: int, keep: str, *, value: Any = None,
            user: str | None = None) -> dict[str, Any]:
    """Resolve conflict `conflict_id` (and the other open conflicts of the same field, and of
    the other fields of its topic: a position's lat and lon together): keep "ours" (the value
    the record holds), "theirs", or set `value` ({field: value} for a topic of several fields)."""
    if keep not in KEEP:
        raise SyncError(ErrorCode.CONFLICT_KEEP, choices=" / ".join(KEEP))
    row = sync_conflicts.conflict(store, conflict_id)
    if row is None:
        raise SyncError(ErrorCode.CONFLICT_NOT_FOUND, conflict=conflict_id)
    if row["status"] != "open":
        raise SyncError(ErrorCode.CONFLICT_DONE, conflict=conflict_id)
    if row["field"] == "deleted":
        raise SyncError(ErrorCode.CONFLICT_DELETE_KEEPS)
    if row["field"] == VERDICT:
        return _resolve_verdict(store, row, keep, user)
    tbl, uuid = row["tbl"], row["record_uuid"]
    key = sync_conflicts.record_key(store, tbl, uuid)
    if key is None:
        raise SyncError(ErrorCode.CONFLICT_RECORD_GONE, conflict=conflict_id)
    t = topic(tbl, row["field"])
    rows = [row] + [r for r in sync_conflicts.conflicts(store, status="open")
                    if r["tbl"] == tbl and r["record_uuid"] == uuid and r["id"] != row["id"]
                    and t != r["field"] and topic(tbl, r["field"]) == t
                    and r["theirs_device"] == row["theirs_device"]]
    changed, n, values = 0, 0, {}
    with store.write(user) as w:
        for r in rows:
            field = r["field"]
            name = field.partition(".")[2] or field
            given = value.get(name) if len(rows) > 1 and isinstance(value, dict) else value
            chosen = {"ours": r["ours"], "theirs": r["theirs"], "value": given}[keep]
            values[name] = chosen
            changed += _resolve_field(w, store, r, field, keep, chosen)
            n += sync_conflicts.mark_resolved(w.store, tbl, uuid, field, resolution=keep,
                                              value=chosen, user=w.user)
    return {"id": conflict_id, "resolution": keep,
            "value": values if len(rows) > 1 else values[next(iter(values))],
            "record_changed": changed > 0, "resolved": n}


def _resolve_verdict(store, row: dict[str, Any], keep: str, user: str | None) -> dict[str, Any]:
    """Two visits that disagree: the chosen one decides the household's status (both stay)."""
    if keep == "value":
        raise SyncError(ErrorCode.CONFLICT_VISIT_RESULT)
    chosen = row[keep]
    with store.write(user) as w:
        sync_conflicts.audit(w.store, "households", row["record_uuid"], f"conflict:{VERDICT}",
                             _text(row["theirs"]), _text(chosen), w.user, store.device_id)
        n = sync_conflicts.mark_resolved(w.store, "households", row["record_uuid"], VERDICT,
                                         resolution=keep, value=chosen, user=w.user,
                                         loser_version=row["loser_version"])
        refresh_status(w.store, [row["record_uuid"]])
    return {"id": row["id"], "resolution": keep, "value": chosen, "record_changed": False,
            "resolved": n}


def _resolve_field(w, store, row: dict[str, Any], field: str, keep: str, chosen: Any) -> int:
    """Write the chosen value of one field (or re-assert the one it holds) and audit it."""
    tbl, uuid = row["tbl"], row["record_uuid"]
    key = sync_conflicts.record_key(w.store, tbl, uuid)
    head, dot, sub = field.partition(".")
    patch = {head: {sub: chosen}} if dot else {field: chosen}
    changed = w.update(tbl, key, patch)
    if not changed:
        sync_resolve.reassert(w, tbl, uuid, field, chosen)
    sync_conflicts.audit(w.store, tbl, uuid, f"conflict:{field}", _text(row["theirs"]),
                         _text(chosen), w.user, store.device_id)
    _resolve_other_heads(w, tbl, uuid, field, keep, chosen)
    return changed


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _resolve_other_heads(w, tbl: str, uuid: str, field: str, keep: str, chosen: Any) -> None:
    """Edits that agreed with a side (same value, no conflict row) are heads too: the resolution
    covers them, so record them resolved (they then travel in reference bundles)."""
    state = StoreState(w.conn)
    history = state.record_changes(tbl, [uuid]).get(uuid, [])
    resolved = {v for u, f, v in state.resolved_versions(tbl, [uuid]) if f == field}
    heads = field_heads(history, field, resolved)
    if len(heads) <= 1:
        return
    top = latest(heads)
    value = json.dumps(chosen, ensure_ascii=False)
    sync_conflicts.add_resolved(w.store, [
        {"tbl": tbl, "record_uuid": uuid, "field": field, "loser_version": h.version,
         "theirs_device": h.device_id, "ours_version": top.version, "ours_device": top.device_id,
         "resolution": keep, "resolved_value": value, "resolved_by": w.user,
         "resolved_at": w.at} for h in heads if h is not top])
