"""Files readable by their owner only (issue 15 item 6): databases, backups and the backup
index, exports and key files hold personal data or secrets, so each is created 0600 (folders
0700) from the first byte, not tightened afterwards.

* `create_private(path)` makes the (empty) file 0600 before a library writes into it (SQLite,
  openpyxl and reportlab keep the mode of a file they overwrite; SQLite gives a database's -wal
  and -shm files the mode of the database file);
* `make_private(path)` tightens a file that exists already (an older database, a file a library
  made itself);
* `owner_only_umask()` is set by the command line and the app when they start, so whatever else
  they create (GDAL's GeoPackage, a PDF of a library that recreates its file) is owner-only too.

On Windows the modes do nothing: files in the user's profile are private to the user by default
(see docs/threat-model.md for what the installer does).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
OWNER_ONLY_UMASK = 0o077


def create_private(path: str | os.PathLike) -> Path:
    """Create `path` empty with mode 0600 (truncating a file there). Returns the path."""
    p = Path(path)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)  # a file that existed keeps its mode without this
    finally:
        os.close(fd)
    return p


def open_private(path: str | os.PathLike, mode: str = "w", **kwargs):
    """`open(path, mode)` for writing, the file created 0600."""
    create_private(path)
    return open(path, mode, **kwargs)


def make_private(path: str | os.PathLike) -> None:
    """Tighten an existing file (or folder) of ours to owner-only; best effort, never raises."""
    if sys.platform == "win32":  # pragma: no cover - Windows: the profile's ACLs
        return
    with contextlib.suppress(OSError):
        st = os.stat(path)
        want = PRIVATE_DIR if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(st.st_mode) & want)


def owner_only_umask() -> int:
    """Make everything this process creates from now on owner-only; returns the old umask."""
    return os.umask(OWNER_ONLY_UMASK)
