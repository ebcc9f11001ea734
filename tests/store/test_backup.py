"""Backups: a consistent copy even while the app writes, rolling automatic backups, restore."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from fieldapp.cli import main
from fieldapp.core.progress import Cancelled
from fieldapp.store import Store
from fieldapp.store.backups import backup as B
from fieldapp.store import errors as E
from fieldapp.store.check import check_database

TABLES = ("areas", "households", "visits", "changes", "audit_log", "devices", "settings")


def _dump(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        conn.close()


def _counter(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT last_counter FROM devices WHERE status = 'self'").fetchone()[0]
    finally:
        conn.close()


def _edit(path, n=1, tag="x"):
    with Store.open(path) as s:
        uuids = [r[0] for r in s.conn.execute("SELECT uuid FROM households LIMIT ?", (n,))]
        with s.write("t") as w:
            for u in uuids:
                w.update("households", u, {"notes": f"{tag}-{time.time_ns()}"})


@pytest.fixture(autouse=True)
def _app_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "apphome"))


def test_backup_is_an_exact_checked_copy(demo_path, tmp_path):
    dest = B.backup_database(demo_path, tmp_path / "copy.sqlite")
    assert _dump(dest) == _dump(demo_path)
    assert check_database(dest).ok
    assert not list(tmp_path.glob(".*partial*"))


def test_backup_refuses_to_overwrite_or_copy_onto_itself(demo_path, tmp_path):
    dest = tmp_path / "copy.sqlite"
    dest.write_bytes(b"precious")
    with pytest.raises(E.AlreadyExists):
        B.backup_database(demo_path, dest)
    assert dest.read_bytes() == b"precious"
    with pytest.raises(E.StoreError):
        B.backup_database(demo_path, demo_path, overwrite=True)
    with pytest.raises(E.NotFound):
        B.backup_database(demo_path, tmp_path / "no" / "such" / "dir.sqlite")
    B.backup_database(demo_path, dest, overwrite=True)
    assert check_database(dest).ok


def test_cancelled_backup_leaves_nothing(demo_path, tmp_path):
    dest = tmp_path / "copy.sqlite"
    with pytest.raises(Cancelled):
        B.backup_database(demo_path, dest, progress=lambda done, total: done == 0)
    assert not dest.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if not p.name.startswith(".copy"))


_WRITER = r"""
import sys, time
from fieldapp.store import Store
s = Store.open(sys.argv[1])
hh = [r[0] for r in s.conn.execute("SELECT uuid FROM households LIMIT 500")]
print("ready", flush=True)
i = 0
while True:
    with s.write("writer") as w:
        for k in range(10):
            w.update("households", hh[(i * 10 + k) % len(hh)], {"notes": f"n{i}-{k}"})
    i += 1
