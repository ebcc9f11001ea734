"""Visits and their photos: drafts saved answer by answer, completion, attachments by sha256,
and a household's change history. Every write goes through the change-logged writer, so each
answer change is versioned, audited (who, device, when, old, new) and syncs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from fieldapp.store.sync_log.changes import now_iso

_VISIT_COLUMNS = ("uuid", "household_uuid", "form_id", "form_version", "answers", "state",
                  "surveyor", "device", "started_at", "ended_at", "hlc")


def _visit_row(cur) -> dict[str, Any] | None:
    row = cur.fetchone()
    if row is None:
        return None
    d = dict(zip(_VISIT_COLUMNS, row))
    d["answers"] = json.loads(d["answers"] or "{}")
    return d


def get_visit(store, uuid: str) -> dict[str, Any] | None:
    return _visit_row(store.conn.execute(
        f"SELECT {', '.join(_VISIT_COLUMNS)} FROM visits WHERE uuid = ? AND deleted = 0",
        (uuid,)))


def latest_draft(store, household_uuid: str, form_id: str) -> dict[str, Any] | None:
    """The household's most recent unfinished visit with this form, to carry on with."""
    return _visit_row(store.conn.execute(
        f"SELECT {', '.join(_VISIT_COLUMNS)} FROM visits WHERE household_uuid = ?"
        " AND form_id = ? AND state = 'draft' AND deleted = 0"
        " ORDER BY coalesce(started_at, '') DESC, hlc DESC LIMIT 1",
        (household_uuid, form_id)))


def recent_answers(store, household_uuid: str, form_id: str, names: list[str],
                   scan: int = 50) -> dict[str, Any]:
    """What `${last-saved#name}` defaults of a new visit start with, as ODK Collect's last-saved:
    for each of `names`, the latest non-empty answer among the completed visits of the household's
    village, this laptop's own first. A question nobody answered yet starts empty."""
    if not names:
        return {}
    rows = store.conn.execute(
        "SELECT v.answers FROM visits v JOIN households h ON h.uuid = v.household_uuid"
        " WHERE h.village_code = (SELECT village_code FROM households WHERE uuid = ?)"
        " AND v.form_id = ? AND v.state = 'complete' AND v.deleted = 0"
        " ORDER BY v.device IS NOT ?, v.ended_at DESC, v.hlc DESC LIMIT ?",
        (household_uuid, form_id, store.device_id, scan)).fetchall()
    found: dict[str, Any] = {}
    for (text,) in rows:
        answers = json.loads(text or "{}")
        for name in names:
            if name not in found and answers.get(name) not in (None, "", []):
                found[name] = answers[name]
        if len(found) == len(names):
            break
    return found


def start_visit(store, user: str, household_uuid: str, form_id: str, form_version: str,
                answers: Mapping[str, Any]) -> str:
    """Create a draft visit holding `answers`; returns its uuid.

    The record is inserted empty and the answers set by an update in the same transaction, so
    the first answers are audited like every later change.
    """
    with store.write(user) as w:
        uuid = w.insert("visits", {
            "household_uuid": household_uuid, "form_id": form_id, "form_version": form_version,
            "answers": {}, "state": "draft", "surveyor": w.user,
            "device": store.setting("device_name") or store.device_id,
            "started_at": now_iso(),
        })
        patch = {k: v for k, v in answers.items() if v is not None}
        if patch:
            w.update("visits", uuid, {"answers": patch})
    return uuid


def save_answers(store, user: str, visit_uuid: str, changes: Mapping[str, Any]) -> int:
    """Write changed answers (None removes one); returns how many really changed."""
    if not changes:
        return 0
    with store.write(user) as w:
        return w.update("visits", visit_uuid, {"answers": dict(changes)})


def complete_visit(store, user: str, visit_uuid: str, changes: Mapping[str, Any]) -> None:
    """Final answer changes (e.g. dropping answers that no longer apply) and state 'complete';
    the household's status follows in the same transaction."""
    with store.write(user) as w:
        if changes:
            w.update("visits", visit_uuid, {"answers": dict(changes)})
        w.update("visits", visit_uuid, {"state": "complete", "ended_at": now_iso()})


