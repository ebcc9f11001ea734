"""kill -9 of a bundle merge at a random moment: `check` passes, each bundle is merged whole or
not at all, and merging again gives the clean run's data (nothing lost, nothing twice)."""

from __future__ import annotations

import random
import shutil

import pytest
from fault_helpers import assert_checks_out, kill_after
from sync_helpers import COUNTY_PW, data_snapshot

from fieldapp.store import Store

CHILD = r"""
import sys
from fieldapp.store import Store
from fieldapp.sync import identity, merge
db, *files = sys.argv[1:]
with Store.open(db) as s:
    keys = identity.unlock(s, %r)
    def progress(done, total):
        print("progress", done, total, flush=True)
        return True
    merge.merge_files(s, files, keys, progress=progress)
print("done", flush=True)
""" % COUNTY_PW  # noqa: UP031


def _laptop_work(f, name: str, n: int, seed: int):
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
                 "answers": {"visit_result": "met", "reception_mode": "iptv",
                             "works_now": "yes"},
                 "ended_at": "2026-07-01T09:00:00"} for h in ids])
            for h in old[:30]:
                w.update("households", h, {"phone": f"139{rng.randint(0, 99999999):08d}"})
        for h in old[30:60]:  # autosaved one by one, as the app does
            with s.write(name) as w:
                w.update("households", h, {"notes": f"{name} 备注"})
    assert_checks_out(lap)  # a laptop set up from a reference bundle checks out too
    return lap


@pytest.fixture
def merge_setup(field_setup):
    f = field_setup
    bundles = [f.export(_laptop_work(f, n, 600, i), f"{n}.fab") for i, n in enumerate("甲乙")]
    start = f.tmp / "start.sqlite"
    shutil.copy(f.county_path, start)
    states = [data_snapshot(start)]
    for b in bundles:
        f.merge(b)
        states.append(data_snapshot(f.county_path))
    assert_checks_out(f.county_path)
    return f, start, bundles, states


def _trials(merge_setup, seeds) -> None:
    f, start, bundles, states = merge_setup
    for seed in seeds:
        rng = random.Random(seed)
        db = f.tmp / f"trial{seed}.sqlite"
        shutil.copy(start, db)
        kill_after(["-c", CHILD, str(db), *map(str, bundles)], rng, lines=8, delay=0.3)
        assert_checks_out(db)
        assert data_snapshot(db) in states  # every bundle all or nothing
        f.merge(*bundles, db=db)
        assert_checks_out(db)
        assert data_snapshot(db) == states[-1]


@pytest.mark.slow
def test_kill_9_during_merge_then_check_and_rerun(merge_setup):
    _trials(merge_setup, range(3))


@pytest.mark.soak
def test_kill_9_during_merge_many_trials(merge_setup):
    _trials(merge_setup, range(3, 40))
