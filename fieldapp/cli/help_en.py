"""The command line's help in English with an English locale: each Chinese help text (what the
modules give argparse) looked up in resources/i18n/en/cli_help.tsv, one "Chinese<TAB>English"
line per text, so the modules keep one string each and parallel work adds lines to one table."""

from __future__ import annotations

import argparse
from functools import cache

from fieldapp.core.paths import resource_dir


@cache
def table() -> dict[str, str]:
    path = resource_dir() / "i18n" / "en" / "cli_help.tsv"
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            zh, _, en = line.partition("\t")
            found[zh] = en
    return found


def texts(parser: argparse.ArgumentParser):
    """(owner, attribute) of every help text, description and metavar of a parser tree."""
    yield parser, "description"
    for action in parser._actions:
        yield action, "help"
        if isinstance(action.metavar, str):
            yield action, "metavar"
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice, "help"
            for sub in dict.fromkeys(action.choices.values()):
                yield from texts(sub)


def to_english(parser: argparse.ArgumentParser) -> None:
    """Put every help text of the parser tree in English (texts not in the table stay)."""
    english = table()
    for owner, attr in texts(parser):
        value = getattr(owner, attr)
        if isinstance(value, str) and value in english:
            setattr(owner, attr, english[value])
