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

from fieldapp.store import conflicts as sync_conflicts
from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store.sync_log import resolve as sync_resolve
from fieldapp.store.sync_log.merge_reads import StoreState

from .errors import SyncError
from .heads import field_heads, latest

KEEP = ("ours", "theirs", "value")


def _household(r: dict[str, Any]) -> str | None:
    return r["record_uuid"] if r["tbl"] == "households" else None


def list_conflicts(store, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Rows as in DESIGN.md: id, record, field, base, ours, theirs, devices, status (+ more)."""
    out = []
    for r in sync_conflicts.conflicts(store.conn, status=status):
        out.append({
            "id": r["id"], "record": r["record_uuid"], "table": r["tbl"], "field": r["field"],
            "base": r["base"], "ours": r["ours"], "theirs": r["theirs"],
            "devices": {"ours": r["ours_device"], "theirs": r["theirs_device"]},
            "device_names": {
                side: sync_keys.device_label(store.conn, r[f"{side}_device"], _household(r))
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
    """Resolve conflict `conflict_id` (and the other open conflicts of the same field):
    keep "ours" (the value the record holds), "theirs", or set `value`."""
    if keep not in KEEP:
        raise SyncError(f"处理方式应为 {' / '.join(KEEP)}")
    row = sync_conflicts.conflict(store.conn, conflict_id)
    if row is None:
        raise SyncError(f"没有编号为 {conflict_id} 的冲突")
    if row["status"] != "open":
        raise SyncError(f"冲突 {conflict_id} 已经处理过了")
    chosen = {"ours": row["ours"], "theirs": row["theirs"], "value": value}[keep]
    tbl, uuid, field = row["tbl"], row["record_uuid"], row["field"]
    if field == "deleted":
        raise SyncError("删除冲突只能保留现状")
    key = sync_conflicts.record_key(store.conn, tbl, uuid)
    if key is None:
        raise SyncError(f"冲突 {conflict_id} 的记录已不存在")
    head, dot, sub = field.partition(".")
    with store.write(user) as w:
        patch = {head: {sub: chosen}} if dot else {field: chosen}
        changed = w.update(tbl, key, patch)
        if not changed:
            sync_resolve.reassert(w, tbl, uuid, field, chosen)
        sync_conflicts.audit(w.conn, tbl, uuid, f"conflict:{field}", _text(row["theirs"]),
                             _text(chosen), w.user, store.device_id)
        n = sync_conflicts.mark_resolved(w.conn, tbl, uuid, field, resolution=keep,
                                         value=chosen, user=w.user)
        _resolve_other_heads(w, tbl, uuid, field, keep, chosen)
    return {"id": conflict_id, "resolution": keep, "value": chosen, "record_changed": changed > 0,
            "resolved": n}


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
    sync_conflicts.add_resolved(w.conn, [
        {"tbl": tbl, "record_uuid": uuid, "field": field, "loser_version": h.version,
         "theirs_device": h.device_id, "ours_version": top.version, "ours_device": top.device_id,
         "resolution": keep, "resolved_value": value, "resolved_by": w.user,
         "resolved_at": w.at} for h in heads if h is not top])
