"""Pinyin initials of Chinese names for quick search: 张三 -> "zs"."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=20000)
def _char_initial(ch: str) -> str:
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
    return py[0][:1].lower() if py and py[0] else ""


def initials(name: str | None) -> str:
    return "".join(map(_char_initial, name)) if name else ""
