"""delete_many of records still as they were inserted, done set-based: one SQL statement each
writes their change-log rows, their audit rows and the tombstones, instead of a Python step per
record (undoing a 100,000-household import clears and deletes 100,000 such records).

A record qualifies when it is live and nobody changed it since its insert (its clock is still
`{"*":"<version>"}`), and its cleared fields hold plain text (nothing JSON would escape) or
nothing. The rows written are exactly those of the record-by-record path
(change_deletes._clear_and_delete): same counters, texts and order; any chunk with a record that
does not qualify goes that way instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .change_json import _ENCODE_STR

_QUOTED = "'\"' || {} || '\"'"  # SQL: a text value as a JSON string (nothing to escape)
# SQL: the i-th of the stamps HybridClock.reserve gave from (:ms, :logical)
_STAMP = ("printf('%015d-%06d-%s', (:ms * 1000000 + :logical + {i}) / 1000000,"
          " (:ms * 1000000 + :logical + {i}) % 1000000, :device)")


def _unescaped(value: str) -> str:
    """SQL: text JSON writes as it is, between quotes (no quote, backslash or control
    character), which the record-by-record path's encoder would escape."""
    return f"json_quote({value}) = '\"' || {value} || '\"'"


def _plain_clock(col: str = "t.clock") -> str:
    """SQL: the clock is the insert's `{"*":"<version>"}` (as change_json._loads_clock reads it
    without the decoder), its version written as it is."""
    return (f"substr({col}, 1, 6) = '{{\"*\":\"' AND substr({col}, -2) = '\"}}'"
            f" AND {_unescaped(f'substr({col}, 7, length({col}) - 8)')}")


