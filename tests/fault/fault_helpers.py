"""Helpers for the fault-injection tests: run a job in a child process and kill -9 it at a random
moment, trial counts for `make test` and `make soak`, a tiny or read-only file system."""

from __future__ import annotations

import contextlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from fieldapp.store.check import check_database


def trials(ci: int, soak: int) -> list:
    """Trial seeds: `ci` of them run in `make test`, up to `soak` more only in `make soak`."""
    return ([pytest.param(i, id=f"trial{i}") for i in range(ci)]
            + [pytest.param(i, id=f"soak{i}", marks=pytest.mark.soak) for i in range(ci, soak)])


def run_child(args: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def kill_after(args: list[str], rng, *, lines: int, delay: float = 0.05,
               timeout: float = 300) -> bool:
    """Start `python args...`, kill -9 it after a random number (0..lines) of stdout lines plus
    a random delay. Returns True when it was killed before it finished by itself."""
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    target = rng.randint(0, lines)
    seen = 0
    deadline = time.monotonic() + timeout
    try:
        while seen < target and time.monotonic() < deadline:
            if not proc.stdout.readline():
                break  # finished (or died) by itself
            seen += 1
        time.sleep(rng.uniform(0, delay))
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
    return killed


def assert_checks_out(path: Path) -> None:
    report = check_database(path)
    assert report.ok, [(f.check, f.message, f.examples) for f in report.errors]


def copy_db(src: Path, dest: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copy(src, dest)
    return dest


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)  # rw: tidies the WAL files on close
    conn.execute("PRAGMA query_only = ON")
    try:
        return sorted((tuple(r) for r in conn.execute(sql)), key=repr)
    finally:
        conn.close()


@contextlib.contextmanager
def small_filesystem(size: str = "4m"):
    """A fresh tmpfs of `size` (root only; the test is skipped where mounting is not allowed).
    Yields (folder, remount) where remount("ro") makes it read-only even for root."""
    folder = Path(f"/tmp/fieldapp-fault-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small file system here (needs root)")

    def remount(mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)

    try:
        yield folder, remount
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()
