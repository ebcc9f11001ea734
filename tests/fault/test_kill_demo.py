"""kill -9 of `fieldapp demo` at any moment: the target is either still the old database,
untouched, or absent — never half a county — and building again gives the clean build."""

from __future__ import annotations

import random

import pytest
from fault_helpers import assert_checks_out, kill_after, rows, run_child, trials

JOB = r"""
import sys
from fieldapp.jobs.demo_build import build_demo
def progress(done, total):
    print(done, flush=True)
    return True
build_demo(sys.argv[1], "330411", int(sys.argv[2]), seed=5, progress=progress)
print("done", flush=True)
"""
HOUSEHOLDS = 4000

CONTENT = ("SELECT uuid, village_code, head_name, id_hash, lon, lat, status, clock FROM households",
           "SELECT uuid, household_uuid, answers, state FROM visits",
           "SELECT device_id, counter, tbl, record_uuid, op FROM changes")


def _content(db):
    return [rows(db, q) for q in CONTENT]


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "clean.sqlite"
    done = run_child(["-c", JOB, str(db), str(HOUSEHOLDS)])
    assert done.returncode == 0, done.stderr
    return db, _content(db)


@pytest.mark.parametrize("seed", trials(3, 30))
def test_kill_9_during_demo_build(tmp_path, clean_build, seed):
    rng = random.Random(seed)
    old_db, clean = clean_build
    db = tmp_path / "county.sqlite"
    old = rng.random() < 0.5  # half the trials overwrite an existing database
    if old:
        db.write_bytes(old_db.read_bytes())
    kill_after(["-c", JOB, str(db), str(HOUSEHOLDS)], rng, lines=172, delay=0.2)
    if old or db.exists():
        assert_checks_out(db)
        assert _content(db) == clean  # the old file (same seed) or the finished new one
    done = run_child(["-c", JOB, str(db), str(HOUSEHOLDS)])
    assert done.returncode == 0, done.stderr
    assert_checks_out(db)
    assert _content(db) == clean
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.sqlite"]