"""


def test_backup_while_the_app_writes_is_consistent(demo_path, tmp_path, monkeypatch):
    monkeypatch.setattr(B, "STEP_PAGES", 16)  # many steps: writers get in between them
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(demo_path)],
                            stdout=subprocess.PIPE, text=True)
    def changes():
        conn = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        finally:
            conn.close()

    def writer_moves_on(seen):
        deadline = time.monotonic() + 30
        while changes() <= seen and time.monotonic() < deadline:
            time.sleep(0.05)

    try:
        assert proc.stdout.readline().strip() == "ready"
        dests = []
        for i in range(3):
            writer_moves_on(changes())
            dests.append(B.backup_database(demo_path, tmp_path / f"b{i}.sqlite"))
    finally:
        proc.kill()
        proc.wait()
    notes = set()
    for dest in dests:
        report = check_database(dest)
        assert report.ok, report.as_json()
        conn = sqlite3.connect(dest)
        notes.add(conn.execute("SELECT count(*) FROM changes").fetchone()[0])
        conn.close()
    assert len(notes) > 1  # the writer really wrote during the backups


def test_auto_backup_rolls_and_skips_unchanged(demo_path, tmp_path):
    folder = tmp_path / "auto"
    first = B.auto_backup(demo_path, "start", folder=folder, keep=3, keep_days=1)
    assert B.auto_backup(demo_path, "start", folder=folder, keep=3, keep_days=1) == first
    made = [first]
    for i in range(5):
        _edit(demo_path, tag=str(i))
        made.append(B.auto_backup(demo_path, "import", folder=folder, keep=3, keep_days=1))
    assert len(set(made)) == 6
    kept = B.list_backups(demo_path, folder=folder)
    assert [b.path for b in kept] == made[::-1][:3]
    assert {b.reason for b in kept} == {"import"}
    assert _dump(kept[0].path) == _dump(demo_path)
    assert not first.exists()


def test_auto_backup_default_folder_is_in_app_data(demo_path, tmp_path):
    dest = B.auto_backup(demo_path, "merge")
    assert (tmp_path / "apphome" / "backups") in dest.parents
    assert dest.name.startswith("demo-") and dest.name.endswith("-merge.sqlite")
    assert B.list_backups(demo_path)[0].path == dest


def test_restore_puts_the_backup_back_and_keeps_the_current_state(demo_path, tmp_path):
    saved = B.backup_database(demo_path, tmp_path / "saved.sqlite")
    good = _dump(demo_path)
    _edit(demo_path, n=20, tag="after")
    changed = _dump(demo_path)
    assert changed != good
    counter = _counter(demo_path)
    safety = B.restore_backup(saved, demo_path)
    restored = _dump(demo_path)
    assert {t: v for t, v in restored.items() if t != "devices"} == {
        t: v for t, v in good.items() if t != "devices"}
    assert check_database(demo_path).ok
    assert safety is not None and _dump(safety) == changed
    # The device's change counter does not go back: counters already used may be out in
    # bundles, and receivers skip a (device, counter) they have seen.
    assert _counter(demo_path) == counter
    _edit(demo_path, tag="new")
    with Store.open(demo_path) as s:
        assert s.conn.execute("SELECT max(counter) FROM changes").fetchone()[0] == counter + 1
        assert s.conn.execute("SELECT count(*) FROM households").fetchone()[0] == 3000
    assert check_database(demo_path).ok


def test_restore_refuses_a_damaged_backup(demo_path, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    before = _dump(demo_path)
    with pytest.raises(E.StoreError):
        B.restore_backup(bad, demo_path)
    assert _dump(demo_path) == before


def test_restore_to_a_lost_database(demo_path, tmp_path):
    saved = B.backup_database(demo_path, tmp_path / "saved.sqlite")
    lost = tmp_path / "new-laptop.sqlite"
    assert B.restore_backup(saved, lost) is None
    assert _dump(lost) == _dump(demo_path)


def test_cli_backup_list_restore(demo_path, tmp_path, capsys):
    out = tmp_path / "cli.sqlite"
    assert main(["backup", str(demo_path), "-o", str(out)]) == 0
    assert out.exists() and "已备份" in capsys.readouterr().out
    assert main(["backup", str(demo_path), "-o", str(out)]) == 1
    assert capsys.readouterr().err.startswith("fieldapp: ")
    assert main(["backup", str(demo_path), "--auto", "start"]) == 0
    capsys.readouterr()
    assert main(["backup", str(demo_path), "--list"]) == 0
    assert "start" in capsys.readouterr().out
    _edit(demo_path)
    assert main(["restore", str(demo_path), str(out)]) == 0
    assert _dump(demo_path)["households"] == _dump(out)["households"]
    assert main(["backup", str(tmp_path / "missing.sqlite"), "-o", str(tmp_path / "m.sqlite")]) == 1
    assert "不存在" in capsys.readouterr().err


def test_backup_content_says_whose_database_and_how_much(demo_path, tmp_path):
    from fieldapp.store.backups.content import database_content

    saved = B.backup_database(demo_path, tmp_path / "saved.sqlite")
    c = database_content(saved)
    assert (c.county_code, c.county_name, c.role) == ("140824000000", "稷山县", "county")
    assert c.households == 3000 and 0 < c.visits <= 3000 and c.last_change_at.startswith("20")
    assert c.same_device(database_content(demo_path))
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").close()
    with pytest.raises(E.StoreError, match="不是 fieldapp 数据库"):
        database_content(plain)


def test_restore_refuses_a_backup_of_another_county_or_a_foreign_file(demo_path, tmp_path):
    from fieldapp.store.setup import new_county_database

    other = new_county_database(tmp_path / "秀洲区.sqlite", "330411")
    other.close()
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").close()
    before = _dump(demo_path)
    with pytest.raises(E.StoreError, match="另一个区县（秀洲区）"):
        B.restore_backup(tmp_path / "秀洲区.sqlite", demo_path)
    with pytest.raises(E.StoreError, match="不是 fieldapp 数据库"):
        B.restore_backup(plain, demo_path)
    assert _dump(demo_path) == before
    assert B.list_backups(demo_path) == []  # refused before anything was touched
