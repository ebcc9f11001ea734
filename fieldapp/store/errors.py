"""Store errors carry a code and the file; UI and CLI turn them into one clear sentence."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class StoreError(FieldappError):
    code = "store"


class NotFound(StoreError):
    code = "not_found"


class NotADatabase(StoreError):
    code = "not_a_database"


class CorruptDatabase(StoreError):
    code = "corrupt"


class NewerSchema(StoreError):
    code = "newer_schema"


class ReadOnlyDatabase(StoreError):
    code = "read_only"


class NeedsUpgrade(ReadOnlyDatabase):
    """Opened read-only, but made by an older version: its schema must be upgraded first."""


class AlreadyExists(StoreError):
    code = "exists"


class InUse(StoreError):
    """Another program has the database open, so it cannot be replaced or built over."""

    code = "in_use"


class LockedDatabase(StoreError):
    code = "locked"
