"""Helpers shared by the benchmarks: the county database the runner builds once, scratch copies of
it, timing, result rows and a description of the machine.

A benchmark module is `bench/bench_<name>.py` with `run(workdir: Path, households: int) ->
list[dict]`; each dict is made by `row()`. The runner (`python -m bench`) builds the county into
`county_db(workdir)` before calling it; mutating workloads work on `scratch_copy()`.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COUNTY = "330411"
SEED = 1
DEFAULT_HOUSEHOLDS = 218_800
_STAMP = "county.json"


def county_db(workdir: Path) -> Path:
    """The county database the runner built (330411, `households` households, seed 1)."""
    return Path(workdir) / "county.sqlite"


def ensure_county(workdir: Path, households: int) -> tuple[Path, float]:
    """Build the county database unless a build with the same size is already there.

    Returns the path and the seconds the build took (measured when it was built).
    """
    from fieldapp.jobs.demo_build import build_demo

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    path = county_db(workdir)
    stamp = workdir / _STAMP
    if path.exists() and stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("households") == households:
            return path, float(info["seconds"])
    t0 = time.perf_counter()
    build_demo(path, COUNTY, households, SEED)
    seconds = time.perf_counter() - t0
    stamp.write_text(json.dumps({"households": households, "seconds": seconds}))
    return path, seconds


def scratch_copy(workdir: Path, name: str) -> Path:
    """A fresh copy of the county database for a workload that writes to it."""
    src = county_db(workdir)
    dst = Path(workdir) / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds of one call, and its result."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def best_of(n: int, fn: Callable[[], Any]) -> float:
    """Fastest of n calls (for short workloads where noise dominates)."""
    return min(timed(fn)[0] for _ in range(n))


def row(workload: str, ours_s: float | None, baseline: str, baseline_s: float | None,
        note: str = "") -> dict:
    return {"workload": workload, "ours_s": ours_s, "baseline": baseline,
            "baseline_s": baseline_s, "note": note}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def machine() -> str:
    """One line describing the machine, for the README table."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