class SetDelete:
    """The statements of one delete_many(table, keys, clear) over records that qualify."""

    def __init__(self, table: str, clear: Mapping[str, Any], with_household: bool):
        self.table = table
        self.fields = list(clear)  # in the caller's order: the audit rows' order
        self.with_household = with_household
        plain = " AND ".join([_plain_clock()] + [
            f"(t.{f} IS NULL OR (typeof(t.{f}) = 'text' AND {_unescaped(f't.{f}')}))"
            for f in self.fields])
        flags = "".join(f", t.{f} IS NOT NULL AS c_{f}, t.{f} AS v_{f}" for f in self.fields)
        some = " OR ".join(f"c_{f}" for f in self.fields) or "0"
        extra = ", t.household_uuid AS hh" if with_household else ""
        self.name = "set_delete_" + "_".join([table, *self.fields, str(int(with_household))])
        self.cte = (
            "WITH k AS (SELECT key AS ord, value AS key FROM json_each(:keys)),"
            f" r AS (SELECT k.ord, {_STAMP.format(i='2 * k.ord')} AS hu,"
            f" {_STAMP.format(i='2 * k.ord + 1')} AS hd, t.rowid AS rid, t.uuid,"
            f" t.deleted = 0 AND {plain} AS ok,"
            f" substr(t.clock, 7, length(t.clock) - 8) AS ver{flags}{extra}"
            f" FROM k JOIN {table} t ON t.uuid = k.key),"
            f" s AS (SELECT r.*, ({some}) AS upd, :base + sum(({some}) + 1) OVER"
            " (ORDER BY ord ROWS UNBOUNDED PRECEDING) AS cd FROM r)")

    def check(self, conn, params: dict) -> tuple[int, int, int, list[str]]:
        """Work the records out once into a temporary table, and tell (records found, how many
        qualify, stamps they need, households they touch)."""
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self.name} AS {self.cte}"
                     " SELECT * FROM s LIMIT 0", params)
        conn.execute(f"DELETE FROM temp.{self.name}")
        conn.execute(f"INSERT INTO temp.{self.name} {self.cte} SELECT * FROM s", params)
        hh = ", json_group_array(hh)" if self.with_household else ", '[]'"
        found, ok, stamps, households = conn.execute(
            f"SELECT count(*), coalesce(sum(ok), 0), coalesce(sum(upd + 1), 0){hh}"
            f" FROM temp.{self.name}").fetchone()
        return found, ok, stamps, json.loads(households)

    def write(self, conn, params: dict) -> None:
        """Change-log rows, audit rows, then the tombstones; the temporary table emptied."""
        for sql in (self._changes_sql(), self._audit_sql(), self._update_sql()):
            conn.execute(sql.replace(" FROM s", f" FROM temp.{self.name} AS s"), params)
        conn.execute(f"DELETE FROM temp.{self.name}")

    def _json(self, value: str) -> str:
        """SQL text of a JSON object of the fields that change, sorted as _dumps_flat sorts:
        `value` gives each field's JSON value (SQL, `{f}` standing for the field)."""
        parts = " || ".join(f"CASE WHEN c_{f} THEN '{_ENCODE_STR(f)}:' || {value.format(f=f)}"
                            " || ',' ELSE '' END" for f in sorted(self.fields))
        return f"'{{' || rtrim({parts or chr(39) * 2}, ',') || '}}'"

    def _changes_sql(self) -> str:
        head = ("INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op, data, old,"
                " base, user, at)")
        new, old, base = (self._json("'null'"), self._json(_QUOTED.format("v_{f}")),
                          self._json(_QUOTED.format("ver")))
        update = (f"SELECT :device, cd - 1 AS n, hu, :tbl, uuid, 'update', {new}, {old}, {base},"
                  " :user, :at FROM s WHERE upd")
        delete = ("SELECT :device, cd AS n, hd, :tbl, uuid, 'delete', '{}', NULL,"
                  " '{\"deleted\":\"' || ver || '\"}', :user, :at FROM s")
        return f"{head} {update} UNION ALL {delete} ORDER BY n"

    def _audit_sql(self) -> str:
        parts = [f"SELECT ord, {i} AS o, uuid, '{f}' AS field, v_{f} AS old, NULL AS new FROM s"
                 f" WHERE c_{f}" for i, f in enumerate(self.fields)]
        parts.append(f"SELECT ord, {len(self.fields)} AS o, uuid, 'deleted' AS field, '0' AS old,"
                     " '1' AS new FROM s")
        return ("INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at) "
                "SELECT :tbl, uuid, field, old, new, :user, :device, :at FROM"
                f" ({' UNION ALL '.join(parts)}) ORDER BY ord, o")

    def _update_sql(self) -> str:
        keys = sorted([*self.fields, "deleted"])
        clock = " || ".join(
            "',\"deleted\":\"' || :device || ':' || s.cd || '\"'" if f == "deleted" else
            f"CASE WHEN s.c_{f} THEN ',\"{f}\":\"' || :device || ':' || (s.cd - 1) || '\"'"
            " ELSE '' END" for f in keys)
        sets = "".join(f"{f} = NULL, " for f in self.fields)
        return (f"UPDATE {self.table} SET {sets}deleted = 1, device_id = :device,"
                f" counter = s.cd, hlc = s.hd, clock = '{{\"*\":\"' || s.ver || '\"' || {clock}"
                f" || '}}' FROM s WHERE {self.table}.rowid = s.rid")


@lru_cache(maxsize=16)
def set_delete(table: str, fields: tuple[str, ...], with_household: bool) -> SetDelete:
    """The statements for a table and cleared fields, built once."""
    return SetDelete(table, dict.fromkeys(fields), with_household)


def params(keys: list[str], first_stamp: tuple[int, int], base: int, table: str, device: str,
           user: str, at: str) -> dict[str, Any]:
    """The statements' parameters: key i has stamps 2i (its update's) and 2i + 1 (its
    delete's) of the 2 * len(keys) that start at `first_stamp` (HybridClock.reserve)."""
    ms, logical = first_stamp
    return {"keys": json.dumps(keys), "ms": ms, "logical": logical, "base": base,
            "tbl": table, "device": device, "user": user, "at": at}
