"""Where fieldapp keeps the user's files: databases, backups, logs and settings.

Everything lives under one per-user app-data folder:

    Windows  C:\\Users\\<user>\\AppData\\Local\\fieldapp
    macOS    ~/Library/Application Support/fieldapp
    Linux    $XDG_DATA_HOME/fieldapp (~/.local/share/fieldapp)

The base folder comes from Qt's QStandardPaths (GenericDataLocation) when PySide6 is there, and
from the same per-platform rules without Qt otherwise (the command line works without Qt). The
environment variable FIELDAPP_HOME overrides the folder (portable installs, tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode

APP_DIR_NAME = "fieldapp"
SUBDIRS = ("databases", "backups", "logs", "settings")


class AppDataError(FieldappError):
    code = "app_data"


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AppDataError(ErrorCode.APP_DATA_FOLDER, where=str(path), reason=exc.strerror) from None


def _generic_data_location() -> Path:
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # pragma: no cover - PySide6 is a dependency; the CLI may run without it
        return _fallback_generic_data_location()
    location = QStandardPaths.writableLocation(QStandardPaths.GenericDataLocation)
    return Path(location) if location else _fallback_generic_data_location()


def _fallback_generic_data_location() -> Path:
    """The same folders QStandardPaths.GenericDataLocation gives, without Qt."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        return Path(base) if base else Path.home() / "AppData" / "Local"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"


def app_data_dir(create: bool = True) -> Path:
    """The per-user folder for everything fieldapp writes."""
    override = os.environ.get("FIELDAPP_HOME")
    root = Path(override) if override else _generic_data_location() / APP_DIR_NAME
    if create:
        _mkdir(root)
    return root


def _sub(name: str, create: bool) -> Path:
    path = app_data_dir(create) / name
    if create:
        _mkdir(path)
    return path


def databases_dir(create: bool = True) -> Path:
    return _sub("databases", create)


def backups_dir(create: bool = True) -> Path:
    return _sub("backups", create)


def logs_dir(create: bool = True) -> Path:
    return _sub("logs", create)


def settings_dir(create: bool = True) -> Path:
    return _sub("settings", create)


def all_dirs() -> dict[str, Path]:
    """Name -> folder, for the About dialog and `--json` outputs."""
    return {"app_data": app_data_dir(), **{name: _sub(name, True) for name in SUBDIRS}}


def default_database_path(county_code: str, township_code: str | None = None) -> Path:
    """A new database's file name in the databases folder, never one that exists already:
    county-140824.sqlite, township-140824100.sqlite, township-140824100-2.sqlite, ..."""
    stem = f"township-{township_code[:9]}" if township_code else f"county-{county_code[:6]}"
    folder = databases_dir()
    path = folder / f"{stem}.sqlite"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.sqlite"
        n += 1
    return path


def existing_databases() -> list[Path]:
    """Databases in the databases folder, newest first."""
    folder = databases_dir(create=False)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
