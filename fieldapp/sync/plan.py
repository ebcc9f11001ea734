"""Plan a merge: given the changes in a bundle and read access to the local state, work out every
write without making any (Mergin style: plan, then apply in one transaction).

Rules, per field of each record (versions are "device:counter", ordered by the change's HLC):
  * a change already merged (counter <= the device's seen counter) is skipped: idempotent;
  * local version == the change's base version: fast-forward, take the new value;
  * otherwise the two edits are concurrent: equal values are no conflict; different values
    become a conflict record (base, ours, theirs, devices) and the field holds the value of
    the later edit (higher HLC), so any merge order gives the same data and the same conflicts;
  * a change whose base is the losing side of an open conflict supersedes it (that device
    moved on from the losing value), so the conflict is dropped before the change is weighed.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Protocol

from fieldapp.core.messages import ErrorCode
from fieldapp.core.pinyin import initials
from fieldapp.core.progress import Progress
from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.store.sync_log.change_json import _dumps

from .changeset import Change, WorkingRow, local_version, same
from .errors import BundleRejected
from .heads import field_heads, head_value, latest


_SCALARS = frozenset({str, int, float, type(None)})  # stored as they are (no JSON, no bytes)
_CODE_COLUMNS = ("village_code", "township_code", "parent_code", "area_code")  # division codes


class LocalState(Protocol):
    def seen_counters(self) -> dict[str, int]: ...
    def records(self, tbl: str, uuids: list[str]) -> dict[str, dict[str, Any]]: ...
    def record_changes(self, tbl: str, uuids: list[str]) -> dict[str, list[Change]]: ...
    def open_conflicts(self, tbl: str, uuids: list[str]) -> list[dict[str, Any]]: ...
    def resolved_versions(self, tbl: str, uuids: list[str]) -> list[tuple[str, str, str]]: ...
    def area_codes(self, codes: list[str]) -> set[str]: ...


@dataclass
class VillageCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass
class Plan:
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    log: list[Change] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)
    conflicts_new: list[dict[str, Any]] = field(default_factory=list)
    conflicts_changed: list[dict[str, Any]] = field(default_factory=list)
    conflicts_dropped: list[int] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    households: set[str] = field(default_factory=set)
    villages: dict[str, VillageCounts] = field(default_factory=dict)
    skipped: int = 0
    answers: dict[str, dict] = field(default_factory=dict)  # parsed answers of new visits

    @property
    def applied(self) -> int:
        return len(self.log)

    def totals(self) -> VillageCounts:
        t = VillageCounts()
        for v in self.villages.values():
            t.new += v.new
            t.updated += v.updated
            t.unchanged += v.unchanged
            t.conflicts += v.conflicts
        return t


def plan_merge(changes: list[Change], state: LocalState, *, self_device: str,
               attachment: Callable[[str], bytes | None] | None = None,
               township: str | None = None, where: str = "",
               progress: Progress | None = None) -> Plan:
    return _Planner(state, self_device, attachment, township, where).run(changes, progress)


class _Planner:
    def __init__(self, state, self_device, attachment, township, where):
        self.state, self.self_device, self.where = state, self_device, where
        self.attachment, self.township = attachment, township
        self.rows: dict[tuple[str, str], WorkingRow] = {}  # records found here or planned
        # records new here whose one change in the bundle inserts them: (table, uuid, row,
        # village), planned without a WorkingRow or a history (nothing else touches them)
        self.fresh: list[tuple[str, str, dict[str, Any], str | None]] = []
        self.hh_village: dict[str, str] = {}
        self.conflicts: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
        self.conflicted: set[tuple[str, str]] = set()
        self.history: dict[tuple[str, str], list[Change]] = {}
        self.resolved: dict[tuple[str, str, str], set[str]] = {}
        self.seen: dict[str, int] = {}
        self.plan = Plan()

    # ----- driver --------------------------------------------------------------------------
    def run(self, changes: list[Change], progress: Progress | None) -> Plan:
        seen = self.seen = self.state.seen_counters()
        todo, ids = [], set()
        for c in sorted(changes, key=attrgetter("hlc", "device_id", "counter")):
            if (c.device_id, c.counter) in ids:
                raise BundleRejected(ErrorCode.BUNDLE_DUPLICATE_CHANGE, version=c.version,
                                         where=self.where)
            ids.add((c.device_id, c.counter))
            if c.device_id == self.self_device or c.counter <= seen.get(c.device_id, 0):
                self.plan.skipped += 1
            else:
                todo.append(c)
        self._prefetch(todo)
        total = len(todo)
        history, log, plan_seen = self.history, self.plan.log, self.plan.seen
        fresh = self._fresh_keys(todo)
        for i, c in enumerate(todo):
            key = (c.tbl, c.record_uuid)
            if key in fresh:
                self._insert_fresh(key, c)
            else:
                if key in history:
                    history[key].append(c)
                else:
                    history[key] = [c]
                self._apply(c)
            log.append(c)
            if c.counter > plan_seen.get(c.device_id, 0):
                plan_seen[c.device_id] = c.counter
            if progress and i % 2000 == 0 and progress(i, total) is False:
                from fieldapp.core.progress import Cancelled
                raise Cancelled(ErrorCode.CANCELLED_MERGE)
        self._finish()
        return self.plan

    def _prefetch(self, todo: list[Change]) -> None:
        by_tbl: dict[str, set[str]] = {}
        for c in todo:
            by_tbl.setdefault(c.tbl, set()).add(c.record_uuid)
        households: set[str] = set()
        for tbl, uuids in by_tbl.items():
            found = self.state.records(tbl, sorted(uuids))
            for u, row in found.items():
                self.rows[(tbl, u)] = WorkingRow(tbl, row, is_new=False)
                if "household_uuid" in row:
                    households.add(row["household_uuid"])
            for row in self.state.open_conflicts(tbl, sorted(uuids)):
                key = (row["tbl"], row["record_uuid"], row["field"])
                self.conflicts.setdefault(key, {})[row["loser_version"]] = dict(row, _db=True)
            existing = sorted(u for u in uuids if found.get(u) is not None)
            for u, changes in self.state.record_changes(tbl, existing).items():
                self.history[(tbl, u)] = changes
            for u, fld, version in self.state.resolved_versions(tbl, existing):
                self.resolved.setdefault((tbl, u, fld), set()).add(version)
        for c in todo:
            if "household_uuid" in SYNCED_FIELDS[c.tbl] and c.op != "delete":
                households.add(c.values().get("household_uuid"))
        for u, row in self.state.records("households", sorted(households - {None})).items():
            self.hh_village[u] = row["village_code"]
        for (tbl, u), wr in self.rows.items():
            if tbl == "households":
                self.hh_village[u] = wr.row["village_code"]

    def _fresh_keys(self, todo: list[Change]) -> set[tuple[str, str]]:
        """The records this bundle inserts and does not touch again, absent here."""
        only: dict[tuple[str, str], Change | None] = {}
        for c in todo:
            key = (c.tbl, c.record_uuid)
            only[key] = None if key in only else c
        rows = self.rows
        return {k for k, c in only.items()
                if c is not None and c.op == "insert" and k not in rows}

    def _insert_fresh(self, key: tuple[str, str], c: Change) -> None:
        row = self._new_record(c, c.values())
        village = None  # as for a WorkingRow: found when its scope is checked, else at the end
        if self.township:
            village = self._row_village(c.tbl, row)
            self._check_code(c.tbl, village)
        self.fresh.append((c.tbl, c.record_uuid, row, village))

    # ----- one change ------------------------------------------------------------------------
    def _apply(self, c: Change) -> None:
        key = (c.tbl, c.record_uuid)
        wr = self.rows.get(key)
        values = c.values()
        if c.op == "insert" and wr is None:
            wr = self._new_row(c, values)
            self.rows[key] = wr
            self._check_scope(wr)
            return
        if wr is None:
            raise BundleRejected(ErrorCode.BUNDLE_UNKNOWN_RECORD, table=c.tbl,
                                     uuid=c.record_uuid, where=self.where)
        self._check_scope(wr)
        bases = c.bases() if c.op != "insert" else {}
        olds = c.olds()
        for name, value in values.items():
            if c.tbl == "attachments" and name == "content":
                continue
            self._field(wr, c, name, value, bases.get(name), olds.get(name))
        self._check_scope(wr)
        if c.hlc > wr.row["hlc"]:
            wr.row.update(device_id=c.device_id, counter=c.counter, hlc=c.hlc)
            wr.dirty = True

    def _new_row(self, c: Change, values: dict[str, Any]) -> WorkingRow:
        return WorkingRow(c.tbl, self._new_record(c, values), is_new=True,
                          clock={"*": c.version})

    def _new_record(self, c: Change, values: dict[str, Any]) -> dict[str, Any]:
        tbl, u = c.tbl, c.record_uuid
        fields = SYNCED_FIELDS[tbl]
        row = dict(zip(fields, map(values.get, fields)))  # an insert's fields are all synced
        if not _SCALARS.issuperset(map(type, values.values())):
            self._decode_documents(tbl, u, row)
        if c.doc is not None and tbl == "visits":  # its answers text, parsed when checked
            self.plan.answers[u] = c.doc
        row["uuid"], row["device_id"], row["counter"], row["hlc"] = u, c.device_id, c.counter, c.hlc
        row["clock"], row["deleted"] = f'{{"*":"{c.device_id}:{c.counter}"}}', 0
        if tbl == "households":
            row["head_initials"] = initials(row["head_name"])
            self.hh_village[u] = row["village_code"]
        elif tbl == "attachments":
            content = self.attachment(row["sha256"]) if self.attachment else None
            if content is None:
                raise BundleRejected(ErrorCode.BUNDLE_PHOTO_MISSING, sha256=row["sha256"],
                                     where=self.where)
            row["content"] = content
        return row

    def _decode_documents(self, tbl: str, u: str, row: dict[str, Any]) -> None:
        """JSON columns sent as objects stored as text; photos' bytes ({"$b64": ...}) decoded."""
        if tbl == "visits" and row["answers"].__class__ is dict:
            self.plan.answers[u] = row["answers"]
        for f, v in row.items():
            if v.__class__ is dict or v.__class__ is list:
                if v.__class__ is dict and set(v) == {"$b64"}:
                    row[f] = base64.b64decode(v["$b64"])
                else:
                    row[f] = _dumps(v)

    def _field(self, wr: WorkingRow, c: Change, name: str, value: Any, base: str | None,
               old: Any) -> None:
        if self.township and base:
            self._check_causal(c, base)
        local = local_version(wr.clock, name)
        if local == c.version:
            return
        current = wr.get(name)
        ckey = (c.tbl, c.record_uuid, name)
        rows = self.conflicts.get(ckey, {})
        history = self.history.get((c.tbl, c.record_uuid), [c])
        heads = field_heads(history, name, self.resolved.get(ckey, set()))
        if local == base and len(heads) == 1 and not rows:  # fast-forward
            self._take(wr, c, name, value, current)
            return

        def val(h: Change) -> Any:
            if h is c:
                return value
            return current if h.version == local else head_value(h, name)

        if not heads:
            heads = [c]
        winner = latest(heads)
        wval = val(winner)
        if winner.version != local:
            self._take(wr, winner, name, wval, current)
        desired = {h.version: h for h in heads if h is not winner and not same(val(h), wval)}
        for v, row in rows.items():
            row["_drop"] = v not in desired
        for v, h in desired.items():
            if v not in rows:
                rows[v] = {"tbl": c.tbl, "record_uuid": c.record_uuid, "field": name,
                           "loser_version": v, "theirs": val(h), "theirs_device": h.device_id,
                           "base_version": h.bases().get(name) if h.op != "insert" else None,
                           "base": h.olds().get(name), "village_code": self._village(wr)}
                self.conflicted.add((c.tbl, c.record_uuid))
        for row in rows.values():
            row.update(ours=wval, ours_version=winner.version, ours_device=winner.device_id)
        self.conflicts[ckey] = rows

    def _check_causal(self, c: Change, base: str) -> None:
        """At the county: a change built on a version this database has not merged yet (another
        laptop's, which reached this laptop through some other county database) would look like
        a conflict; refuse the bundle so bundles are merged in causal order."""
        device, _, counter = base.rpartition(":")
        if (device and device not in (c.device_id, self.self_device) and counter.isdigit()
                and int(counter) > max(self.seen.get(device, 0),
                                       self.plan.seen.get(device, 0))):
            raise BundleRejected(ErrorCode.BUNDLE_UNMERGED_BASE, base=base, device=device,
                                     where=self.where)

    def _take(self, wr: WorkingRow, c: Change, name: str, value: Any, current: Any) -> None:
        wr.set(name, value)
        wr.clock[name] = c.version
        if wr.tbl == "households" and name == "head_name":
            wr.row["head_initials"] = initials(value)
        if not wr.is_new and not same(current, value):
            self.plan.audit.append((c.tbl, c.record_uuid, name, _text(current), _text(value),
                                    c.user, c.device_id, c.at))

    # ----- scope and villages -----------------------------------------------------------------
    def _village(self, wr: WorkingRow) -> str:
        if wr.village is None:
            wr.village = self._find_village(wr)
        return wr.village

    def _find_village(self, wr: WorkingRow) -> str:
        return self._row_village(wr.tbl, wr.row)

    def _row_village(self, tbl: str, r: dict[str, Any]) -> str:
        if tbl == "areas":
            return r.get("code") or ""
        for col in ("village_code", "area_code", "township_code"):
            if r.get(col):
                return r[col]
        if r.get("household_uuid"):
            return self.hh_village.get(r["household_uuid"], "")
        return ""

    def _check_scope(self, wr: WorkingRow) -> None:
        if self.township:
            self._check_code(wr.tbl, self._village(wr))

    def _check_code(self, tbl: str, code: str) -> None:
        if not self.township or not code or code.startswith(self.township[:9]):
            return
        if not (tbl == "areas" and code == self.township[:6] + "000000"):
            raise BundleRejected(ErrorCode.BUNDLE_OUTSIDE_TOWNSHIP, table=tbl, area=code,
                                 where=self.where)

    # ----- result ----------------------------------------------------------------------------
    def _check_references(self) -> None:
        """Records may only point at households and areas that exist (here or in the bundle):
        a bundle that does not is refused before anything is written."""
        codes: set[str | None] = set()
        written = [(tbl, u, wr.row) for (tbl, u), wr in self.rows.items()
                   if wr.is_new or wr.dirty]
        known = self.hh_village
        for tbl, u, r, *_ in (*written, *self.fresh):
            hh = r.get("household_uuid")
            if hh is not None and hh not in known:
                raise BundleRejected(ErrorCode.BUNDLE_UNKNOWN_HOUSEHOLD, table=tbl, uuid=u,
                                     household=hh, where=self.where)
            codes.update(map(r.get, _CODE_COLUMNS))
        codes.discard(None)
        codes -= {wr.row["code"] for (tbl, _), wr in self.rows.items() if tbl == "areas"}
        codes -= {row["code"] for tbl, _u, row, _v in self.fresh if tbl == "areas"}
        missing = codes - self.state.area_codes(sorted(codes))
        if missing:
            raise BundleRejected(ErrorCode.BUNDLE_UNKNOWN_AREA, area=min(missing),
                                     where=self.where)

    def _finish(self) -> None:
        p = self.plan
        self._check_references()
        for (tbl, u), wr in self.rows.items():
            self._finish_row(tbl, u, wr)
        for fresh in self.fresh:
            self._finish_fresh(*fresh)
        for rows in self.conflicts.values():
            for row in rows.values():
                if row.get("_db"):
                    if row.get("_drop"):
                        p.conflicts_dropped.append(row["id"])
                    else:
                        p.conflicts_changed.append(row)
                elif not row.get("_drop"):
                    p.conflicts_new.append(row)

    def _finish_fresh(self, tbl: str, u: str, row: dict[str, Any], village: str | None) -> None:
        """_finish_row of a record planned by _insert_fresh: new, as the bundle sent it."""
        p = self.plan
        if village is None:
            village = self._row_village(tbl, row)
        counts = p.villages.get(village)
        if counts is None:
            counts = p.villages[village] = VillageCounts()
        counts.new += 1
        p.inserts.setdefault(tbl, []).append(row)
        if tbl == "households":
            p.households.add(u)
        elif row.get("household_uuid"):
            p.households.add(row["household_uuid"])

    def _finish_row(self, tbl: str, u: str, wr) -> None:
        """One written record into the plan: inserted or updated, counted for its village, its
        household marked for a status refresh."""
        p = self.plan
        village = self._village(wr)
        counts = p.villages.get(village)
        if counts is None:
            counts = p.villages[village] = VillageCounts()
        if wr.is_new and tbl == "visits" and "answers" in wr.docs:
            p.answers[u] = wr.docs["answers"]  # changed in this plan: the current document
        if wr.is_new:
            p.inserts.setdefault(tbl, []).append(wr.finish())
            counts.new += 1
        elif (tbl, u) in self.conflicted:
            counts.conflicts += 1
            p.updates.setdefault(tbl, []).append(wr.finish())
        elif wr.changed():
            counts.updated += 1
            p.updates.setdefault(tbl, []).append(wr.finish())
        else:
            counts.unchanged += 1
            if wr.dirty:
                p.updates.setdefault(tbl, []).append(wr.finish())
        if wr.dirty or wr.is_new:
            if tbl == "households":
                p.households.add(u)
            elif wr.row.get("household_uuid"):
                p.households.add(wr.row["household_uuid"])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
