"""kill -9 of a merge at any moment leaves the database as it was before the bundle being merged
(earlier bundles stay merged); running the merge again gives the same data as a clean run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from sync_helpers import MERGE_CHILD, busy_laptop, data_snapshot

from fieldapp.store import Store
from fieldapp.store.check import check_database


def _busy_laptop(f, name: str, n: int, seed: int):
    return busy_laptop(f, name, n, seed)


@pytest.fixture
def crash_setup(field_setup):
    f = field_setup
    bundles = [f.export(_busy_laptop(f, n, 1500, i), f"{n}.fab")
               for i, n in enumerate(("甲", "乙"))]
    start = f.tmp / "start.sqlite"
    shutil.copy(f.county_path, start)
    states = [data_snapshot(start)]
    for b in bundles:
        f.merge(b)
        states.append(data_snapshot(f.county_path))
    return f, start, bundles, states


def _kill_during_merge(db, bundles, rng) -> None:
    proc = subprocess.Popen([sys.executable, "-c", MERGE_CHILD, str(db), *map(str, bundles)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=dict(os.environ))
    target = rng.randint(1, 6)  # kill after the n-th progress report, then a little later
    seen = 0
    for line in proc.stdout:
        if line.startswith("progress"):
            seen += 1
            if seen >= target:
                time.sleep(rng.uniform(0, 0.3))
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _trials(crash_setup, n: int, seed: int) -> None:
    f, start, bundles, states = crash_setup
    rng = random.Random(seed)
    for t in range(n):
        db = f.tmp / f"trial{t}.sqlite"
        shutil.copy(start, db)
        _kill_during_merge(db, bundles, rng)
        with Store.open(db) as s:
            assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert data_snapshot(db) in states  # all of a bundle or none of it
        f.merge(*bundles, db=db)
        assert data_snapshot(db) == states[-1]
        report = check_database(db)
        assert report.ok, [x.message for x in report.errors]
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{db}{suffix}"):
                os.unlink(f"{db}{suffix}")


@pytest.mark.slow
def test_kill_9_during_merge_then_rerun_equals_clean_run(crash_setup):
    _trials(crash_setup, 4, seed=1)


@pytest.mark.soak
def test_kill_9_during_merge_many_trials(crash_setup):
    _trials(crash_setup, 40, seed=2)
