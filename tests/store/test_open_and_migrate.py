"""Opening databases: migrations run on open; anything else is refused without being touched."""

import hashlib
import os
import sqlite3

import pytest

from fieldapp.store import Store, db as dbmod
from fieldapp.store import errors as E
from fieldapp.store.households import queries
from fieldapp.store.db import translate_error
from fieldapp.store.schema import SCHEMA_VERSION


def _digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_new_database_is_wal_with_foreign_keys(tmp_path):
    s = Store.create(tmp_path / "a.sqlite", role="county", county_code="140824000000")
    assert s.schema_version == SCHEMA_VERSION
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        with s.write() as w:
            w.insert("households", dict(village_code="999999999999", head_name="x"))
    s.close()


def test_create_never_overwrites(tmp_path):
    p = tmp_path / "a.sqlite"
    p.write_bytes(b"precious")
    with pytest.raises(E.AlreadyExists):
        Store.create(p)
    assert p.read_bytes() == b"precious"


def test_migrations_run_on_open(tmp_path, monkeypatch):
    p = tmp_path / "old.sqlite"
    Store.create(p).close()
    extra = "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);" \
            "INSERT INTO settings(key, value) VALUES ('migrated', 'yes')"
    monkeypatch.setitem(dbmod.MIGRATIONS, SCHEMA_VERSION + 1, extra)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    s = Store.open(p)
    assert s.schema_version == SCHEMA_VERSION + 1
    assert s.setting("migrated") == "yes"
    s.close()


def test_failed_migration_leaves_database_at_old_version(tmp_path, monkeypatch):
    p = tmp_path / "old.sqlite"
    Store.create(p).close()
    monkeypatch.setitem(dbmod.MIGRATIONS, SCHEMA_VERSION + 1,
                        "CREATE TABLE t1 (x); CREATE TABLE settings (oops)")
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Store.open(p)
    monkeypatch.undo()
    s = Store.open(p)
    assert s.schema_version == SCHEMA_VERSION
    assert not s.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 't1'").fetchone()
    s.close()


def test_newer_schema_refused_and_untouched(tmp_path):
    p = tmp_path / "new.sqlite"
    s = Store.create(p)
    s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    s.close()
    before = _digest(p)
    with pytest.raises(E.NewerSchema) as err:
        Store.open(p)
    assert "升级" in str(err.value)
    assert _digest(p) == before


@pytest.mark.parametrize("content", [b"", b"hello, not a database" * 10, os.urandom(4096)])
def test_not_a_database(tmp_path, content):
    p = tmp_path / "x.sqlite"
    p.write_bytes(content)
    with pytest.raises(E.NotADatabase):
        Store.open(p)
    assert p.read_bytes() == content


def test_foreign_sqlite_file_refused(tmp_path):
    p = tmp_path / "other.sqlite"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(E.NotADatabase):
        Store.open(p)


def test_corrupt_database(tmp_path, demo_template):
    p = tmp_path / "corrupt.sqlite"
    data = bytearray(demo_template.read_bytes())
    # Smash pages in the middle of the file (keep the header so it still looks like SQLite).
    mid = len(data) // 2
    data[mid: mid + 65536] = os.urandom(65536)
    p.write_bytes(bytes(data))
    # Damage is found either on open (small tables) or by the first query that reads it; either
    # way it becomes a clear "corrupt" error, never a traceback.
    with pytest.raises((E.CorruptDatabase, E.NotADatabase, sqlite3.DatabaseError)) as err:
        s = Store.open(p)
        queries.info(s)
    if isinstance(err.value, sqlite3.DatabaseError):
        assert translate_error(err.value, p).code in ("corrupt", "not_a_database")


def test_missing_and_read_only(tmp_path):
    with pytest.raises(E.NotFound):
        Store.open(tmp_path / "nope.sqlite")
    p = tmp_path / "ro.sqlite"
    Store.create(p).close()
    os.chmod(p, 0o444)
    try:
        if os.access(p, os.W_OK):  # running as root: permissions do not bind
            pytest.skip("root can write read-only files")
        with pytest.raises(E.ReadOnlyDatabase):
            Store.open(p)
    finally:
        os.chmod(p, 0o644)


def test_write_to_read_only_open_is_refused_cleanly(tmp_path):
    p = tmp_path / "a.sqlite"
    Store.create(p).close()
    s = Store.open(p, readonly=True)
    with pytest.raises(E.ReadOnlyDatabase):
        with s.write() as w:
            w.insert("areas", dict(code="140824000000", name="稷山县", level="county"))
    s.close()


def test_a_database_of_the_previous_release_upgrades_even_for_a_read_only_command(
        tmp_path, monkeypatch, capsys):
    """A county database made before import undo and the synced sheet register (schema 5):
    `fieldapp info` upgrades it (saying so) instead of stopping at "needs an upgrade"."""
    from fieldapp.cli import main
    from fieldapp.store.setup import new_county_database

    p = tmp_path / "v5.sqlite"
    with monkeypatch.context() as m:
        m.setattr(dbmod, "SCHEMA_VERSION", 5)
        s = new_county_database(p, "140824")
        # a row as the release of schema 5 wrote it (today's writer knows today's columns)
        with s.transaction():
            s.conn.execute("INSERT INTO households (uuid, village_code, head_name, device_id,"
                           " counter, hlc, clock) VALUES ('h1', '140824100200', '张三', 'd', 1,"
                           " '2026-01-01T00:00:00.000Z-0000-d', '{}')")
        assert s.schema_version == 5
        s.close()
    with pytest.raises(E.NeedsUpgrade):
        Store.open(p, readonly=True)
    assert main(["info", str(p), "--json"]) == 0
    out = capsys.readouterr()
    assert "升级" in out.err and '"households": 1' in out.out
    with Store.open(p, readonly=True) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.conn.execute("SELECT count(*) FROM sheet_prints").fetchone()[0] == 0
        assert s.conn.execute("SELECT first_counter FROM import_log").fetchall() == []
