"""kill -9 while visits are being filled in answer by answer (each answer autosaved in its own
transaction): afterwards `check` passes, every visit holds exactly the answers saved before the
kill, and carrying on gives the same data as an uninterrupted run — nothing lost, nothing twice."""

from __future__ import annotations

import json
import random

import pytest
from fault_helpers import assert_checks_out, copy_db, kill_after, rows, run_child, trials

HOUSEHOLDS = 8
SCRIPT = [("visit_result", "met"), ("reception_mode", "iptv"), ("works_now", "yes"),
          ("tv_sets", 2), ("operator", "telecom"), ("broadband", "yes"),
          ("satisfaction", "satisfied")]

# The job a surveyor does: for each household, start a visit, autosave each answer, complete it.
# Run again after a crash it carries on where the database says it stopped.
JOB = f"SCRIPT = {SCRIPT!r}\n" + r"""
import sys
from fieldapp.store import Store
from fieldapp.store import visits as V
USER = "autosave-job"
db, n = sys.argv[1], int(sys.argv[2])
with Store.open(db) as s:
    homes = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT ?",
                                          (n,))]
    for hh in homes:
        if s.conn.execute("SELECT 1 FROM visits WHERE household_uuid = ? AND surveyor = ?"
                          " AND state = 'complete'", (hh, USER)).fetchone():
            continue
        draft = V.latest_draft(s, hh, "huhutong_household")
        if draft is None:
            vid = V.start_visit(s, USER, hh, "huhutong_household", "2026112501",
                                dict(SCRIPT[:1]))
            have = dict(SCRIPT[:1])
            print("saved", flush=True)
        else:
            vid, have = draft["uuid"], draft["answers"]
        for key, value in SCRIPT:
            if have.get(key) != value:
                V.save_answers(s, USER, vid, {key: value})
                print("saved", flush=True)
        V.complete_visit(s, USER, vid, {})
        print("completed", flush=True)
print("done", flush=True)
"""

SAVES = HOUSEHOLDS * (len(SCRIPT) + 1)


def _job_visits(db):
    return rows(db, "SELECT household_uuid, answers, state FROM visits"
                    " WHERE surveyor = 'autosave-job'")


def _outcome(db):
    """What a clean run and a resumed run must agree on (times and new uuids aside)."""
    return {
        "visits": [(h, a, s) for h, a, s in _job_visits(db)],
        "households": rows(db, "SELECT uuid, status, status_reason FROM households"),
        "changes": rows(db, "SELECT count(*), count(DISTINCT record_uuid) FROM changes"),
        "audit": rows(db, "SELECT tbl, field, old, CASE WHEN field LIKE '%_at' THEN 'time'"
                          " ELSE new END FROM audit_log"),
    }


@pytest.fixture(scope="module")
def clean_run(demo_template, tmp_path_factory):
    db = copy_db(demo_template, tmp_path_factory.mktemp("autosave") / "clean.sqlite")
    done = run_child(["-c", JOB, str(db), str(HOUSEHOLDS)])
    assert done.returncode == 0, done.stderr
    return _outcome(db)


def _assert_whole_saves(db):
    """Each visit is a prefix of the script: whole autosaves only, at most one visit each."""
    seen = set()
    for hh, answers, state in _job_visits(db):
        assert hh not in seen, "two visits for one household"
        seen.add(hh)
        got = json.loads(answers)
        k = len(got)
        assert got == dict(SCRIPT[:k]), got
        assert state == "draft" or k == len(SCRIPT)


@pytest.mark.parametrize("seed", trials(3, 40))
def test_kill_9_during_autosaves_then_resume_equals_clean_run(demo_template, tmp_path,
                                                              clean_run, seed):
    rng = random.Random(seed)
    db = copy_db(demo_template, tmp_path / "laptop.sqlite")
    kill_after(["-c", JOB, str(db), str(HOUSEHOLDS)], rng, lines=SAVES + HOUSEHOLDS)
    assert_checks_out(db)
    _assert_whole_saves(db)
    done = run_child(["-c", JOB, str(db), str(HOUSEHOLDS)])
    assert done.returncode == 0, done.stderr
    assert_checks_out(db)
    assert _outcome(db) == clean_run
