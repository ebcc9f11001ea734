"""Change-logged writes: every insert, update and delete of a synced record stamps the record with
this device's next change counter and HLC, and appends the change to `changes` in the same
transaction. Updates of individual fields also go to `audit_log` (who, device, when, old, new).
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, Self

from fieldapp.core.clock import DEFAULT_SKEW_S, HLC_GLOB, HybridClock, hlc_bound, now_ms
from fieldapp.core.pinyin import initials
from fieldapp.core.roster import persons
from fieldapp.core.status import derive_status
from fieldapp.store import errors as E
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.households.status import NEVER, refresh_status, statuses
from fieldapp.store.schema import JSON_FIELDS, SYNCED_FIELDS

DEFAULTS: dict[str, dict[str, Any]] = {
    "households": {"source": "register"},
    "visits": {"state": "draft", "answers": {}},
    "public_places": {"state": "draft", "answers": {}},
}


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


# One encoder for every call: json.dumps with options builds a new encoder each time, which is
# most of its cost on the small documents written here (same output as json.dumps(..., these
# options)).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _dumps(value: Any) -> str:
    return _ENCODE(value)


def _dumps_flat(value: dict[str, Any]) -> str:
    """_dumps of a dict of text or None values (clocks, old and new field values), built
    without the encoder's per-call set-up; other values go to _dumps."""
    try:
        return "{" + ",".join([_ENCODE_STR(k) + ":" + ("null" if v is None else _ENCODE_STR(v))
                               for k, v in sorted(value.items())]) + "}"
    except TypeError:
        return _ENCODE(value)


_ENCODE_STR = json.encoder.encode_basestring  # a str as _ENCODE writes it (ensure_ascii off)


def _loads_clock(text: str) -> dict[str, str]:
    """json.loads of a record's clock; the clock of a record nobody changed since it was
    inserted ({"*":"<device>:<counter>"}) without the decoder."""
    if text.startswith('{"*":"') and text.endswith('"}') and text.count('"') == 4 \
            and "\\" not in text:
        return {"*": text[6:-2]}
    return json.loads(text)


class _TablePlan:
    """What `_prepare` needs to know about a synced table, worked out once."""

    def __init__(self, table: str):
        fields = SYNCED_FIELDS.get(table)
        if fields is None:
            raise E.StoreError(f"不可同步的表: {table}")
        self.fields = fields
        self.allowed = frozenset(fields) | {"uuid"}
        self.defaults = tuple(DEFAULTS.get(table, {}).items())
        self.json_fields = tuple(f for f in fields if f in JSON_FIELDS)


_PLANS: dict[str, _TablePlan] = {}


def _plan(table: str) -> _TablePlan:
    plan = _PLANS.get(table)
    if plan is None:
        plan = _PLANS[table] = _TablePlan(table)
    return plan


# Settings for filling a new database nobody else has open: the rollback journal in memory (a new
# file has no old pages to save, so nothing is written twice as WAL would), no fsync per commit, and
# a page cache big enough for the random-key indexes (uuids, ID hashes) of a whole county.
BULK_PRAGMAS = (
    "PRAGMA journal_mode = MEMORY",
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -262144",
)
_NORMAL_PRAGMAS = (
    "PRAGMA cache_size = -2000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA journal_mode = WAL",
)


@contextmanager
def bulk_load(store) -> Iterator[None]:
    """Fast settings for filling a brand-new database file, e.g. the demo builder's.

    A crash in between can leave the file damaged: use it only on a file that is renamed into
    place once complete, never on a database in use. Back to WAL and normal settings after.
    """
    for pragma in BULK_PRAGMAS:
        store.conn.execute(pragma)
    store._bulk_load = True  # writers hold new households back until their status is known
    try:
        yield
    finally:
        store._bulk_load = False
        for pragma in _NORMAL_PRAGMAS:
            store.conn.execute(pragma)


_DERIVED_KEYS = frozenset({"areas", "attachments"})  # keyed by code / content, uuid derived


