"""Short ids people can read aloud and type: the first characters of a record's uuid (as git
shows commits). Commands print them; the store accepts them (or the whole uuid) back."""

from __future__ import annotations

SHORT_ID_LENGTH = 8
MIN_TYPED = 4  # fewer characters than this are never taken as an id


def short_id(uuid: str | None) -> str:
    return (uuid or "")[:SHORT_ID_LENGTH]


def id_prefix(text: str) -> str | None:
    """The lower-case prefix to look up for what a user typed, None if it cannot be an id."""
    t = (text or "").strip().lower()
    if len(t) < MIN_TYPED or any(c not in "0123456789abcdef-" for c in t):
        return None
    return t
