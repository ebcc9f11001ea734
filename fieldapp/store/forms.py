"""Checklists kept in the database (`sync_forms`, `sync_form_files`): the shipped ones registered
when a county database is made, the ones the county publishes (`fieldapp form publish`) and the
ones a laptop receives in a reference bundle, each with the choice files of its
select_*_from_file questions; and which form versions the visits were made with, on which laptop."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from fieldapp.store.sync_log.changes import now_iso

ORIGINS = ("shipped", "published", "received")


def add_form(store, *, form_id: str, version: str, file_name: str,
             content: bytes, title: str = "", origin: str = "published",
             published_by: str | None = None, files: Mapping[str, bytes] | None = None) -> bool:
    """Keep one version of a form (with its choice files); False when that version is already
    kept (it is never replaced: a version names one content)."""
    conn = store.conn
    cur = conn.execute(
        "INSERT INTO sync_forms(form_id, version, file_name, sha256, content, added_at, title,"
        " origin, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(form_id, version) DO NOTHING",
        (form_id, version, file_name, hashlib.sha256(content).hexdigest(), content, now_iso(),
         title, origin, published_by))
    if not cur.rowcount:
        return False
    for name, data in (files or {}).items():
        conn.execute(
            "INSERT OR REPLACE INTO sync_form_files(form_id, version, name, sha256, content)"
            " VALUES (?, ?, ?, ?, ?)", (form_id, version, name, hashlib.sha256(data).hexdigest(),
                                        data))
    return True


def form_list(store) -> list[dict[str, Any]]:
    """Every kept form version, without its content: id, version, title, origin, when, by whom,
    workbook name and checksum, and the names of its choice files."""
    conn = store.conn
    files: dict[tuple[str, str], list[str]] = {}
    for form_id, version, name in conn.execute(
            "SELECT form_id, version, name FROM sync_form_files ORDER BY name"):
        files.setdefault((form_id, version), []).append(name)
    cur = conn.execute(
        "SELECT form_id, version, title, origin, added_at, published_by, file_name, sha256,"
        " length(content) AS size FROM sync_forms ORDER BY form_id, added_at, version")
    names = [d[0] for d in cur.description]
    out = [dict(zip(names, r)) for r in cur]
    for row in out:
        row["files"] = files.get((row["form_id"], row["version"]), [])
    return out


def form_content(store, form_id: str, version: str) -> dict[str, Any] | None:
    """One kept version with its workbook bytes and its choice files ({name: bytes}, and
    {name: sha256} in `file_sha256`)."""
    conn = store.conn
    row = conn.execute(
        "SELECT form_id, version, title, origin, file_name, sha256, content FROM sync_forms"
        " WHERE form_id = ? AND version = ?", (form_id, version)).fetchone()
    if row is None:
        return None
    out = dict(zip(("form_id", "version", "title", "origin", "file_name", "sha256", "content"),
                   row))
    out["content"] = bytes(out["content"])
    out["files"], out["file_sha256"] = {}, {}
    for name, sha, data in conn.execute(
            "SELECT name, sha256, content FROM sync_form_files WHERE form_id = ? AND version = ?"
            " ORDER BY name", (form_id, version)):
        out["files"][name] = bytes(data)
        out["file_sha256"][name] = sha
    return out


def usage(store) -> list[dict[str, Any]]:
    """Which form versions the visits and public places in this database were made with, per
    laptop (a visit: the device named when it started; a place: the device of its latest change)
    and township: counts, drafts, latest."""
    conn = store.conn
    cur = conn.execute(
        "SELECT v.form_id, v.form_version AS version, coalesce(v.device, v.device_id) AS device,"
        " substr(h.village_code, 1, 9) || '000' AS township_code, t.name AS township,"
        " count(*) AS records, sum(v.state = 'draft') AS drafts,"
        " max(coalesce(v.ended_at, v.started_at)) AS latest"
        " FROM visits v JOIN households h ON h.uuid = v.household_uuid"
        " LEFT JOIN areas t ON t.code = substr(h.village_code, 1, 9) || '000'"
        " WHERE v.deleted = 0 GROUP BY 1, 2, 3, 4"
        " UNION ALL SELECT p.form_id, p.form_version, coalesce(d.name, p.device_id),"
        " p.township_code, t.name, count(*), sum(p.state = 'draft'), max(p.updated_at)"
        " FROM public_places p LEFT JOIN devices d ON d.device_id = p.device_id"
        " LEFT JOIN areas t ON t.code = p.township_code"
        " WHERE p.deleted = 0 AND p.form_id IS NOT NULL GROUP BY 1, 2, 3, 4"
        " ORDER BY 1, 2, 4, 3")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def visit_form_versions(store) -> list[tuple[str, str]]:
    """(form id, version) pairs the visits use."""
    conn = store.conn
    return [tuple(r) for r in conn.execute(
        "SELECT DISTINCT form_id, form_version FROM visits WHERE deleted = 0 ORDER BY 1, 2")]
