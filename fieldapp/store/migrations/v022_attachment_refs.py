"""Version 22 (21: the change log's stamp index): which live visit or public place names which
attachment (`attachment_refs`), kept by triggers in the very write that changes an answer,
deletes or restores a record, whatever writes it (a form, a merge, an import). Retiring a
replaced photo asks "does another record still name it?" through this table's primary key
instead of scanning every answer of a county for the file's hash (~0.2-0.5 s a photo on
218,800 households).

A record names an attachment when one of its answers (at any depth: repeats, lists) is exactly
the attachment's sha256, as fieldapp.store.sync_log.attachment_use reads answers."""

from __future__ import annotations

import sqlite3

ANSWER_TABLES = ("visits", "public_places")  # as attachment_use.ANSWER_TABLES at version 22
_TABLE = """
CREATE TABLE IF NOT EXISTS attachment_refs (
  sha256 TEXT NOT NULL,
  tbl TEXT NOT NULL,
  uuid TEXT NOT NULL,
  PRIMARY KEY (sha256, tbl, uuid)
) WITHOUT ROWID
"""
_BY_RECORD = "CREATE INDEX IF NOT EXISTS attachment_refs_record ON attachment_refs(uuid, tbl)"
# A quoted run of 64 hex digits somewhere in the JSON text: most answers have none, and this
# GLOB is far cheaper than walking their JSON (inserting the demo county's 201,228 visits costs
# +0.9 s of CPU with it as the insert trigger's condition, +2.6 s without).
_MAY_NAME = "'*\"" + "[0-9a-f]" * 64 + "\"*'"


def _named(row: str, table: str) -> str:
    """SELECT (sha256, tbl, uuid) of the attachments a live row (NEW or the table's) names."""
    source = "" if row == "NEW" else f"{table}, "
    return (f"SELECT DISTINCT j.value, '{table}', {row}.uuid"
            f" FROM {source}json_tree(CASE WHEN {row}.answers GLOB {_MAY_NAME}"
            f" AND json_valid({row}.answers) THEN {row}.answers END) AS j"
            " WHERE j.type = 'text' AND length(j.value) = 64"
            f" AND j.value NOT GLOB '*[^0-9a-f]*' AND {row}.deleted = 0")


def _triggers(table: str) -> list[str]:
    forget = f"DELETE FROM attachment_refs WHERE uuid = OLD.uuid AND tbl = '{table}';"
    note = f"INSERT OR IGNORE INTO attachment_refs {_named('NEW', table)};"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_refs_insert AFTER INSERT ON {table}"
        f" WHEN NEW.deleted = 0 AND NEW.answers GLOB {_MAY_NAME} BEGIN {note} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_refs_update AFTER UPDATE OF answers, deleted, uuid"
        f" ON {table} BEGIN {forget} {note} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_refs_delete AFTER DELETE ON {table}"
        f" BEGIN {forget} END",
    ]


def migrate(conn: sqlite3.Connection) -> None:
    conn.execute(_TABLE)
    conn.execute(_BY_RECORD)
    for table in ANSWER_TABLES:
        for trigger in _triggers(table):
            conn.execute(trigger)
        conn.execute(f"INSERT OR IGNORE INTO attachment_refs {_named(table, table)}")
