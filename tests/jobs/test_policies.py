"""The backup-before-change policy (fieldapp.jobs.policies), as the CLI and the app use it."""

import pytest

import fieldapp.jobs.policies as P
from fieldapp.cli.common import warn_backup_failed
from fieldapp.core.errors import FieldappError
from fieldapp.store import Store
from fieldapp.store.backups.backup import list_backups


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "apphome"))
    path = tmp_path / "county.sqlite"
    Store.create(path, county_code="140824").close()
    return path


@pytest.fixture
def blocked(tmp_path, monkeypatch):
    """Backups go to a 'folder' that is a file: every backup fails."""
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the backup folder should be")
    real = P.auto_backup
    monkeypatch.setattr(P, "auto_backup", lambda path, reason: real(path, reason, folder=folder))


def test_a_backup_is_made_before_the_change(db):
    made = P.backup_before_change(db, "import")
    assert made is not None and made.exists()
    assert [b.path for b in list_backups(db)] == [made]


def test_a_failed_backup_stops_the_change_when_the_caller_says_so(db, blocked):
    with pytest.raises((FieldappError, OSError)):
        P.backup_before_change(db, "merge")


def test_a_failed_backup_is_handed_to_the_caller_that_takes_it(db, blocked):
    told = []
    assert P.backup_before_change(db, "merge", on_failure=told.append) is None
    assert len(told) == 1


def test_the_cli_warns_and_goes_on_when_the_backup_fails(db, blocked, capsys):
    assert P.backup_before_change(str(db), "import", on_failure=warn_backup_failed) is None
    assert "未能自动备份" in capsys.readouterr().err
