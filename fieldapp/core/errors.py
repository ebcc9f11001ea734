"""Errors are values first: a code, the place, and details; UI and CLI phrase them.

Raise with a catalogue entry and its parameters (fieldapp.core.messages.ErrorCode); a plain
message string is still accepted from code not yet converted (tests/test_error_catalogue.py keeps
the list of such files, which may only shrink).
"""

from __future__ import annotations

from typing import Any

from .messages import ErrorCode


class FieldappError(Exception):
    """Base error with a stable code and a human-readable message (Chinese first)."""

    code = "error"

    def __init__(self, message: str | ErrorCode, *, code: str | None = None,
                 where: str | None = None, **params: Any):
        self.entry = message if isinstance(message, ErrorCode) else None
        self.params = params
        if self.entry is not None:
            # the stable code: given, else the entry's own, else the class's, else the entry name
            code = code or self.entry.value.code or (None if self.code != "error"
                                                     else self.entry.code)
            message = self.entry.text("zh", **params)
        self.message = message
        if code:
            self.code = code
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    @classmethod
    def again(cls, exc: Exception, *, where: str | None = None) -> FieldappError:
        """Another error's message as this kind of error (its code stays this kind's): both
        languages when the other was catalogued."""
        if isinstance(exc, FieldappError) and exc.entry is not None:
            return cls(exc.entry, code=None if cls.code == "error" else cls.code,
                       where=where or exc.where, **exc.params)
        return cls(str(exc), where=where)

    def text(self, language: str = "zh") -> str:
        """The message in the user's language (English only for catalogued errors)."""
        if self.entry is None or not language.startswith("en"):
            return self.message
        return self.entry.text(language, **self.params)

    def as_dict(self) -> dict[str, Any]:
        """For --json: the stable code, the Chinese and English message, place and parameters."""
        return {"code": self.code, "message": self.message, "message_en": self.text("en"),
                "where": self.where, "params": {k: v.text() if isinstance(v, ErrorCode) else str(v)
                                          for k, v in self.params.items()}}


class BadValue(FieldappError, ValueError):
    """A value typed or read that cannot be used (still a ValueError for callers that catch it)."""

    code = "bad_value"
