"""The error catalogue, chapter store: the database's records, backups, checks and the jobs over them (fieldapp.store, fieldapp.jobs).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class StoreMessages:
    pass
