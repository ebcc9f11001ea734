"""Write resources/data/pinyin_initials.txt: the pinyin initial of every character pypinyin knows,
so that the household writer (core/pinyin.initials) never loads pypinyin's dictionaries (half a
second at the first name of an import).

    python tools/pinyin_initials.py           write the table
    python tools/pinyin_initials.py --check   exit 1 if the shipped table differs from pypinyin's

Each line is an initial, a tab, and every character with that initial. A character not listed
has none (pypinyin gives it no reading); ASCII letters and digits are their own initials.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "resources" / "data" / "pinyin_initials.txt"


def render() -> str:
    """The table's text, from the installed pypinyin."""
    import pypinyin
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    by_initial: dict[str, list[str]] = {}
    for code in sorted(pinyin_dict):
        ch = chr(code)
        py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
        initial = py[0][:1].lower() if py and py[0] else ""
        if initial:
            by_initial.setdefault(initial, []).append(ch)
    head = (f"# Pinyin initials (pypinyin {pypinyin.__version__}), written by"
            " tools/pinyin_initials.py: do not edit\n")
    return head + "".join(f"{i}\t{''.join(chars)}\n" for i, chars in sorted(by_initial.items()))


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        same = TABLE.exists() and TABLE.read_text(encoding="utf-8") == text
        if not same:
            print(f"{TABLE} differs from pypinyin: run python tools/pinyin_initials.py",
                  file=sys.stderr)
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {TABLE} ({len(text.splitlines()) - 1} initials)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
