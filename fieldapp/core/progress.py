"""One progress protocol and one cancellation for every long job (imports, merge, exports,
sheets, reports, backup, undo, demo).  A job calls ``progress(done, total)`` between steps; a
False answer means "stop": the job raises Cancelled having changed nothing.  Defined in core so
that every layer can take a Progress; fieldapp.jobs re-exports both."""

from __future__ import annotations

from typing import Protocol

from .errors import FieldappError
from .messages import ErrorCode


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> bool: ...


def keep_going(done: int, total: int) -> bool:
    """The Progress of a caller that never cancels and shows nothing."""
    return True


class Cancelled(FieldappError):
    """The user cancelled a job; nothing was changed (code "cancelled")."""

    code = "cancelled"

    def __init__(self, entry: ErrorCode = ErrorCode.CANCELLED, **kw):
        super().__init__(entry, **kw)
