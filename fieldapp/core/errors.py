"""Errors are values first: a code, the place, and details; UI and CLI phrase them."""

from __future__ import annotations


class FieldappError(Exception):
    """Base error with a stable code and a human-readable message (Chinese first)."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, where: str | None = None):
        self.message = message
        if code:
            self.code = code
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
