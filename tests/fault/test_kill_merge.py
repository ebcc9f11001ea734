"""kill -9 of a bundle merge at a random moment: `check` passes, each bundle is merged whole or
not at all, and merging again gives the clean run's data (nothing lost, nothing twice)."""

from __future__ import annotations

import random
import shutil

import pytest
from fault_helpers import assert_checks_out, kill_after
from sync_helpers import MERGE_CHILD, busy_laptop, data_snapshot


def _laptop_work(f, name: str, n: int, seed: int):
    lap = busy_laptop(f, name, n, seed, edits=30, autosaves=30)
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
        kill_after(["-c", MERGE_CHILD, str(db), *map(str, bundles)], rng, lines=8, delay=0.3)
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
