"""Attachments follow the answers that name them, in the same change-logged write (ChangeWriter).

An attachment (photo, signature, recording, video, file) is named by its sha256 in a visit's or
public place's answers. When an answer stops naming one (a photo replaced, a signature drawn
again, an answer cleared) or its record is deleted, the attachment is retired at the end of the
write: tombstoned like any record, so the deletion syncs, and merged elsewhere it is deleted
there too (unless a record there still names it: the merge then brings it back as that
database's change, sync/merge.py). It is kept while any live record still names it, and a
laptop retires only the attachments it stored itself (the county refuses a laptop's deletion
of another device's attachment). When an answer names a retired attachment again (the same
photo chosen again, a deleted place restored) it is revived, and that syncs too (any device
may revive one: it destroys nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

ANSWER_TABLES = ("visits", "public_places")
_SHA = re.compile(r'"([0-9a-f]{64})"')


def shas_in(value: Any) -> set[str]:
    """The sha256s an answer, a set of answers or their JSON text names."""
    if value is None:
        return set()
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    if isinstance(value, str) and not text.startswith(("{", "[")):
        text = json.dumps(text)  # one plain answer
    return set(_SHA.findall(text))


def _still_named(conn, sha: str) -> bool:
    """Whether a live visit or public place names this content (anywhere in its answers): one
    look-up in attachment_refs, which triggers keep in step with the answers (migration v022)."""
    return conn.execute("SELECT 1 FROM attachment_refs WHERE sha256 = ? LIMIT 1",
                        (sha,)).fetchone() is not None


class AttachmentUse:
    """The attachment half of ChangeWriter (fieldapp.store.sync_log.changes): it notes the
    attachments answers stop or start naming, and settles them before the commit."""

    _left: set[str]
    _named: set[str]
    retired: list[str]

    def _note_left(self, old: Any, new: Any = None) -> None:
        gone = shas_in(old) - shas_in(new)
        if gone:
            self._left |= gone

    def _note_named(self, value: Any) -> None:
        self._named |= shas_in(value)

    def _note_deleted_record(self, table: str, keycol: str, key: str) -> None:
        if table in ANSWER_TABLES:
            row = self.conn.execute(f"SELECT answers FROM {table} WHERE {keycol} = ?",
                                    (key,)).fetchone()
            if row is not None:
                self._note_left(row[0])

    def retire_attachments(self, shas: Iterable[str]) -> None:
        """Retire these attachments at the end of the write if nothing names them then (stored
        while a form was open, then replaced before it was saved)."""
        self._left.update(shas)

    def use_attachments(self, shas: Iterable[str]) -> None:
        """These attachments are in use again (the same content chosen again): a retired one is
        brought back at the end of the write."""
        self._named.update(shas)

    def revive_named_attachments(self, shas: Iterable[str]) -> None:
        """Bring back those of these retired attachments that a live record here still names
        (a merged bundle retired them where nothing named them any more)."""
        for sha in sorted(set(shas)):
            if _still_named(self.conn, sha):
                self._revive_attachment(sha)

    def _settle_attachments(self) -> None:
        """Revive what is named, then retire what left the answers and nothing names now;
        `retired` lists the latter."""
        named, left = self._named, self._left
        self._named, self._left = set(), set()
        for sha in sorted(named):
            self._revive_attachment(sha)
        county = self.store.role == "county"
        for sha in sorted(left - named):
            row = self.conn.execute("SELECT deleted, device_id FROM attachments WHERE sha256 = ?",
                                    (sha,)).fetchone()
            if row is None or row[0] or not (county or row[1] == self.device):
                continue
            if not _still_named(self.conn, sha):
                self.delete("attachments", sha)
                self.retired.append(sha)
