"""One catalogue entry: a Chinese and an English template with the same ``{fields}``
(fieldapp.core.messages).  The catalogue's chapters (messages_*.py) are plain classes of
Templates that ErrorCode takes in as its own members."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    zh: str
    en: str
    code: str = ""  # the stable code if it differs from the lower-cased member name


def chapter(cls: type) -> dict[str, Template]:
    """The entries of a chapter class, by name, for ErrorCode's class body."""
    return {name: value for name, value in vars(cls).items() if isinstance(value, Template)}
