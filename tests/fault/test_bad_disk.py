"""A full disk, a read-only database and a locked database give one clear message (in Chinese,
naming the file), never a traceback, and leave the data as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from fault_helpers import assert_checks_out, copy_db, rows, run_child, small_filesystem

from fieldapp.demo.sample_register import make_register
from fieldapp.store import Store
from fieldapp.store import errors as E
from fieldapp.store import visits as V
from fieldapp.jobs.register_import import import_register

STATE = ("SELECT uuid, head_name, notes, status FROM households",
         "SELECT count(*), max(seq) FROM changes",
         "SELECT uuid, answers, state FROM visits")


def _state(db):
    return [rows(db, q) for q in STATE]


@pytest.fixture(scope="module")
def register(demo_template, tmp_path_factory):
    villages = [tuple(r) for r in rows(
        demo_template, "SELECT code, name FROM areas WHERE level = 'village'")][:30]
    path = tmp_path_factory.mktemp("register") / "花名册.csv"
    make_register(path, villages, 2000, seed=5)
    return path


def _one_clear_line(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode != 0
    err = done.stderr.strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("fieldapp: ")
    for w in words:
        assert w in err, err
    return err


# ----- disk full ----------------------------------------------------------------------------
def test_full_disk_during_import_in_process(demo_path, register):
    """The database may not grow (SQLite's max_page_count): like a full disk for this writer."""
    before = _state(demo_path)
    with Store.open(demo_path) as s:
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(E.StoreError) as err:
            import_register(s, register)
    assert err.value.code == "disk_full"
    assert "磁盘已满" in str(err.value)
    assert _state(demo_path) == before
    assert_checks_out(demo_path)


def test_full_disk_during_autosave(demo_path):
    with Store.open(demo_path) as s:
        hh = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        visit = V.start_visit(s, "t", hh, "huhutong_household", "1", {"visit_result": "met"})
        before = _state(demo_path)
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(E.StoreError) as err:
            V.save_answers(s, "t", visit, {"notes": "很长的备注" * 20000})
        assert err.value.code == "disk_full"
        s.conn.execute("PRAGMA max_page_count = 1073741823")
        V.save_answers(s, "t", visit, {"works_now": "yes"})  # room again: carries on
    assert _state(demo_path) != before
    assert_checks_out(demo_path)


def test_full_disk_for_real(demo_template, register, tmp_path):
    """A tiny file system: import, backup and demo stop with one line; nothing is damaged."""
    size = demo_template.stat().st_size
    with small_filesystem(f"{size // 1024 + 160}k") as (disk, _remount):
        db = copy_db(demo_template, disk / "county.sqlite")
        before = _state(db)
        done = run_child(["-m", "fieldapp", "import-register", str(db), str(register)])
        _one_clear_line(done, "磁盘已满", "county.sqlite")
        assert _state(db) == before

        done = run_child(["-m", "fieldapp", "backup", str(db), "-o", str(disk / "b.sqlite")])
        _one_clear_line(done, "磁盘已满")
        assert not (disk / "b.sqlite").exists()
        assert not list(disk.glob(".b.sqlite*"))

        done = run_child(["-m", "fieldapp", "demo", str(disk / "demo.sqlite"),
                          "--households", "5000"])
        _one_clear_line(done, "磁盘已满")
        assert sorted(p.name for p in disk.iterdir() if p.name.startswith("demo")) == []

        assert _state(db) == before
        assert_checks_out(db)
        (disk / "county.sqlite-wal").unlink(missing_ok=True)  # room again
        shutil.copy(db, tmp_path / "after.sqlite")
    assert_checks_out(tmp_path / "after.sqlite")


# ----- read-only ----------------------------------------------------------------------------
def test_read_only_file_system(demo_template, register, tmp_path):
    with small_filesystem(f"{demo_template.stat().st_size // 1024 + 4096}k") as (disk, remount):
        db = copy_db(demo_template, disk / "county.sqlite")
        remount("ro")
        with pytest.raises(E.ReadOnlyDatabase):
            Store.open(db)
        done = run_child(["-m", "fieldapp", "import-register", str(db), str(register)])
        _one_clear_line(done, "只读", "county.sqlite")
        done = run_child(["-m", "fieldapp", "check", str(db)])
        assert done.returncode == 0, done.stderr  # checking and backing up still work
        done = run_child(["-m", "fieldapp", "backup", str(db), "-o", str(tmp_path / "b.sqlite")])
        assert done.returncode == 0, done.stderr
        assert_checks_out(tmp_path / "b.sqlite")
        remount("rw")


def test_read_only_connection_refuses_writes_clearly(demo_path):
    before = _state(demo_path)
    with Store.open(demo_path, readonly=True) as s:
        hh = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        with pytest.raises(E.StoreError) as err, s.write("t") as w:
            w.update("households", hh, {"notes": "x"})
    assert err.value.code in ("read_only", "locked")
    assert _state(demo_path) == before


# ----- locked -------------------------------------------------------------------------------
LOCKER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def locked(demo_path):
    proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(demo_path), "30"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield demo_path
    proc.kill()
    proc.wait()


def test_locked_database_in_process(locked):
    with pytest.raises(E.StoreError) as err:
        s = Store.open(locked)
        try:
            s.conn.execute("PRAGMA busy_timeout = 300")
            with s.write("t") as w:
                w.update("households", "x", {"notes": "x"})
        finally:
            s.close()
    assert err.value.code == "locked"
    assert "另一个程序" in str(err.value)


@pytest.mark.slow
def test_locked_database_cli(locked, register):
    done = run_child(["-m", "fieldapp", "import-register", str(locked), str(register)])
    _one_clear_line(done, "demo.sqlite")
    assert "另一个程序" in done.stderr or "锁" in done.stderr
