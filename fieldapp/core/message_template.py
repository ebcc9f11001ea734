"""One catalogue entry: a Chinese and an English template with the same ``{fields}``
(fieldapp.core.messages).  The catalogue's chapters (messages_*.py) are plain classes of
Templates that ErrorCode takes in as its own members."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Template:
    zh: str
    en: str
    code: str = ""  # the stable code if it differs from the lower-cased member name


def chapter(cls: type) -> dict[str, Template]:
    """The entries of a chapter class, by name, for ErrorCode's class body."""
    return {name: value for name, value in vars(cls).items() if isinstance(value, Template)}


class Said:
    """A catalogue entry with its parameters, rendered only when shown: a problem found in a
    row (register, visits, map) keeps this and is put in the user's language where printed.
    ``str()`` is the Chinese sentence."""

    __slots__ = ("entry", "params")

    def __init__(self, entry: Any, **params: Any):
        self.entry, self.params = entry, params

    def text(self, language: str = "zh") -> str:
        return self.entry.text(language, **self.params)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Said({self.entry.name}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Said) and (self.entry, self.params) == (other.entry, other.params)

    __hash__ = None  # type: ignore[assignment]


class Words:
    """A value shown inside a message that has its own Chinese and English (a form's label, an
    answer's problem as the form words it): a parameter of a Said."""

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en

    def text(self, language: str = "zh") -> str:
        return self.en if language.startswith("en") else self.zh

    def __str__(self) -> str:
        return self.zh


def listing(items, *, alternatives: bool = False) -> Words:
    """Several values as a message parameter: "a、b" / "a, b" (or "a 或 b" / "a or b")."""
    items = [str(i) for i in items]
    if alternatives:
        return Words(" 或 ".join(items), " or ".join(items))
    return Words("、".join(items), ", ".join(items))
