"""Plan and apply a household register import against the database.

Planning matches each clean register row to an existing household — by ID-number hash, else by
village + group + head name (+ door number between namesakes; still ambiguous: rejected with the
reason, never added twice) — and sorts rows into added / updated (only the changed fields) /
unchanged / rejected. Applying writes the plan through the change-logged writer in ONE
transaction: a cancel or an error leaves the database exactly as it was.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from typing import Any

from fieldapp.core.divisions import Area
from fieldapp.core.idcard import keyed_hasher, mask_id
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.register_rows import ParsedRegister, Problem, RegisterRow

from fieldapp.store import id_numbers
from fieldapp.store.deferred_indexes import deferred_indexes
from fieldapp.store.sync_log.change_inserts import ValueRows
from fieldapp.store.register_imports.import_log import log_import

_LIVE = "deleted = 0 AND merged_into IS NULL"
@dataclass
class RegisterPlan:
    # households to add: the values of SYNCED_FIELDS["households"] in order, then the uuid
    # (ChangeWriter.insert_many of ValueRows); the file row of each in add_rows
    adds: list[tuple] = field(default_factory=list)
    add_rows: list[int] = field(default_factory=list)
    updates: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # row, uuid, new
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def areas(store) -> list[Area]:
    return [Area(*r) for r in store.conn.execute(
        "SELECT code, name, level, parent_code, coalesce(unit_type, '') FROM areas"
        " WHERE deleted = 0 ORDER BY code")]


# Columns read for matching, and their positions in the row tuples.
_COLS = ("uuid", "village_code", "group_no", "head_name", "size", "phone", "id_hash",
         "id_masked", "id_full", "address", "notes", "source")
U, V, G, NAME, SIZE, PHONE, HASH, MASKED, FULL, ADDR, NOTES, SOURCE = range(len(_COLS))


def _existing(store, villages: list[str], hashes: list[str]):
    """Live households of the file's villages (and elsewhere with one of its ID hashes) as
    tuples, indexed by ID hash and by (village, group, head name); plus the hashes that belong
    only to deleted or merged households."""
    conn = store.conn
    cols = ", ".join(_COLS)
    rows = conn.execute(
        f"SELECT {cols} FROM households WHERE {_LIVE}"
        " AND village_code IN (SELECT value FROM json_each(?))", (json.dumps(villages),)
    ).fetchall()
    by_hash = {r[HASH]: r for r in rows if r[HASH]}
    elsewhere = [h for h in hashes if h not in by_hash]
    # One pass over the ID-hash index for the rest: live households in other villages, and
    # households deleted or merged into another one on purpose (those must not come back).
    gone = set()
    others = conn.execute("SELECT count(*) FROM households").fetchone()[0] - len(rows)
    if elsewhere and others:  # any household outside `rows` at all (live or not)
        for r in conn.execute(
            f"SELECT {cols}, deleted = 0 AND merged_into IS NULL FROM households"
            " WHERE id_hash IN (SELECT value FROM json_each(?))", (json.dumps(elsewhere),)
        ):
            if r[-1]:
                by_hash.setdefault(r[HASH], r[:-1])
            else:
                gone.add(r[HASH])
    by_name: dict[tuple[str, str, str], list[tuple]] = {}
    for r in rows:
        by_name.setdefault((r[V], r[G] or "", r[NAME]), []).append(r)
    return by_hash, by_name, gone - by_hash.keys()


def plan_register(store, parsed: ParsedRegister, progress: Progress | None = None) -> RegisterPlan:
    keep_full = store.setting("store_full_id") == "1"
    names = {a.code: a.name for a in areas(store)}
    plan = RegisterPlan(rejected=list(parsed.rejected), warnings=list(parsed.warnings))
    hashes = _keyed_hashes(store, parsed.rows)
    sealed = id_numbers.hashes_are_sealed(store)
    seal = id_numbers.id_hasher(store)
    by_hash, by_name, gone = _existing(store, sorted({r.village_code for r in parsed.rows}),
                                       list(hashes.values()))
    if not (by_hash or by_name or gone or sealed):  # a first import at the county: all new
        plan.adds = list(map(_record, parsed.rows, map(hashes.get, map(_ROW, parsed.rows)),
                             repeat(keep_full), time_ordered_uuids(len(parsed.rows))))
        plan.add_rows = list(map(_ROW, parsed.rows))
    else:
        _match(plan, parsed, hashes, (by_hash, by_name, gone), names, keep_full, progress,
               seal if sealed else None)
        plan.adds = [(*record[:-1], uuid) for record, uuid in
                     zip(plan.adds, time_ordered_uuids(len(plan.adds)))]
    plan.rejected.sort(key=lambda p: p.row)
    return plan


def _match(plan: RegisterPlan, parsed: ParsedRegister, hashes: dict[int, str], existing,
           names: dict[str, str], keep_full: bool, progress: Progress | None,
           seal: Callable[[str], str] | None) -> None:
    """Sort the rows into the plan: added, updated, unchanged or rejected. `seal` (on a laptop)
    seals ID numbers for the county instead of hashing them."""
    by_hash, by_name, gone = existing
    sealed = seal is not None
    claimed: dict[str, int] = {}
    total = len(parsed.rows)
    for i, row in enumerate(parsed.rows, 1):
        if progress and i % 5000 == 0 and progress(i, total) is False:
            raise Cancelled(ErrorCode.CANCELLED_IMPORT)
        h = hashes.get(row.row)  # None on a laptop: sealed numbers match nothing
        if h in gone:
            plan.rejected.append(Problem(row.row, Said(ErrorCode.ROW_HOUSEHOLD_GONE)))
            continue
        match = by_hash.get(h) if h else None
        if match is not None and match[V] != row.village_code:
            plan.rejected.append(Problem(row.row, Said(
                ErrorCode.ROW_ID_ELSEWHERE, village=names.get(match[V], match[V]),
                group=_group(match[G]), name=match[NAME])))
            continue
        if match is None:
            masked = _mask(row.id_number) if sealed and row.id_number else None
            candidates = [c for c in by_name.get((row.village_code, row.group_no, row.head_name), [])
                          if not c[HASH] or c[HASH] == h or (masked and c[MASKED] == masked)]
            if len(candidates) > 1 and row.address:  # the door number tells namesakes apart
                candidates = [c for c in candidates if c[ADDR] == row.address] or candidates
            if len(candidates) > 1:
                plan.rejected.append(Problem(row.row, Said(
                    ErrorCode.ROW_NAMESAKES, group=_group(row.group_no), count=len(candidates),
                    name=row.head_name)))
                continue
            match = candidates[0] if candidates else None
        if seal is not None and row.id_number:
            h = None if match is not None and match[MASKED] == _mask(row.id_number) \
                and match[HASH] else seal(row.id_number)
        if match is None:
            plan.adds.append(_record(row, h, keep_full))
            plan.add_rows.append(row.row)
            continue
        if match[U] in claimed:
            plan.rejected.append(Problem(row.row, Said(ErrorCode.ROW_SAME_HOUSEHOLD,
                                                      row=claimed[match[U]])))
            continue
        claimed[match[U]] = row.row
        changes = _changes(row, h, match, keep_full)
        if changes:
            plan.updates.append((row.row, match[U], changes))
        else:
            plan.unchanged += 1


def _keyed_hashes(store, rows) -> dict[int, str]:
    """Row -> keyed ID hash at the county (core.idcard.keyed_id_hash of the already normalised
    numbers, without normalising them again); nothing on a laptop, which has no county secret."""
    key = id_numbers.id_key(store)
    if key is None:
        return {}
    keyed = keyed_hasher(store.setting("id_salt") or "", key)
    return {r.row: keyed(r.id_number) for r in rows if r.id_number}


def _changes(row: RegisterRow, h: str | None, m: tuple, keep_full: bool) -> dict[str, Any]:
    """The fields a register row changes in its household: only values the file gives (an
    empty cell never erases what the database knows)."""
    out: dict[str, Any] = {}
    if row.group_no and row.group_no != m[G]:
        out["group_no"] = row.group_no
    if row.head_name != m[NAME]:
        out["head_name"] = row.head_name
    if row.size is not None and row.size != m[SIZE]:
        out["size"] = row.size
    if row.phone and row.phone != m[PHONE]:
        out["phone"] = row.phone
    if h and (h != m[HASH] or not m[MASKED]):
        if h != m[HASH]:
            out["id_hash"] = h
        masked = _mask(row.id_number)
        if masked != m[MASKED]:
            out["id_masked"] = masked
    if keep_full and row.id_number and row.id_number != m[FULL]:
        out["id_full"] = row.id_number
    if row.address and row.address != m[ADDR]:
        out["address"] = row.address
    if row.notes and row.notes != m[NOTES]:
        out["notes"] = row.notes
    if m[SOURCE] != "register":
        out["source"] = "register"  # found in the field, now in the register too
    return out


def time_ordered_uuids(n: int) -> list[str]:
    """n UUIDv7-style ids (48-bit milliseconds, version 7, variant 10, 74 random bits), sorted:
    new rows land at the end of the uuid-keyed B-trees instead of all over them, which makes a
    big import several times faster."""
    ms = int(time.time() * 1000)
    rand = secrets.token_hex(10 * n)  # 20 hex digits an id, drawn at once
    out = []
    for block in range(0, n, 4096):  # a new millisecond every 4096 ids, as a fast clock would
        t = f"{ms + (block >> 12):012x}"
        head = f"{t[:8]}-{t[8:]}-7"
        out += [f"{head}{r[:3]}-{_VARIANT[r[3]]}{r[4:7]}-{r[7:19]}"
                for r in (rand[20 * i:20 * i + 20] for i in range(block, min(n, block + 4096)))]
    out.sort()
    return out


_VARIANT = {h: "89ab"[int(h, 16) & 3] for h in "0123456789abcdef"}  # variant 10xx


def _mask(id_number: str) -> str:
    """mask_id of a number parse_rows has already normalised (18 characters, upper case)."""
    return id_number[:6] + "********" + id_number[14:] if len(id_number) == 18 else \
        mask_id(id_number)


def _group(group_no: str | None) -> Said | str:
    return Said(ErrorCode.ROW_GROUP, group=group_no) if group_no else ""


_ROW = attrgetter("row")


def _record(row: RegisterRow, id_hash: str | None, keep_full: bool,
            uuid: str | None = None) -> tuple:
    """The household a register row adds, as ChangeWriter.insert_many takes it in ValueRows: the values of
    _ADD_FIELDS, then its uuid (given when planned, else filled in at the end of planning)."""
    number = row.id_number
    return (row.village_code, row.group_no or None, row.head_name, row.size, row.phone or None,
            id_hash, _mask(number) if number else None, number if keep_full and number else None,
            row.address or None, None, None, row.notes or None, "register", None, None, uuid)


# the fields of a household, in the order _record gives their values
_ADD_FIELDS = ("village_code", "group_no", "head_name", "size", "phone", "id_hash", "id_masked",
               "id_full", "address", "lon", "lat", "notes", "source", "merged_into",
               "outside_confirmed_m")


def apply_register(store, plan: RegisterPlan, *, user: str | None = None,
                   progress: Progress | None = None, log: dict[str, Any] | None = None,
                   planned_at: tuple[int, int] | None = None,
                   replan: Callable[[], RegisterPlan] | None = None
                   ) -> tuple[int | None, RegisterPlan]:
    """Write the plan in one change-logged transaction (nothing is written if cancelled);
    returns the id of its import-log line (None without `log`) and the plan written.

    `planned_at` is `store.data_state()` from before the plan was made: when another connection
    or process wrote in between (two imports of one file started at once), `replan()` plans again
    inside this transaction, which holds the write lock, so the result is that of one import."""
    done = 0
    chunk = 2000
    store.conn.execute("PRAGMA cache_size = -131072")  # 128 MB: random-key index inserts
    with store.write(user) as w:
        if replan is not None and planned_at is not None and store.data_state() != planned_at:
            plan = replan()
        total = len(plan.adds) + len(plan.updates)
        incoming = {"households": len(plan.adds), "changes": total}
        with deferred_indexes(w.store, incoming):
            first = w.counter + 1  # the import's changes: this device's counters first..
            for start in range(0, len(plan.adds), chunk):
                new = w.insert_many("households", ValueRows(_ADD_FIELDS, plan.adds[start:start + chunk]))
                # Brand-new households have no visits: their status is already 'not_visited',
                # so the writer need not recompute it (that would double a big import's cost).
                w._touched_households.difference_update(new)
                done += len(plan.adds[start:start + chunk])
                if progress and progress(done, total) is False:
                    raise Cancelled(ErrorCode.CANCELLED_IMPORT)
            for _, uuid, changes in plan.updates:
                w.update("households", uuid, changes)
                done += 1
                if progress and done % 500 == 0 and progress(done, total) is False:
                    raise Cancelled(ErrorCode.CANCELLED_IMPORT)
            import_id = None
            if log is not None:
                import_id = log_import(w, log.get("kind", "register"), log.get("file", ""), first,
                                       sha256=log.get("sha256"), added=len(plan.adds),
                                       updated=len(plan.updates), unchanged=plan.unchanged,
                                       rejected=len(plan.rejected), warnings=len(plan.warnings))
    if progress:
        progress(total, total)
    return import_id, plan
