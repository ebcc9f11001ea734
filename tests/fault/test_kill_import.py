"""kill -9 of `fieldapp import-register` at a random moment: the database holds all of the
import or none of it, `check` passes, and importing again gives the clean import's data."""

from __future__ import annotations

import random
import time

import pytest
from fault_helpers import assert_checks_out, copy_db, kill_after, rows, run_child, trials

from fieldapp.demo.sample_register import make_register

HOUSEHOLDS = 2500

# Households by what they are (new ones get fresh uuids on each run), the change log by size.
DATA = ("SELECT village_code, group_no, head_name, size, phone, id_hash, id_masked, address,"
        " source, status, deleted FROM households")
LOG = "SELECT tbl, op, count(*) FROM changes GROUP BY tbl, op"


def _state(db):
    return rows(db, DATA), rows(db, LOG)


@pytest.fixture(scope="module")
def setup(demo_template, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import")
    villages = [tuple(r) for r in rows(
        demo_template, "SELECT code, name FROM areas WHERE level = 'village'")][:40]
    register = tmp / "花名册.csv"
    make_register(register, villages, HOUSEHOLDS, seed=3)
    clean = copy_db(demo_template, tmp / "clean.sqlite")
    before = _state(clean)
    t0 = time.monotonic()
    done = run_child(["-m", "fieldapp", "import-register", str(clean), str(register), "--json"])
    took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    after = _state(clean)
    assert after != before
    return register, before, after, took


@pytest.mark.parametrize("seed", trials(3, 30))
def test_kill_9_during_register_import(demo_template, tmp_path, setup, seed):
    register, before, after, took = setup
    rng = random.Random(seed)
    db = copy_db(demo_template, tmp_path / "county.sqlite")
    args = ["-m", "fieldapp", "import-register", str(db), str(register), "--json"]
    kill_after(args, rng, lines=0, delay=took * 1.1)
    assert_checks_out(db)
    assert _state(db) in (before, after)  # all of the import or none of it
    done = run_child(args)
    assert done.returncode == 0, done.stderr
    assert_checks_out(db)
    assert _state(db) == after
