"""Keep the derived columns of households (status, status_reason, last_visit_at, persons) in step
with their visits. The rules themselves live in fieldapp.core.status and fieldapp.core.roster
(persons: the people the latest complete visit's member roster lists as living there); this only
feeds them rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from fieldapp.core.roster import persons
from fieldapp.core.status import Status, after_spot_check, derive_status

from fieldapp.core.coverage_rule import CoverageRule
from fieldapp.store.coverage_rule import KEY as RULE_KEY
from fieldapp.store.conflicts import _resolved_verdicts, _visit_answers
from fieldapp.store.coverage_rule import _rule_of

# The latest complete visit of each household, for many households in one pass (a window over
# their visits) instead of one correlated subquery per household.
_LATEST = """
SELECT household_uuid, answers, ended_at, uuid FROM (
  SELECT household_uuid, answers, ended_at, uuid,
         row_number() OVER (PARTITION BY household_uuid
                            ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC) AS rank
  FROM visits
  WHERE {where} state = 'complete' AND deleted = 0)
WHERE rank = 1
"""
_TARGETS = "household_uuid IN (SELECT uuid FROM temp_status_targets) AND"
# The latest spot check of each household that did not confirm it (core.status.after_spot_check).
_NOT_CONFIRMED = """
SELECT household_uuid, outcome, checked_at FROM (
  SELECT household_uuid, outcome, checked_at,
         row_number() OVER (PARTITION BY household_uuid ORDER BY checked_at DESC, hlc DESC) AS rank
  FROM spot_check_items
  WHERE {where} outcome IN ('confirmed', 'not_confirmed') AND checked_at IS NOT NULL
    AND deleted = 0)
WHERE rank = 1 AND outcome = 'not_confirmed'
"""


def refresh_status(store, household_uuids: Iterable[str]) -> int:
    """Recompute the status of the given households inside the caller's transaction."""
    return _refresh_status(store.conn, household_uuids)


def _refresh_status(conn: sqlite3.Connection, household_uuids: Iterable[str]) -> int:
    """refresh_status on the connection of a transaction under way (migrations)."""
    targets = set(household_uuids)
    if not targets:
        return 0
    # Many households (an import, a merge, the demo): read whole tables once and pick in Python;
    # a few (a visit saved): look them up through a temporary table of their uuids.
    many = len(targets) * 4 >= _max_rowid(conn, "households")
    # A migration older than v019 (no persons column yet) recomputes the status alone.
    with_persons = _has_persons(conn)
    derived = "status, status_reason, last_visit_at" + (", persons" if with_persons else "")
    cols = f"SELECT uuid, rowid, {derived} FROM households"
    width = 4 if with_persons else 3
    if not many:
        _fill_targets(conn, targets)
    found = _latest(conn, targets, many)
    if many:
        now = _derived_now(conn, cols, targets, found, NEVER[:width])
    else:
        now = {r[0]: r[1:] for r in conn.execute(
            f"{cols} WHERE uuid IN (SELECT uuid FROM temp_status_targets)")}
    # Only the rows whose status changes (an undone import's households keep theirs), in table
    # order: rows that grow (a first visit date) then split pages one after another instead of
    # all over the table, which is several times faster for a whole county.
    updates = [(*new, r) for u, (r, *old) in now.items()
               if (new := found.get(u, NEVER)[:width]) != tuple(old)]
    updates.sort(key=lambda row: row[width])
    sets = ", ".join(f"{c} = ?" for c in derived.split(", "))
    conn.executemany(f"UPDATE households SET {sets} WHERE rowid = ?", updates)
    if not many:
        conn.execute("DELETE FROM temp_status_targets")
    return len(targets)


def _derived_now(conn: sqlite3.Connection, cols: str, targets: set[str],
                 found: dict[str, tuple], never: tuple) -> dict[str, tuple]:
    """(rowid, derived columns) now of the targets whose status may change: those not stored as
    never visited (read from the whole table, that state left out in SQL), and those with a
    status from their visits (looked up). A target stored as never visited and without any
    visit keeps that status (most of an undone import's households): not read at all."""
    stored_never = " AND ".join(f"{c} IS ?" for c in
                                ("status", "status_reason", "last_visit_at", "persons")[:len(never)])
    now = {r[0]: r[1:] for r in conn.execute(f"{cols} WHERE NOT ({stored_never})", never)
           if r[0] in targets}
    rest = [u for u in found if u in targets and u not in now]
    if rest:
        now.update((r[0], r[1:]) for r in conn.execute(
            f"{cols} WHERE uuid IN (SELECT value FROM json_each(?))", (json.dumps(rest),)))
    return now


