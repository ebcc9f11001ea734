"""Deleting records through a ChangeWriter (its delete and delete_many): a tombstone that syncs,
its fields cleared and logged, the household's status refreshed; and bringing a retired
attachment back (the only tombstone that may be lifted: its content is named again)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from fieldapp.core.messages import ErrorCode
from fieldapp.store import errors as E
from fieldapp.store.schema import JSON_FIELDS, SYNCED_FIELDS

from .change_json import _ENCODE_STR, _audit_text, _dumps, _dumps_flat, _loads_clock
from .set_deletes import params as set_params
from .set_deletes import set_delete
from .table_plans import _key, insert_rows


class Deletes:
    """The delete half of ChangeWriter (fieldapp.store.sync_log.changes)."""

    def delete(self, table: str, key: str) -> None:
        """Tombstone a record (it stays, marked deleted, so the delete can sync)."""
        if self._pending:
            self._flush_households()
        keycol = _key(table)
        row = self.conn.execute(
            f"SELECT uuid, deleted, clock FROM {table} WHERE {keycol} = ?", (key,)
        ).fetchone()
        if row is None:
            raise E.StoreError(ErrorCode.SYNC_NO_RECORD, table=table, key=key)
        if row[1]:
            return
        self._note_deleted_record(table, keycol, key)
        self._set_deleted(table, keycol, key, row, 1)
        if table == "households":
            self._touched_households.add(row[0])
        elif table == "visits":
            hh = self.conn.execute("SELECT household_uuid FROM visits WHERE uuid = ?",
                                   (key,)).fetchone()
            self._touched_households.add(hh[0])

    def _revive_attachment(self, sha: str) -> None:
        """Lift the tombstone of a retired attachment (an update of `deleted`, which syncs)."""
        row = self.conn.execute("SELECT uuid, deleted, clock FROM attachments WHERE sha256 = ?",
                                (sha,)).fetchone()
        if row is not None and row[1]:
            self._set_deleted("attachments", "sha256", sha, row, 0)

    def _set_deleted(self, table: str, keycol: str, key: str, row: tuple, deleted: int) -> None:
        counter, hlc = self._stamp()
        clock = json.loads(row[2])
        base = {"deleted": clock.get("deleted", clock["*"])}
        clock["deleted"] = f"{self.device}:{counter}"
        self.conn.execute(
            f"UPDATE {table} SET deleted = ?, device_id = ?, counter = ?, hlc = ?, clock = ?"
            f" WHERE {keycol} = ?", (deleted, self.device, counter, hlc, _dumps(clock), key))
        op, data, old = ("delete", "{}", None) if deleted else (
            "update", '{"deleted":0}', '{"deleted":1}')
        self._log([(self.device, counter, hlc, table, row[0], op, data, old,
                    _dumps(base), self.user, self.at)])
        self.conn.execute(
            "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
            " VALUES (?, ?, 'deleted', ?, ?, ?, ?, ?)",
            (table, row[0], str(1 - deleted), str(deleted), self.user, self.device, self.at))

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
            raise E.StoreError(ErrorCode.SYNC_NOT_CLEARABLE, table=table, fields=", ".join(bad))
        keycol = _key(table)
        if keys and self._delete_set_based(table, keycol, keys, clear):
            return
        extra = ", household_uuid" if table == "visits" else ""
        cols = "".join(f", {f}" for f in clear)
        found = {r[1]: r for r in self.conn.execute(
            f"SELECT rowid, {keycol}, uuid, deleted, clock{extra}{cols} FROM {table}"
            f" WHERE {keycol} IN (SELECT value FROM json_each(?))", (_dumps(list(keys)),))}
        writes, log, audit = [], [], []
        for key in keys:
            row = found.get(key)
            if row is None:
                raise E.StoreError(ErrorCode.SYNC_NO_RECORD, table=table, key=key)
            stamp = self._clear_and_delete(table, row, clear, log, audit, bool(extra))
            if stamp is not None:
                writes.append((*clear.values(), *stamp, row[0]))
        writes.sort(key=itemgetter(-1))  # in table order
        sets = "".join(f"{f} = ?, " for f in clear)
        self.conn.executemany(
            f"UPDATE {table} SET {sets}deleted = ?, device_id = ?, counter = ?, hlc = ?,"
            " clock = ? WHERE rowid = ?", writes)
        self._log(log)
        insert_rows(self.store, "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user,"
                    " device_id, at)", audit)

    def _delete_set_based(self, table: str, keycol: str, keys: list[str],
                          clear: dict[str, Any]) -> bool:
        """delete_many in a few statements when every record is as it was inserted
        (set_deletes.py); False (nothing written) when one is not, or the fields or device id
        need what only the record-by-record path writes."""
        if keycol != "uuid" or any(v is not None for v in clear.values()) \
                or "deleted" in clear or _ENCODE_STR(self.device) != f'"{self.device}"':
            return False
        statements = set_delete(table, tuple(clear), table == "visits")
        values = set_params(keys, self.clock.reserve(2 * len(keys)), self.counter, table,
                            self.device, self.user, self.at)
        found, plain, stamps, households = statements.check(self.conn, values)
        if found != len(keys) or plain != len(keys):
            return False
        statements.write(self.conn, values)
        self.counter += stamps
        self.changes += stamps
        if table == "households":
            self._touched_households.update(keys)
        elif table == "visits":
            self._touched_households.update(households)
        return True

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
