"""The county's coverage rule in the settings table (`coverage_rule`, JSON; the shipped default
for the county when unset). Changing it recomputes every household's status in one transaction."""

from __future__ import annotations

import sqlite3

from fieldapp.core.coverage_rule import CoverageRule, default_rule

KEY = "coverage_rule"


def rule_of(conn: sqlite3.Connection) -> CoverageRule:
    rows = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, 'county_code')",
                             (KEY,)).fetchall())
    if rows.get(KEY):
        return CoverageRule.from_json(rows[KEY], where="settings.coverage_rule")
    return default_rule(rows.get("county_code"))


def set_rule(store, rule: CoverageRule) -> int:
    """Store the rule and recompute every status; returns how many households were recomputed."""
    with store.transaction():
        return put_rule(store, rule)


def put_rule(store, rule: CoverageRule) -> int:
    """set_rule inside the caller's transaction (a reference bundle bringing the county's rule)."""
    from .status import refresh_status

    store._put_settings({KEY: rule.to_json()})
    store._settings_cache.clear()
    uuids = [r[0] for r in store.conn.execute("SELECT uuid FROM households")]
    return refresh_status(store.conn, uuids)
