"""Two or three merges of the same bundle started at once, in separate processes, give the
result of one merge: every change applied once, `check` passes (issue 14 item 2)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from fault_helpers import assert_checks_out
from sync_helpers import MERGE_CHILD, busy_laptop, data_snapshot

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("n", [2, 3])
def test_concurrent_merges_of_one_bundle_merge_it_once(field_setup, n):
    f = field_setup
    bundle = f.export(busy_laptop(f, "甲", 300, 7, edits=20, autosaves=10), "甲.fab")
    start = f.tmp / f"start{n}.sqlite"
    shutil.copy(f.county_path, start)
    once = f.tmp / f"once{n}.sqlite"
    shutil.copy(start, once)
    f.merge(bundle, db=once)
    db = f.tmp / f"together{n}.sqlite"
    shutil.copy(start, db)
    procs = [subprocess.Popen([sys.executable, "-c", MERGE_CHILD, str(db), str(bundle)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(n)]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0 and out.strip().endswith("done"), err[-2000:]
    assert_checks_out(db)
    assert data_snapshot(db) == data_snapshot(once)
