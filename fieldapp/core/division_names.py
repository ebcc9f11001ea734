"""Find a division by what a user types: a code (6, 9 or 12 digits), a name (薛村, 薛村村),
or its pinyin, full (xuecun) or initials (xc). Pure: the caller passes the areas."""

from __future__ import annotations

from dataclasses import dataclass

from pypinyin import lazy_pinyin

from .divisions import CodeError, normalize_code
from .pinyin import initials

# Trailing words a user may leave out: 薛村村委会 / 薛村村 -> 薛村, 西社镇 -> 西社.
_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "社区", "街道", "村", "镇", "乡")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_name: str = ""

    def label(self) -> str:
        where = f"{self.parent_name} " if self.parent_name else ""
        return f"{self.code} {where}{self.name}"


def _names(name: str) -> list[str]:
    """The name and its shorter forms: 薛村村委会 -> [薛村村委会, 薛村, 薛]."""
    out = [name]
    while True:
        cur = out[-1]
        nxt = next((cur[: -len(s)] for s in _SUFFIXES if cur.endswith(s) and len(cur) > len(s)),
                   None)
        if nxt is None:
            return out
        out.append(nxt)


def shorter_forms(name: str) -> list[str]:
    """`name` and its forms without the suffixes of division names (东街村 -> [东街村, 东街])."""
    return _names(name)


def _keys(name: str) -> set[str]:
    out = set()
    for n in _names(name):
        out.add("".join(lazy_pinyin(n)).lower())
        out.add(initials(n))
    return {k for k in out if k}


def find(divisions: list[Division], text: str, levels: tuple[str, ...]) -> list[Division]:
    """The divisions of the given levels that `text` names. A code or an exact name wins over
    pinyin; several results mean the text is ambiguous."""
    text = (text or "").strip()
    pool = [d for d in divisions if d.level in levels]
    if text.isdigit():
        try:
            code = normalize_code(text)
        except CodeError:
            return []
        return [d for d in pool if d.code == code]
    exact = [d for d in pool if d.name == text]
    if exact:
        return exact
    by_name = [d for d in pool if text in _names(d.name)]
    if by_name:
        return by_name
    key = text.replace(" ", "").replace("'", "").lower()
    return [d for d in pool if key in _keys(d.name)]
