"""Pinyin initials for the household search come from the shipped table
(resources/data/pinyin_initials.txt): the same initials pypinyin gives, without loading it."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from fieldapp.core.pinyin import initials

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("pinyin_initials",
                                                  ROOT / "tools" / "pinyin_initials.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _library(name: str) -> str:
    """What the writer stored before the table: pypinyin's initial of each character."""
    out = []
    for ch in name:
        if ch.isascii():
            out.append(ch.lower() if ch.isalnum() else "")
        else:
            py = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
            out.append(py[0][:1].lower() if py and py[0] else "")
    return "".join(out)


def test_common_names():
    assert initials("张三") == "zs"
    assert initials("李强军") == "lqj"
    assert initials("欧阳 Ann2") == "oyann2"
    assert initials("") == "" and initials(None) == ""


def test_table_agrees_with_pypinyin_on_a_sample():
    rng = random.Random(20)
    known = rng.sample(sorted(pinyin_dict), 3000)  # characters pypinyin has a reading for
    other = [0xB7, 0xE9, 0x2160, 0x3005, 0x30FC, 0xFF21, 0x1F600, 0x3400 - 1]  # · é Ⅰ 々 ー Ａ 😀
    sample = "".join(map(chr, known + other)) + "王芳·买买提 Li Lei 2号"
    for i in range(0, len(sample), 7):  # as names of a few characters
        name = sample[i:i + 7]
        assert initials(name) == _library(name), name


def test_shipped_table_is_what_the_tool_writes_from_the_installed_pypinyin():
    shipped = (ROOT / "resources" / "data" / "pinyin_initials.txt").read_text(encoding="utf-8")
    assert shipped == _tool().render(), "run: python tools/pinyin_initials.py"


def test_initials_do_not_load_pypinyin():
    code = ("import sys; from fieldapp.core.pinyin import initials; "
            "print(initials('赵钱孙李'), 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["zqsl", "False"]
