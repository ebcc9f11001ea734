"""Store side of `fieldapp import-visits` (visits written on paper, typed into a workbook):
find households by their key, find visits an earlier import of the same sheet already wrote,
and write the new and changed visits in one change-logged transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fieldapp.core.messages import ErrorCode
from fieldapp.core.progress import Cancelled, Progress

from fieldapp.store.register_imports.import_log import log_import

_LIVE = "deleted = 0 AND merged_into IS NULL"


def households_by_uuid(store, uuids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """uuid -> (village_code, head_name) of the live households among `uuids`."""
    return {r[0]: (r[1], r[2]) for r in store.conn.execute(
        f"SELECT uuid, village_code, head_name FROM households WHERE {_LIVE}"
        " AND uuid IN (SELECT value FROM json_each(?))", (json.dumps(list(set(uuids))),))}


def households_by_name(store, villages: Iterable[str]) -> dict[tuple[str, str], list[tuple]]:
    """(village_code, head_name) -> [(uuid, id_masked)] for the given villages."""
    out: dict[tuple[str, str], list[tuple]] = {}
    for uuid, village, name, masked in store.conn.execute(
        f"SELECT uuid, village_code, head_name, id_masked FROM households WHERE {_LIVE}"
        " AND village_code IN (SELECT value FROM json_each(?))",
        (json.dumps(list(set(villages))),)):
        out.setdefault((village, name), []).append((uuid, masked))
    return out


def existing_visits(store, uuids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Visit uuid -> {answers, state, surveyor, deleted} for those that exist already."""
    out = {}
    for uuid, answers, state, surveyor, deleted in store.conn.execute(
        "SELECT uuid, answers, state, surveyor, deleted FROM visits"
        " WHERE uuid IN (SELECT value FROM json_each(?))", (json.dumps(list(uuids)),)):
        out[uuid] = {"answers": json.loads(answers or "{}"), "state": state,
                     "surveyor": surveyor, "deleted": deleted}
    return out


def write_visits(store, inserts: list[dict[str, Any]],
                 updates: list[tuple[str, dict[str, Any]]], *, user: str | None = None,
                 progress: Progress | None = None, file: str = "", counts=(0, 0, 0, 0)) -> None:
    """One transaction: new visits, changed ones (answers patched field by field, so each change
    is versioned and audited), and an import-log line. Households' status follows."""
    total = len(inserts) + len(updates)
    done = 0
    with store.write(user) as w:
        first = w.counter + 1  # the import's changes: this device's counters first..
        for start in range(0, len(inserts), 1000):
            w.insert_many("visits", inserts[start:start + 1000])
            done += len(inserts[start:start + 1000])
            if progress and progress(done, total) is False:
                raise Cancelled(ErrorCode.CANCELLED_IMPORT)
        for uuid, values in updates:
            w.update("visits", uuid, values)
            done += 1
            if progress and done % 200 == 0 and progress(done, total) is False:
                raise Cancelled(ErrorCode.CANCELLED_IMPORT)
        added, updated, unchanged, rejected = counts
        log_import(w, "visits", file, first, added=added, updated=updated,
                   unchanged=unchanged, rejected=rejected)
    if progress:
        progress(total, total)
