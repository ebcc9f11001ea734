"""Pinyin initials of Chinese names for quick search: 张三 -> "zs"."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


class _Initials(dict):
    """str.translate table: each character to its initial ("" drops it), worked out the first
    time the character is seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii():
            initial = ch.lower() if ch.isalnum() else ""
        else:
            py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
            initial = py[0][:1].lower() if py and py[0] else ""
        if len(self) < 50_000:  # bounded: names use a few thousand characters
            self[code] = initial
        return initial


_TABLE = _Initials()


def initials(name: str | None) -> str:
    return name.translate(_TABLE) if name else ""