def statuses(store, household_uuids: Iterable[str]) -> dict[str, tuple]:
    """(status, status_reason, last_visit_at, persons) of the given households from their visits; the
    households themselves need not be in the table yet."""
    conn = store.conn
    targets = set(household_uuids)
    if not targets:
        return {}
    many = len(targets) * 4 >= _max_rowid(conn, "visits")
    if not many:
        _fill_targets(conn, targets)
    found = _latest(conn, targets, many)
    if not many:
        conn.execute("DELETE FROM temp_status_targets")
    return {u: found.get(u, NEVER) for u in targets}


_never = derive_status(None)
NEVER = (_never.status, _never.reason, None, 0)


def _has_persons(conn: sqlite3.Connection) -> bool:
    """Whether the households table has the persons column (schema v019 on)."""
    return any(r[1] == "persons" for r in conn.execute("PRAGMA table_info(households)"))


def _max_rowid(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0


def _fill_targets(conn: sqlite3.Connection, targets: set[str]) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_status_targets (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp_status_targets")
    conn.executemany("INSERT INTO temp_status_targets VALUES (?)", ((u,) for u in targets))


def _latest(conn: sqlite3.Connection, targets: set[str], many: bool) -> dict[str, tuple]:
    """Derived status of the targets that have a complete visit (the temporary table holds the
    targets unless `many`)."""
    loads = json.loads
    rule = _rule_of(conn)
    found: dict[str, tuple] = {}
    visit: dict[str, str] = {}
    for uuid, answers, ended, visit_uuid in conn.execute(
            _LATEST.format(where="" if many else _TARGETS)):
        if uuid in targets:
            doc = loads(answers) if answers else None
            st = derive_status(doc, rule)
            found[uuid] = (st.status, st.reason, ended, persons(doc))
            visit[uuid] = visit_uuid
    _apply_verdicts(conn, found, visit, targets, rule)
    _apply_spot_checks(conn, found, targets, "" if many else _TARGETS)
    return found


def _apply_verdicts(conn: sqlite3.Connection, found: dict[str, tuple], visit: dict[str, str],
                   targets: set[str] | None, rule: CoverageRule) -> None:
    """Where the county resolved two disagreeing visits (a verdict conflict) and the latest
    visit is still one of the two, the visit it chose decides, in `found` ({uuid: (status,
    reason, last visit)}); `visit` holds each household's latest visit."""
    for household, chosen, ours, theirs in _resolved_verdicts(conn):
        latest = visit.get(household)
        if (targets is not None and household not in targets) or latest not in (ours, theirs) \
                or chosen == latest:
            continue
        answers, _ = _visit_answers(conn, chosen)
        if answers:
            st = derive_status(json.loads(answers), rule)
            found[household] = (st.status, st.reason, *found[household][2:])


def _apply_spot_checks(conn: sqlite3.Connection, found: dict[str, tuple],
                      targets: set[str] | None, where: str = "") -> None:
    """Put back to not covered, in `found` ({uuid: (status, reason, last visit,
    persons)}), the targets (None: all) whose latest spot check did not confirm them since their latest visit."""
    for uuid, outcome, checked in conn.execute(_NOT_CONFIRMED.format(where=where)):
        if targets is not None and uuid not in targets:
            continue
        status, reason, *rest = found.get(uuid, NEVER)
        st = after_spot_check(Status(status, reason), rest[0], outcome, checked)
        found[uuid] = (st.status, st.reason, *rest)


def set_rule(store, rule: CoverageRule) -> int:
    """Store the rule and recompute every status; returns how many households were recomputed."""
    with store.transaction():
        return put_rule(store, rule)


def put_rule(store, rule: CoverageRule) -> int:
    """set_rule inside the caller's transaction (a reference bundle bringing the county's rule)."""
    store._put_settings({RULE_KEY: rule.to_json()})
    store._settings_cache.clear()
    uuids = [r[0] for r in store.conn.execute("SELECT uuid FROM households")]
    return refresh_status(store, uuids)
