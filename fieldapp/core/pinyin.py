"""Pinyin initials of Chinese names for quick search: 张三 -> "zs"."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=20000)
def _char_initial(ch: str) -> str:
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    from pypinyin import Style, lazy_pinyin  # loads its dictionaries (~1 s): only when needed

    py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
    return py[0][:1].lower() if py and py[0] else ""


def initials(name: str | None) -> str:
    return "".join(_char_initial(ch) for ch in (name or ""))


@lru_cache(maxsize=50000)
def full_pinyin(name: str | None) -> str:
    """Toneless pinyin of a name, lower case, no separators: 李强军 -> "liqiangjun"."""
    if not name:
        return ""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name, errors=lambda s: s.lower())).lower().replace(" ", "")
