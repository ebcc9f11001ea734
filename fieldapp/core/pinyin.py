"""Pinyin of Chinese names for quick search: 张三 -> initials "zs", full pinyin "zhangsan".
pypinyin loads its dictionaries (~1 s) the first time a name needs it, not at start."""

from __future__ import annotations

from functools import lru_cache


class _Initials(dict):
    """str.translate table: each character to its initial ("" drops it), worked out the first
    time the character is seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii():
            initial = ch.lower() if ch.isalnum() else ""
        else:
            from pypinyin import Style, lazy_pinyin

            py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
            initial = py[0][:1].lower() if py and py[0] else ""
        if len(self) < 50_000:  # bounded: names use a few thousand characters
            self[code] = initial
        return initial


_TABLE = _Initials()


def initials(name: str | None) -> str:
    return name.translate(_TABLE) if name else ""


@lru_cache(maxsize=50000)
def full_pinyin(name: str | None) -> str:
    """Toneless pinyin of a name, lower case, no separators: 李强军 -> "liqiangjun"."""
    if not name:
        return ""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name, errors=lambda s: s.lower())).lower().replace(" ", "")
