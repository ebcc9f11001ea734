"""Households that look like one household entered on two devices (flagged by merge): list them,
merge two into one (the dropped one's visits move to the kept one, so both visit histories stay,
and it is marked merged_into), or dismiss the flag. All through the change-logged writer."""

from __future__ import annotations

from typing import Any

from fieldapp.store.households import queries
from fieldapp.store import conflicts as sync_conflicts

from .errors import SyncError
from fieldapp.core.messages import ErrorCode


def list_duplicates(store, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Probable duplicate pairs: flagged by a merge, or found by the rule the dashboard's
    duplicates tab uses (same ID number; same head in the same village group); `status` None
    also lists the merged and dismissed ones."""
    if status == "open":
        return sync_conflicts.probable_duplicates(store)
    recorded = sync_conflicts.duplicates(store, status=status)
    if status is None:
        return recorded + [r for r in sync_conflicts.probable_duplicates(store)
                           if r["id"] is None]
    return recorded


def merge_households(store, keep: str, drop: str, *, user: str | None = None) -> int:
    """Merge household `drop` into `keep`; returns how many visits moved."""
    if keep == drop:
        raise SyncError(ErrorCode.DUPLICATE_SELF)
    a, b = queries.household(store, keep), queries.household(store, drop)
    if a is None or b is None:
        raise SyncError(ErrorCode.HOUSEHOLD_NOT_FOUND, uuid=keep if a is None else drop)
    if b["merged_into"]:
        raise SyncError(ErrorCode.DUPLICATE_MERGED, drop=drop, into=b["merged_into"])
    if a["merged_into"] or a["deleted"]:
        raise SyncError(ErrorCode.DUPLICATE_KEEP_GONE, keep=keep)
    with store.write(user) as w:
        visits = sync_conflicts.visits_of(w.store, drop)
        for v in visits:
            w.update("visits", v, {"household_uuid": keep})
        w.update("households", drop, {"merged_into": keep})
        if not sync_conflicts.set_duplicate_status(w.store, keep, drop, "merged"):
            same_id = a["id_hash"] and a["id_hash"] == b["id_hash"]
            sync_conflicts.record_pair(w.store, keep, drop, a["village_code"],
                                       "id_hash" if same_id else "head_group", "merged")
    return len(visits)


def dismiss(store, a: str, b: str) -> None:
    with store.transaction():
        if sync_conflicts.set_duplicate_status(store, a, b, "dismissed"):
            return
        found = sync_conflicts.rule_pair(store, a, b)
        if found is None:
            raise SyncError(ErrorCode.DUPLICATE_PAIR_NOT_FOUND)
        sync_conflicts.record_pair(store, a, b, *found, "dismissed")