def _key(table: str) -> str:
    return "code" if table == "areas" else "sha256" if table == "attachments" else "uuid"


class ChangeWriter:
    """Context manager for one user action: a transaction whose changes all reach the change log."""

    def __init__(self, store, user: str | None):
        self.store = store
        self.conn = store.conn
        self.user = user or store.setting("surveyor") or ""
        self.device = store.device_id
        self._tx = None
        self._touched_households: set[str] = set()
        self.changes = 0
        # Bulk load: new household rows wait until the end of the transaction, then go in with
        # their derived status (instead of an insert and then an update of every household).
        self._pending: list[dict[str, Any]] | None = [] if getattr(
            store, "_bulk_load", False) else None
        self._new_visits: dict[str, list[tuple]] = {}  # bulk load: visits by household
        self._texts: dict[tuple, tuple[str, str]] = {}  # delete_many: JSON of recurring fields

    def __enter__(self) -> Self:
        self._tx = self.store.transaction()
        self._tx.__enter__()
        row = self.conn.execute(
            "SELECT last_counter FROM devices WHERE device_id = ?", (self.device,)
        ).fetchone()
        self.counter = row[0] if row else 0
        # The clock never jumps on a stamp it should not have taken: malformed ones and those
        # beyond the allowed skew (merged by an older version) are left out.
        skew = float(self.store.setting("max_clock_skew_seconds") or DEFAULT_SKEW_S)
        last = self.conn.execute(
            "SELECT max(hlc) FROM changes WHERE hlc <= ? AND hlc GLOB ?",
            (hlc_bound(now_ms(), skew), HLC_GLOB)).fetchone()[0]
        self.clock = HybridClock(self.device, last)
        self.at = now_iso()
        if self._pending is not None:
            self.conn.execute("PRAGMA defer_foreign_keys = ON")  # visits before households
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                if self._pending:
                    self._flush_households(with_status=True)
                if self._touched_households:
                    refresh_status(self.conn, self._touched_households)
                self.conn.execute(
                    "UPDATE devices SET last_counter = ?, last_seen = ? WHERE device_id = ?",
                    (self.counter, self.at, self.device),
                )
        except BaseException:
            self._tx.__exit__(*__import__("sys").exc_info())
            raise
        return self._tx.__exit__(exc_type, exc, tb)

    def flush(self) -> None:
        """Write the household rows a bulk load holds back, with their derived status, now
        rather than at the end of the transaction (e.g. before deferred indexes are built)."""
        if self._pending:
            self._flush_households(with_status=True)

    # ----- helpers -----------------------------------------------------------------------
    def _stamp(self) -> tuple[int, str]:
        self.counter += 1
        self.changes += 1
        return self.counter, self.clock.tick()

    def _prepare(self, table: str, record: Mapping[str, Any]) -> dict[str, Any]:
        plan = _plan(table)
        if not plan.allowed.issuperset(record):
            unknown = set(record) - plan.allowed
            raise E.StoreError(f"{table} 没有字段: {', '.join(sorted(unknown))}")
        get = record.get
        row = dict(zip(plan.fields, map(get, plan.fields)))
        for f, default in plan.defaults:
            if row[f] is None:
                row[f] = default
        for f in plan.json_fields:
            if not isinstance(row[f], str):
                row[f] = _ENCODE(row[f] or {})
        if table == "areas":
            row["uuid"] = str(uuidlib.uuid5(uuidlib.NAMESPACE_OID, "area:" + row["code"]))
        elif table == "attachments":
            row["uuid"] = str(uuidlib.uuid5(uuidlib.NAMESPACE_OID, "sha256:" + row["sha256"]))
        else:
            row["uuid"] = get("uuid") or str(uuidlib.uuid4())
        if table == "households":
            row["head_initials"] = initials(row["head_name"])
        return row

    # ----- public API -------------------------------------------------------------------
    def insert(self, table: str, record: Mapping[str, Any]) -> str:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: Iterable[Mapping[str, Any]]) -> list[str]:
        plan = _plan(table)
        if self._pending is None and not plan.json_fields and table not in _DERIVED_KEYS:
            return self._insert_plain(table, plan, records)
        rows, log = [], []
        prepare, tick = self._prepare, self.clock.tick
        device, user, at = self.device, self.user, self.at
        # clock = {"*": "<device>:<counter>"}, built as text (same bytes as _dumps would give)
        clock_head = '{"*":' + _ENCODE(device)[:-1] + ":"
        # bulk load: the answers of new visits as given, for their household's status at the end
        answers = [] if table == "visits" and self._pending is not None else None
        for record in records:
            row = prepare(table, record)
            if answers is not None:
                answers.append(record.get("answers"))
            self.counter += 1
            self.changes += 1
            counter = self.counter
            hlc = tick()
            row["device_id"] = device
            row["counter"] = counter
            row["hlc"] = hlc
            row["clock"] = f'{clock_head}{counter}"}}'
            row["deleted"] = 0
            rows.append(row)
            # An insert's values are the record itself (stamped with this version in `clock`);
            # the log row records that and when it happened without copying the record.
            log.append((device, counter, hlc, table, row["uuid"], "insert",
                        "{}", None, None, user, at))
        if not rows:
            return []
        if table == "households" and self._pending is not None:
            self._pending.extend(rows)
        else:
            self._insert_rows(table, rows)
        if answers is not None:
            self._note_visits(rows, answers)
        self._log(log)
        if table == "households":
            self._touched_households.update([r["uuid"] for r in rows])
        elif table == "visits":
            self._touched_households.update([r["household_uuid"] for r in rows])
        if table == "areas":
            return [r["code"] for r in rows]
        return [r["uuid"] for r in rows]

    def _insert_plain(self, table: str, plan: _TablePlan,
                      records: Iterable[Mapping[str, Any]]) -> list[str]:
        """insert_many for a table without JSON fields or derived keys (households outside a
        bulk load, work orders, ...): each record goes straight to a row tuple, stamped as
        insert_many stamps it, without the intermediate dicts."""
        fields = plan.fields
        defaults = [(fields.index(f), default) for f, default in plan.defaults]
        name_at = fields.index("head_name") if table == "households" else None
        device, user, at, tick = self.device, self.user, self.at, self.clock.tick
        clock_head = '{"*":' + _ENCODE(device)[:-1] + ":"
        counter = self.counter
        rows, log, uuids = [], [], []
        for record in records:
            if not plan.allowed.issuperset(record):
                self._prepare(table, record)  # raises, naming the unknown fields
            values = list(map(record.get, fields))
            for i, default in defaults:
                if values[i] is None:
                    values[i] = default
            uuid = record.get("uuid") or str(uuidlib.uuid4())
            counter += 1
            hlc = tick()
            values += (uuid, device, counter, hlc, f'{clock_head}{counter}"}}', 0)
            if name_at is not None:
                values.append(initials(values[name_at]))
            rows.append(values)
            uuids.append(uuid)
            log.append((device, counter, hlc, table, uuid, "insert", "{}", None, None, user, at))
        self.changes += counter - self.counter
        self.counter = counter
        if not rows:
            return []
        cols = (*fields, "uuid", "device_id", "counter", "hlc", "clock", "deleted") + (
            ("head_initials",) if name_at is not None else ())
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              f"({', '.join('?' * len(cols))})", rows)
        self._log(log)
        if table == "households":
            self._touched_households.update(uuids)
        return uuids

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        cols = list(rows[0])
        sql = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
               f"({', '.join('?' * len(cols))})")
        values = itemgetter(*cols) if len(cols) > 1 else (lambda r: (r[cols[0]],))
        self.conn.executemany(sql, map(values, rows))

    def _flush_households(self, with_status: bool = False) -> None:
        """Write the held-back household rows (bulk load), with their derived status at the end
        of the transaction; before an update or delete, as plain rows (refreshed at the end)."""
        rows, self._pending = self._pending or [], []
        if not rows:
            return
        if with_status:
            uuids = [r["uuid"] for r in rows]
            derived = self._statuses_of_new(uuids)
            for r in rows:
                (r["status"], r["status_reason"], r["last_visit_at"],
                 r["persons"]) = derived[r["uuid"]]
            self._touched_households.difference_update(uuids)
        self._insert_rows("households", rows)

    def _note_visits(self, rows: list[dict[str, Any]], given: list[Any]) -> None:
        """Keep what the status of a new household needs; the answers as the caller gave them
        when a dict (the stored text is its JSON: decoding that again would cost more than all
        the rest of the status), else the stored text."""
        for r, answers in zip(rows, given):
            self._new_visits.setdefault(r["household_uuid"], []).append(
                (r["state"], r["deleted"], r["ended_at"], r["started_at"], r["hlc"],
                 answers if answers.__class__ is dict else r["answers"]))

    def _statuses_of_new(self, uuids: list[str]) -> dict[str, tuple]:
        """Derived status of households inserted in this transaction. All their visits were
        inserted in it too (nothing older can point at a new uuid, and any update or delete
        flushed the held-back rows), so the latest complete visit is found among those noted,
        ordered as status.py orders them (coalesce(ended_at, started_at), then hlc; NULL
        first). Anything not plain text there goes to the SQL path."""
        rule = None
        out: dict[str, tuple] = {}
        slow = []
        loads = json.loads
        for u in uuids:
            best = None
            for state, deleted, ended, started, hlc, answers in self._new_visits.get(u, ()):
                if state != "complete" or deleted:
                    continue
                when = started if ended is None else ended
                if not (isinstance(when, str) or when is None) or not isinstance(hlc, str):
                    best = False
                    break
                key = (when is not None, when or "", hlc)
                if best is None or key > best[0]:
                    best = (key, answers, ended)
            if best is False:
                slow.append(u)
            elif best is None:
                out[u] = NEVER
            else:
                doc = best[1]
                if rule is None:
                    rule = rule_of(self.conn)
                doc = doc if doc.__class__ is dict else loads(doc) if doc else None
                st = derive_status(doc, rule)
                out[u] = (st.status, st.reason, best[2], persons(doc))
        if slow:
            out.update(statuses(self.conn, slow))
        return out

    def update(self, table: str, key: str, values: Mapping[str, Any]) -> int:
        """Change some fields of one record; returns how many fields really changed.

        For JSON fields (answers), `values["answers"]` may be a partial dict: only its keys change,
        each versioned and audited on its own ("answers.works_now").
        """
        if self._pending:
            self._flush_households()
        keycol = _key(table)
        cur = self.conn.execute(
            f"SELECT * FROM {table} WHERE {keycol} = ?", (key,)
        )
        names = [d[0] for d in cur.description]
        found = cur.fetchone()
        if found is None:
            raise E.StoreError(f"{table} 中找不到记录 {key}")
        current = dict(zip(names, found))
        fields = SYNCED_FIELDS[table]
        clock = json.loads(current["clock"])
        new_vals: dict[str, Any] = {}
        old_vals: dict[str, Any] = {}
        row_updates: dict[str, Any] = {}
        for field, value in values.items():
            if field not in fields:
                raise E.StoreError(f"{table} 没有字段: {field}")
            if field in JSON_FIELDS:
                doc = json.loads(current[field] or "{}")
                patch = json.loads(value) if isinstance(value, str) else dict(value or {})
                for k, v in patch.items():
                    if doc.get(k) != v:
                        old_vals[f"{field}.{k}"] = doc.get(k)
                        new_vals[f"{field}.{k}"] = v
                        if v is None:
                            doc.pop(k, None)
                        else:
                            doc[k] = v
                row_updates[field] = _dumps(doc)
            elif current[field] != value:
                old_vals[field] = current[field]
                new_vals[field] = value
                row_updates[field] = value
        if not new_vals:
            return 0
        counter, hlc = self._stamp()
        version = f"{self.device}:{counter}"
        base = {f: clock.get(f, clock.get(f.split(".")[0], clock["*"])) for f in new_vals}
        for f in new_vals:
            clock[f] = version
        row_updates.update(device_id=self.device, counter=counter, hlc=hlc, clock=_dumps(clock))
        if table == "households" and "head_name" in row_updates:
            row_updates["head_initials"] = initials(row_updates["head_name"])
        sets = ", ".join(f"{c} = ?" for c in row_updates)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE {keycol} = ?",
                          (*row_updates.values(), key))
        self._log([(self.device, counter, hlc, table, current["uuid"], "update",
                    _dumps(new_vals), _dumps(old_vals), _dumps(base), self.user, self.at)])
        self.conn.executemany(
            "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(table, current["uuid"], f, _audit_text(old_vals[f]), _audit_text(new_vals[f]),
              self.user, self.device, self.at) for f in new_vals],
        )
        if table == "households":
            self._touched_households.add(current["uuid"])
        elif table in ("visits", "spot_check_items"):  # both decide the household's status
            self._touched_households.add(current["household_uuid"])
            if "household_uuid" in old_vals:
                self._touched_households.add(old_vals["household_uuid"])
        return len(new_vals)

    def delete(self, table: str, key: str) -> None:
        """Tombstone a record (it stays, marked deleted, so the delete can sync)."""
        if self._pending:
            self._flush_households()
        keycol = _key(table)
        row = self.conn.execute(
            f"SELECT uuid, deleted, clock FROM {table} WHERE {keycol} = ?", (key,)
        ).fetchone()
        if row is None:
            raise E.StoreError(f"{table} 中找不到记录 {key}")
        if row[1]:
            return
        counter, hlc = self._stamp()
        clock = json.loads(row[2])
        base = {"deleted": clock.get("deleted", clock["*"])}
        clock["deleted"] = f"{self.device}:{counter}"
        self.conn.execute(
            f"UPDATE {table} SET deleted = 1, device_id = ?, counter = ?, hlc = ?, clock = ?"
            f" WHERE {keycol} = ?", (self.device, counter, hlc, _dumps(clock), key))
        self._log([(self.device, counter, hlc, table, row[0], "delete", "{}", None,
                    _dumps(base), self.user, self.at)])
        self.conn.execute(
            "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
            " VALUES (?, ?, 'deleted', '0', '1', ?, ?, ?)",
            (table, row[0], self.user, self.device, self.at))
        if table == "households":
            self._touched_households.add(row[0])
        elif table == "visits":
            hh = self.conn.execute("SELECT household_uuid FROM visits WHERE uuid = ?",
                                   (key,)).fetchone()
            self._touched_households.add(hh[0])

    def delete_many(self, table: str, keys: list[str],
                    clear: Mapping[str, Any] | None = None) -> None:
        """delete() of many records in one pass, each first given the values in `clear` as
        update() would give them (its own logged, audited change, before the delete): the same
        rows, change-log and audit entries, in the same order, as those calls one record at a
        time. Plain fields only in `clear` (not JSON fields, not head_name)."""
        if self._pending:
            self._flush_households()
        keys = list(dict.fromkeys(keys))  # a key twice: the second time finds it deleted
        clear = dict(clear or {})
        fields = SYNCED_FIELDS[table]
        bad = [f for f in clear if f not in fields or f in JSON_FIELDS or f == "head_name"]
        if bad:
            raise E.StoreError(f"{table} 不能批量清除字段: {', '.join(bad)}")
        keycol = _key(table)
        extra = ", household_uuid" if table == "visits" else ""
        cols = "".join(f", {f}" for f in clear)
        found = {r[1]: r for r in self.conn.execute(
            f"SELECT rowid, {keycol}, uuid, deleted, clock{extra}{cols} FROM {table}"
            f" WHERE {keycol} IN (SELECT value FROM json_each(?))", (_dumps(list(keys)),))}
        writes, log, audit = [], [], []
        for key in keys:
            row = found.get(key)
            if row is None:
                raise E.StoreError(f"{table} 中找不到记录 {key}")
            stamp = self._clear_and_delete(table, row, clear, log, audit, bool(extra))
            if stamp is not None:
                writes.append((*clear.values(), *stamp, row[0]))
        writes.sort(key=itemgetter(-1))  # in table order
        sets = "".join(f"{f} = ?, " for f in clear)
        self.conn.executemany(
            f"UPDATE {table} SET {sets}deleted = ?, device_id = ?, counter = ?, hlc = ?,"
            " clock = ? WHERE rowid = ?", writes)
        self._log(log)
        insert_rows(self.conn, "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user,"
                    " device_id, at)", audit)

    def _clear_texts(self, new_vals: dict[str, Any], clock: dict[str, str]) -> tuple[str, str]:
        """_dumps of the new values and of the base versions of a delete_many update; the same
        few field sets recur, with one base version for all of them (the record's insert)."""
        key = tuple(new_vals.items())
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = (_dumps_flat(new_vals),
                                        _dumps_flat(dict.fromkeys(new_vals, "\0")))
        star = clock["*"]
        versions = {clock.get(f, star) for f in new_vals}
        if len(versions) == 1:
            return texts[0], texts[1].replace('"\\u0000"', _ENCODE_STR(versions.pop()))
        return texts[0], _dumps_flat({f: clock.get(f, star) for f in new_vals})

    def _clear_and_delete(self, table: str, row: tuple, clear: dict[str, Any], log: list,
                          audit: list, visits: bool) -> tuple | None:
        """One record of delete_many: its change-log and audit rows appended to `log` and
        `audit`; returns (deleted, device_id, counter, hlc, clock) to write, None if nothing."""
        uuid, deleted, clock = row[2], row[3], _loads_clock(row[4])
        current = row[6 if visits else 5:]
        household = row[5] if visits else uuid
        old_vals = {f: cur for (f, value), cur in zip(clear.items(), current) if cur != value}
        stamp = None
        if old_vals:
            counter, hlc = self._stamp()
            version = f"{self.device}:{counter}"
            new_vals = {f: clear[f] for f in old_vals}
            new_text, base_text = self._clear_texts(new_vals, clock)
            clock.update(dict.fromkeys(new_vals, version))
            log.append((self.device, counter, hlc, table, uuid, "update", new_text,
                        _dumps_flat(old_vals), base_text, self.user, self.at))
            audit.extend((table, uuid, f, _audit_text(old_vals[f]), _audit_text(new_vals[f]),
                          self.user, self.device, self.at) for f in new_vals)
            stamp = (deleted, self.device, counter, hlc)
        if not deleted:
            counter, hlc = self._stamp()
            base_text = '{"deleted":' + _ENCODE_STR(clock.get("deleted", clock["*"])) + "}"
            clock["deleted"] = f"{self.device}:{counter}"
            log.append((self.device, counter, hlc, table, uuid, "delete", "{}", None,
                        base_text, self.user, self.at))
            audit.append((table, uuid, "deleted", "0", "1", self.user, self.device, self.at))
            stamp = (1, self.device, counter, hlc)
        if stamp is None:
            return None
        if table in ("households", "visits"):
            self._touched_households.add(household)
        return (*stamp, _dumps_flat(clock))

    def _log(self, rows: list[tuple]) -> None:
        insert_rows(self.conn, "INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid,"
                    " op, data, old, base, user, at)", rows)


_ROWS_A_STATEMENT = 256


def insert_rows(conn, head: str, rows: list) -> None:
    """`head VALUES (?, ...)` for every row, in order, as executemany would insert them, but
    many rows a statement: one statement a row costs twice as much on tables like `changes`,
    whose AUTOINCREMENT key rewrites sqlite_sequence at the end of every statement."""
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    n = _ROWS_A_STATEMENT
    for start in range(0, len(rows), n):
        part = rows[start:start + n]
        conn.execute(f"{head} VALUES {', '.join([one] * len(part))}", [v for r in part for v in r])


def _audit_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _dumps(value)