def reopen_visit(store, user: str, visit_uuid: str) -> None:
    """Make a complete visit a draft again so it can be corrected (status falls back)."""
    with store.write(user) as w:
        w.update("visits", visit_uuid, {"state": "draft"})


def discard_visit(store, user: str, visit_uuid: str) -> None:
    with store.write(user) as w:
        w.delete("visits", visit_uuid)


# ----- attachments ------------------------------------------------------------------------
def content_sha(content: bytes) -> str:
    """The key of an attachment: the sha256 of its content, as the answer that names it."""
    return hashlib.sha256(content).hexdigest()


def put_attachment(store, user: str, content: bytes, media_type: str,
                   thumbnail: bytes | None = None) -> str:
    """Store a file once by its sha256 (a second copy is not stored again; a retired copy is
    brought back); returns the hash."""
    sha = content_sha(content)
    row = store.conn.execute("SELECT deleted FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
    if row is not None:
        if row[0]:
            with store.write(user) as w:
                w.use_attachments([sha])
        return sha
    with store.write(user) as w:
        w.insert("attachments", {"sha256": sha, "media_type": media_type, "size": len(content),
                                 "content": content, "thumbnail": thumbnail,
                                 "created_at": now_iso()})
    return sha


def attachment(store, sha256: str) -> dict[str, Any] | None:
    cur = store.conn.execute(
        "SELECT sha256, media_type, size, content, thumbnail, created_at FROM attachments"
        " WHERE sha256 = ? AND deleted = 0", (sha256,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def thumbnail(store, sha256: str) -> bytes | None:
    row = store.conn.execute(
        "SELECT coalesce(thumbnail, content) FROM attachments WHERE sha256 = ? AND deleted = 0",
        (sha256,)).fetchone()
    return row[0] if row else None


def attachment_info(store, sha256: str) -> dict[str, Any] | None:
    """{media_type, size} of a stored attachment (without its content), None when absent."""
    row = store.conn.execute(
        "SELECT media_type, size FROM attachments WHERE sha256 = ? AND deleted = 0",
        (sha256,)).fetchone()
    return {"media_type": row[0], "size": row[1]} if row else None


def has_attachment(store, sha256: str) -> bool:
    """Whether this content is stored already (also a deleted copy: it is not stored again)."""
    return store.conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?",
                              (sha256,)).fetchone() is not None


def drop_unused_attachments(store, user: str, shas) -> list[str]:
    """Retire those of `shas` that no live visit or public place answer names (stored while a
    form was open, then replaced or cleared before it was saved); see
    fieldapp.store.sync_log.attachment_use. Returns the ones retired."""
    with store.write(user) as w:
        w.retire_attachments(shas)
    return w.retired


def keep_named_attachments(store, user: str, shas) -> None:
    """After a merge: those of `shas` the merged bundle retired that a live visit or public
    place here still names are brought back (a change of this device, which syncs)."""
    with store.write(user) as w:
        w.revive_named_attachments(shas)


# ----- history ----------------------------------------------------------------------------
def household_history(store, household_uuid: str, limit: int = 1000) -> list[dict[str, Any]]:
    """Every recorded change of a household and of its visits, newest first: who, which
    device, when, field, old and new value, and which visit it belongs to."""
    cur = store.conn.execute(
        "SELECT a.id, a.tbl, a.record_uuid, a.field, a.old, a.new, a.user, a.device_id, a.at,"
        " coalesce(d.name, a.device_id) AS device_name, v.form_id, v.form_version,"
        " v.started_at AS visit_started"
        " FROM audit_log a LEFT JOIN devices d ON d.device_id = a.device_id"
        " LEFT JOIN visits v ON a.tbl = 'visits' AND v.uuid = a.record_uuid"
        " WHERE (a.tbl = 'households' AND a.record_uuid = ?)"
        " OR (a.tbl = 'visits' AND a.record_uuid IN"
        "     (SELECT uuid FROM visits WHERE household_uuid = ?))"
        " ORDER BY a.id DESC LIMIT ?", (household_uuid, household_uuid, limit))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]
