"""Private temporaries: plaintext that must exist on disk for a moment (a bundle's payload
before it is encrypted, a payload just decrypted for a merge) goes into a folder of its own under
`<app data>/tmp` (0700, owner only), never next to the user's files (a USB stick) nor into the
shared system temp folder.

Each job works in `private_workdir()`, a fresh 0700 folder removed when the job ends, whether it
succeeded or failed. A job killed outright (kill -9, power loss) cannot remove its folder: every
start of the app or a command calls `clean_leftovers()`, which removes the folders whose owner is
gone. Several commands and the app may run at once, so a folder is removed only when its owner
no longer holds the lock on its `.owner` file (the system drops the lock when a process dies,
whatever its pid is reused for).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from fieldapp.core.appdata import app_data_dir

TEMP_SUBDIR = "tmp"
OWNER_FILE = ".owner"
FRESH_SECONDS = 120  # a folder without its owner file yet may be in the middle of being made
PAUSE_ENV = "FIELDAPP_TEST_PAUSE_AT"  # tests: "<point>[:seconds]" to stop a job at that point


def private_root(create: bool = True) -> Path:
    """`<app data>/tmp`, made (and kept) readable by the owner only."""
    root = app_data_dir(create) / TEMP_SUBDIR
    if create:
        root.mkdir(mode=0o700, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(root, 0o700)
    return root


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on an open file without waiting; False if another process has it."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def private_workdir(prefix: str = "job-") -> Iterator[Path]:
    """A new 0700 folder under the private root, removed on leaving (success or error)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=private_root()))  # mkdtemp makes it 0700
    fd = os.open(path / OWNER_FILE, os.O_CREAT | os.O_RDWR, 0o600)
    _try_lock(fd)
    try:
        yield path
    finally:
        os.close(fd)  # Windows cannot remove a folder holding an open file
        shutil.rmtree(path, ignore_errors=True)


def _owner_gone(folder: Path) -> bool:
    try:
        fd = os.open(folder / OWNER_FILE, os.O_RDWR)
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime > FRESH_SECONDS
        except OSError:
            return False
    except OSError:
        return False
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)


def clean_leftovers() -> list[str]:
    """Remove what jobs killed before they could clean up left in the private folder; the
    folders of jobs still running (in this or another process) stay. Returns the names removed.
    Never raises: a start of the app or a command does not stop over this."""
    removed: list[str] = []
    try:
        root = private_root(create=False)
        entries = list(root.iterdir()) if root.is_dir() else []
    except Exception:  # noqa: BLE001 - no app-data folder yet, or it cannot be read
        return removed
    for entry in entries:
        try:
            if entry.is_dir() and not entry.is_symlink():
                if not _owner_gone(entry):
                    continue
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def pause_for_tests(point: str) -> None:
    """Tests kill a job at a known moment: with FIELDAPP_TEST_PAUSE_AT=point[:seconds] the job
    prints `paused <point>` on stderr and sleeps there (default 60 s)."""
    value = os.environ.get(PAUSE_ENV, "")
    name, _, seconds = value.partition(":")
    if name and name == point:
        print(f"paused {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 60))
