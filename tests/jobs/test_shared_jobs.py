"""The jobs the command line and the app share: an import, an undo, a backup and a restore each
go through one function, which backs up before a change (jobs.policies) itself, and opening a
database upgrades or offers a restore the same way for both."""

import sqlite3

import pytest

from fieldapp.cli import main
from fieldapp.demo.sample_register import make_register
from fieldapp.jobs.backups import back_up, restore
from fieldapp.jobs.import_undo import undo_import
from fieldapp.jobs.open_database import open_database, restore_offered
from fieldapp.jobs.register_import import import_register
from fieldapp.store import Store
from fieldapp.store.backups.backup import list_backups


def _register(store, tmp_path, households: int, seed: int):
    """A register file of two villages of the county."""
    villages = store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2").fetchall()
    return make_register(tmp_path / "reg.xlsx", [tuple(v) for v in villages], households,
                         seed=seed)


def _live(store) -> int:
    (n,) = store.conn.execute("SELECT count(*) FROM households WHERE deleted = 0").fetchone()
    return n


def test_an_import_and_its_undo_back_up_first_and_a_dry_run_does_not(store, tmp_path):
    sample = _register(store, tmp_path, 40, 3)
    checked = import_register(store, sample.path, dry_run=True, back_up_first=True)
    assert list_backups(store.path) == [] and _live(store) == 0
    done = import_register(store, sample.path, back_up_first=True)
    assert [b.reason for b in list_backups(store.path)] == ["import"]
    assert done.added == checked.added == _live(store)

    plan = undo_import(store, done.import_id, dry_run=True)
    assert len(plan.deletes) == done.added and _live(store) == done.added
    undone = undo_import(store, done.import_id, user="王科长")
    assert len(undone.deletes) == done.added and _live(store) == 0
    assert sorted(b.reason for b in list_backups(store.path)) == ["import", "undo_import"]


def test_a_failed_backup_stops_an_undo_unless_the_caller_takes_it(store, tmp_path, monkeypatch):
    sample = _register(store, tmp_path, 20, 4)
    done = import_register(store, sample.path)
    import fieldapp.jobs.policies as P

    def broken(path, reason):
        raise OSError("disk full")

    monkeypatch.setattr(P, "auto_backup", broken)
    with pytest.raises(OSError):
        undo_import(store, done.import_id)
    assert _live(store) == done.added  # nothing undone
    told = []
    undo_import(store, done.import_id, on_backup_failure=told.append)
    assert len(told) == 1 and _live(store) == 0


def test_backup_and_restore_jobs_give_back_what_was_there(store, tmp_path):
    sample = _register(store, tmp_path, 20, 6)
    saved = back_up(store.path, tmp_path / "copy.sqlite")
    assert saved.path.exists() and saved.size == saved.path.stat().st_size
    import_register(store, sample.path)
    added = _live(store)
    assert added > 0
    store.close()
    result = restore(saved.path, tmp_path / "county.sqlite")
    assert result.safety is not None and result.safety.exists()  # the database as it was
    with Store.open(tmp_path / "county.sqlite") as again:
        assert _live(again) == 0
    with Store.open(result.safety, readonly=True) as before:
        assert _live(before) == added


def test_the_command_and_the_job_make_the_same_automatic_backup(store, capsys):
    assert main(["backup", str(store.path), "--auto", "manual", "--json"]) == 0
    assert '"size"' in capsys.readouterr().out
    assert back_up(store.path, reason="manual").path == list_backups(store.path)[0].path


def test_opening_a_damaged_database_offers_a_restore_only_when_there_are_backups(tmp_path):
    db = tmp_path / "county.sqlite"
    Store.create(db, county_code="140824").close()
    damage = sqlite3.DatabaseError("database disk image is malformed")
    assert not restore_offered(db, damage)
    back_up(db, reason="start")
    assert restore_offered(db, damage)
    assert not restore_offered(db, sqlite3.OperationalError("database is locked"))
    with open_database(db, readonly=True) as s:
        assert s.readonly
