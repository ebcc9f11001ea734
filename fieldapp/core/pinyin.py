"""Pinyin of Chinese names for quick search: 张三 -> initials "zs", full pinyin "zhangsan".
Initials come from a shipped table (resources/data/pinyin_initials.txt, written from pypinyin by
tools/pinyin_initials.py), read the first time a name needs it; full pinyin loads pypinyin's
dictionaries (~1 s) the first time a search needs it, not at start."""

from __future__ import annotations

import threading
from functools import lru_cache

from .paths import data_file

INITIALS_FILE = "pinyin_initials.txt"


class _Initials(dict):
    """str.translate table: each character to its initial ("" drops it). Filled from the shipped
    table on first use; ASCII letters and digits are their own (lower-case) initials, any other
    character not in the table has none."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        return ch.lower() if ch.isascii() and ch.isalnum() else ""


_TABLE = _Initials()
_loaded = threading.Lock()


def _load() -> _Initials:
    with _loaded:
        if not _TABLE:
            table = _Initials()
            with open(data_file(INITIALS_FILE), encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#"):
                        continue
                    initial, _, chars = line.rstrip("\n").partition("\t")
                    table.update(dict.fromkeys(map(ord, chars), initial))
            _TABLE.update(table)
    return _TABLE


def initials(name: str | None) -> str:
    if not name:
        return ""
    return name.translate(_TABLE if _TABLE else _load())


@lru_cache(maxsize=50000)
def full_pinyin(name: str | None) -> str:
    """Toneless pinyin of a name, lower case, no separators: 李强军 -> "liqiangjun"."""
    if not name:
        return ""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name, errors=lambda s: s.lower())).lower().replace(" ", "")
