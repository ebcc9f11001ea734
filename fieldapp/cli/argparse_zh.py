"""argparse's own words (usage, -h, its error messages) in Chinese, as the rest of the command
line by default: argparse looks its messages up through its module's gettext functions at run
time, so `chinese()` puts a small table in front of them while a command runs."""

from __future__ import annotations

import argparse
import contextlib

ZH = {
    "usage: ": "用法: ",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "缺少必需的参数: %s",
    "unrecognized arguments: %s": "不认识的参数: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选项 %(value)r（可选: %(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值: %(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "没有子命令 %(parser_name)r（可选: %(choices)s）",
}


@contextlib.contextmanager
def chinese():
    """argparse speaks Chinese inside the block (messages not in the table stay as they are)."""
    plain, plural = argparse._, argparse.ngettext

    def zh(message: str) -> str:
        return ZH.get(message) or plain(message)

    def zh_plural(singular: str, many: str, n: int) -> str:
        if singular == "expected %s argument":
            return "需要 %s 个值"
        return plural(singular, many, n)

    argparse._, argparse.ngettext = zh, zh_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = plain, plural
