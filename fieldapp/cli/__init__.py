"""The command line. Each module in this package registers its sub-commands with `register()`;
commands are thin wrappers over library functions. Errors end in one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sqlite3
import sys

from fieldapp import __version__
from fieldapp.core.errors import FieldappError

from .argparse_zh import chinese
from .common import CliError, english, in_language, print_error_json, zh_en

__all__ = ["english", "main", "build_parser"]

# Commands are registered in this order in --help; modules not listed come after, by name.
_ORDER = ("demo", "info", "init", "form", "register", "visits", "imports", "export", "gaps",
          "map", "bundle", "conflicts", "sheets", "report", "check", "backup")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="户户通入户核查 — 不落一户、不落一人。不带子命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}",
                        help="显示程序版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name not in ("common", "__main__")]
    names.sort(key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    if english():
        from .help_en import to_english

        to_english(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # parallel sheet rendering inside a PyInstaller build
    argv = list(sys.argv[1:] if argv is None else argv)
    # `fieldapp` or `fieldapp DB` opens the app.
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and _is_path_like(argv[0])):
        from fieldapp.ui.shell.app import run_app

        return run_app(argv[0] if argv else None)
    with contextlib.nullcontext() if english() else chinese():
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
    from fieldapp.core.private_files import owner_only_umask
    from fieldapp.core.private_temp import clean_leftovers

    clean_leftovers()  # plaintext temporaries of a job killed earlier (issue 15 item 7)
    old_umask = owner_only_umask()  # whatever a command writes is owner-only (item 6)
    try:
        return _run(args)
    finally:
        os.umask(old_umask)


def _run(args) -> int:
    try:
        return int(args.func(args) or 0)
    except (CliError, FieldappError) as exc:
        print(f"fieldapp: {in_language(exc)}", file=sys.stderr)
        if getattr(args, "json", False) and getattr(exc, "json_error", True):
            print_error_json(exc)  # scripts read the stable code, not the sentence
        return getattr(exc, "exit_code", 1)
    except sqlite3.DatabaseError as exc:
        from fieldapp.store.db import translate_error

        err = translate_error(exc, getattr(args, "db", None))
        print("fieldapp: " + zh_en(f"{err}（可运行 fieldapp check 检查数据库）",
                                   f"{in_language(err)} (fieldapp check examines the database)"),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fieldapp: " + ("cancelled" if english() else "已取消"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`fieldapp map check DB --json | head`): what was to be done
        # is done, only the rest of the output is unwanted. No traceback, now or at exit.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a program killed by SIGPIPE


def _is_path_like(arg: str) -> bool:
    return arg not in _subcommand_names() and ("/" in arg or "." in arg or "\\" in arg)


def _subcommand_names() -> set[str]:
    return {m.name for m in pkgutil.iter_modules(__path__)} | {
        "import-register", "import-visits", "export", "sheets", "bundle", "map", "form"}


if __name__ == "__main__":
    sys.exit(main())
