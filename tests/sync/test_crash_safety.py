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
from sync_helpers import COUNTY_PW, data_snapshot

from fieldapp.store import Store
from fieldapp.store.check import check_database

CHILD = r"""
import sys
from fieldapp.store import Store
from fieldapp.store.check import check_database
from fieldapp.sync import identity, merge
db, *files = sys.argv[1:]
with Store.open(db) as s:
    keys = identity.unlock(s, PASSPHRASE)
    def progress(done, total):
        print("progress", done, total, flush=True)
        return True
    merge.merge_files(s, files, keys, progress=progress)
print("done", flush=True)
""".replace("PASSPHRASE", repr(COUNTY_PW))


def _busy_laptop(f, name: str, n: int, seed: int):
    lap = f.laptop(name)
    rng = random.Random(seed)
    with Store.open(lap) as s:
        villages = [r[0] for r in s.conn.execute(
            "SELECT code FROM areas WHERE level = 'village' ORDER BY code")]
        old = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid")]
        with s.write(name) as w:
            ids = w.insert_many("households", [
                {"village_code": rng.choice(villages), "group_no": str(rng.randint(1, 9)),
                 "head_name": f"{name}户{i}", "size": rng.randint(1, 6)} for i in range(n)])
            w.insert_many("visits", [
                {"household_uuid": h, "form_id": "huhutong_household",
                 "form_version": "2026112501", "state": "complete",
                 "answers": {"visit_result": "met", "tv_mode": "iptv", "works_now": "yes"},
                 "ended_at": "2026-07-01T09:00:00"} for h in ids])
            for h in old[:40]:
                w.update("households", h, {"phone": f"139{rng.randint(0, 99999999):08d}"})
    return lap


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
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), *map(str, bundles)],
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
