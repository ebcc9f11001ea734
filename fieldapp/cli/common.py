"""Shared helpers for CLI commands: opening databases, printing JSON, progress on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldapp.core.divisions import CodeError, normalize_code
from fieldapp.core.errors import BadValue, FieldappError
from fieldapp.core.messages import ErrorCode
from fieldapp.core.user_language import english_locale
from fieldapp.store import Store


class CliError(FieldappError):
    """A command used wrongly: a catalogue entry (core/messages_cli.py), one line on stderr."""

    exit_code = 1


def english() -> bool:
    """Messages in English when the user's locale asks for it (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG, as gettext reads them); Chinese otherwise (core.user_language)."""
    return english_locale()


def zh_en(zh: str, en: str) -> str:
    """What a command prints, in the user's language (errors go through the catalogue)."""
    return en if english() else zh


def plural(count: int, word: str, many: str = "") -> str:
    """An English count with its noun: "1 household", "2 households" ("many" for an irregular
    plural: plural(n, "person", "persons"))."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def in_language(exc: Exception) -> str:
    """An error as printed: catalogued errors in the user's language, with the place first."""
    if isinstance(exc, FieldappError) and english():
        text = exc.text("en")
        where = getattr(exc, "where_en", None) or exc.where  # a form's sheet and row, in English
        return f"{where}: {text}" if where else text
    return str(exc)


def open_store(path: str, *, readonly: bool = False) -> Store:
    """A read-only command on a database made by an older version upgrades it first (as the
    app does when it opens one), saying so (jobs.open_database)."""
    from fieldapp.jobs.open_database import open_database

    def told(upgraded: str) -> None:
        print("fieldapp: " + zh_en(f"已把 {upgraded} 升级到当前版本",
                                   f"upgraded {upgraded} to the current version"), file=sys.stderr)

    return open_database(path, readonly=readonly, on_upgrade=told)


class CodeArgError(CliError, argparse.ArgumentTypeError):
    """A bad division code: a usage error when argparse converts it, a one-line error otherwise."""

    def __str__(self) -> str:  # argparse prints str(): the user's language
        return in_language(self) if english() else super().__str__()


def code_arg(value: str) -> str:
    try:
        return normalize_code(value)
    except CodeError as exc:
        raise CodeArgError.again(exc) from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


class StderrProgress:
    """A progress callback for long jobs: prints a percentage line on a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.last = -1
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> bool:
        if self.tty and total:
            pct = int(100 * done / total)
            if pct != self.last:
                self.last = pct
                sys.stderr.write(f"\r{self.label} {pct:3d}%")
                if done >= total:
                    sys.stderr.write("\n")
                sys.stderr.flush()
        return True  # never cancel from here


def print_error_json(exc) -> None:
    """`--json` and an error: {"error": {"code", "message", "message_en", "where", "params"}} on
    stdout (the Chinese sentence still goes to stderr)."""
    print_json({"error": exc.as_dict()})


def warn_backup_failed(exc: Exception) -> None:
    """The commands' on_backup_failure (jobs.policies): a failed automatic backup before a big
    change is a warning, not a stop (the change itself is one transaction either way)."""
    print("fieldapp: " + zh_en(f"警告: 未能自动备份（{exc}），继续执行",
                               f"warning: no automatic backup ({in_language(exc)}); going on"),
          file=sys.stderr)


_LEVEL_WORDS = {frozenset({"county"}): ErrorCode.WORD_COUNTY,
                frozenset({"township"}): ErrorCode.WORD_TOWNSHIP,
                frozenset({"village"}): ErrorCode.WORD_VILLAGE,
                frozenset({"township", "village"}): ErrorCode.WORD_TOWNSHIP_OR_VILLAGE}


def resolve_area(store: Store, text: str, levels: tuple[str, ...], option: str) -> str:
    """The 12-digit code a user means by `text` (a code, a unique name or its pinyin) for the
    option `option`; several or no matches end the command naming them."""
    from fieldapp.core.division_names import find
    from fieldapp.store.divisions_list import divisions

    if text.strip().isdigit():
        code_arg(text)  # a malformed code is a usage error naming the rule
    hits = find(divisions(store), text, levels)
    what = _LEVEL_WORDS.get(frozenset(levels), ErrorCode.WORD_AREA)
    if not hits:
        raise BadValue(ErrorCode.AREA_NOT_FOUND, option=option, text=text, what=what)
    if len(hits) > 1:
        shown = "; ".join(d.label() for d in hits[:10])
        if len(hits) > 10:
            raise BadValue(ErrorCode.AREA_AMBIGUOUS_MANY, option=option, text=text, what=what,
                           shown=shown, count=len(hits))
        raise BadValue(ErrorCode.AREA_AMBIGUOUS, option=option, text=text, what=what,
                       shown=shown, more="")
    return hits[0].code


def resolve_area_in(db: str, text: str | None, levels: tuple[str, ...], option: str) -> str | None:
    """resolve_area for commands that open the database themselves later."""
    if not text:
        return None
    with open_store(db, readonly=True) as store:
        return resolve_area(store, text, levels, option)
