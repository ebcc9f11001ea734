"""Inserting records through a ChangeWriter (its insert and insert_many): many rows a statement,
and in a bulk load new households held back until their status is known (their visits first)."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from itertools import repeat
from operator import itemgetter
from typing import Any

from fieldapp.core.pinyin import initials
from fieldapp.core.roster import persons
from fieldapp.core.status import derive_status
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.households.status import NEVER, statuses

from .attachment_use import ANSWER_TABLES
from .change_json import _ENCODE
from .table_plans import _DERIVED_KEYS, _plan, _TablePlan


class ValueRows(list):
    """Records for insert_many as tuples instead of dicts: the values of `fields`, then the uuid
    (a register import's households, built once in this shape instead of a dict each)."""

    def __init__(self, fields: tuple[str, ...], rows: Iterable[tuple] = ()):
        super().__init__(rows)
        self.fields = tuple(fields)


def _default_columns(plan: _TablePlan) -> list[int]:
    return [plan.fields.index(f) for f, _ in plan.defaults]


class Inserts:
    """The insert half of ChangeWriter (fieldapp.store.sync_log.changes)."""

    def insert(self, table: str, record: Mapping[str, Any]) -> str:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: Iterable[Mapping[str, Any]] | ValueRows
                    ) -> list[str]:
        if records.__class__ is ValueRows:
            return self._insert_values(table, records)
        plan = _plan(table)
        if self._pending is None and not plan.json_fields and table not in _DERIVED_KEYS:
            return self._insert_plain(table, plan, records)
        rows, log = [], []
        records = records if isinstance(records, list) else list(records)
        prepare, hlcs = self._prepare, self.clock.ticks(len(records))
        device, user, at = self.device, self.user, self.at
        # clock = {"*": "<device>:<counter>"}, built as text (same bytes as _dumps would give)
        clock_head = '{"*":' + _ENCODE(device)[:-1] + ":"
        # bulk load: the answers of new visits as given, for their household's status at the end
        answers = [] if table == "visits" and self._pending is not None else None
        for record, hlc in zip(records, hlcs):
            row = prepare(table, record)
            if answers is not None:
                answers.append(record.get("answers"))
            self.counter += 1
            self.changes += 1
            counter = self.counter
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
        elif table in ANSWER_TABLES:  # a record naming a retired attachment brings it back
            for r in rows:
                self._note_named(r["answers"])
        self._log(log)
        if table == "households":
            self._touched_households.update([r["uuid"] for r in rows])
        elif table == "visits":
            self._touched_households.update([r["household_uuid"] for r in rows])
        if table == "areas":
            return [r["code"] for r in rows]
        return [r["uuid"] for r in rows]

    def _insert_values(self, table: str, records: ValueRows) -> list[str]:
        """insert_many of records given as value tuples: as they are when their fields are the
        table's synced fields in order and no default is missing, else through dicts."""
        plan = _plan(table)
        if (self._pending is not None or plan.json_fields or table in _DERIVED_KEYS
                or records.fields != plan.fields
                or any(None in map(itemgetter(i), records) for i in _default_columns(plan))):
            keys = (*records.fields, "uuid")
            return self.insert_many(table, [dict(zip(keys, r)) for r in records])
        return self._insert_stamped(table, plan.fields, records)

    def _insert_plain(self, table: str, plan: _TablePlan,
                      records: Iterable[Mapping[str, Any]]) -> list[str]:
        """insert_many for a table without JSON fields or derived keys (households outside a
        bulk load, work orders, ...): each record goes straight to a row tuple, stamped as
        insert_many stamps it, without the intermediate dicts."""
        fields = plan.fields
        defaults = list(zip(_default_columns(plan), (d for _, d in plan.defaults)))
        rows = []
        for record in records:
            if not plan.allowed.issuperset(record):
                self._prepare(table, record)  # raises, naming the unknown fields
            values = list(map(record.get, fields))
            for i, default in defaults:
                if values[i] is None:
                    values[i] = default
            values.append(record.get("uuid") or str(uuidlib.uuid4()))
            rows.append(values)
        return self._insert_stamped(table, fields, rows)

    def _insert_stamped(self, table: str, fields: tuple[str, ...], rows: list) -> list[str]:
        """Insert rows of `fields` values and a uuid, each stamped (device, counter, HLC, clock,
        head initials) and change-logged as insert_many does; the stamps and log rows built a
        column at a time."""
        if not rows:
            return []
        n = len(rows)
        device, counter = self.device, self.counter
        clock_head = '{"*":' + _ENCODE(device)[:-1] + ":"
        counters = range(counter + 1, counter + n + 1)
        hlcs = self.clock.ticks(n)
        uuids = list(map(itemgetter(-1), rows))
        stamps = [repeat(device), counters, hlcs, [f'{clock_head}{c}"}}' for c in counters],
                  repeat(0)]
        if table == "households":
            stamps.append(map(initials, map(itemgetter(fields.index("head_name")), rows)))
        stamped = list(map(tuple.__add__, map(tuple, rows), zip(*stamps)))
        log = list(zip(repeat(device), counters, hlcs, repeat(table), uuids, repeat("insert"),
                       repeat("{}"), repeat(None), repeat(None), repeat(self.user),
                       repeat(self.at)))
        self.changes += n
        self.counter = counter + n
        cols = (*fields, "uuid", "device_id", "counter", "hlc", "clock", "deleted") + (
            ("head_initials",) if table == "households" else ())
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              f"({', '.join('?' * len(cols))})", stamped)
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
                    rule = rule_of(self.store)
                doc = doc if doc.__class__ is dict else loads(doc) if doc else None
                st = derive_status(doc, rule)
                out[u] = (st.status, st.reason, best[2], persons(doc))
        if slow:
            out.update(statuses(self.store, slow))
        return out
