"""Where bundled resources and forms live: beside the package in a source tree or an installed
wheel, or in the PyInstaller bundle (sys._MEIPASS)."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]  # fieldapp/core/paths.py -> the root


def resource_dir() -> Path:
    return _root() / "resources"


def forms_dir() -> Path:
    return _root() / "forms"


def data_file(name: str) -> Path:
    return resource_dir() / "data" / name


def fsync_file(path: str | Path) -> None:
    """A finished file's content on disk (before it is renamed into place)."""
    import os

    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
