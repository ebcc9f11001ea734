"""The county's coverage rule in the settings table (`coverage_rule`, JSON; the shipped default
for the county when unset). Changing it recomputes every household's status in one transaction."""

from __future__ import annotations

import sqlite3

from fieldapp.core.coverage_rule import CoverageRule, default_rule

KEY = "coverage_rule"


def rule_of(store) -> CoverageRule:
    """The county's coverage rule: the setting, else the default of its county."""
    return _rule_of(store.conn)


def _rule_of(conn: sqlite3.Connection) -> CoverageRule:
    rows = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, 'county_code')",
                             (KEY,)).fetchall())
    if rows.get(KEY):
        return CoverageRule.from_json(rows[KEY], where="settings.coverage_rule")
    return default_rule(rows.get("county_code"))
