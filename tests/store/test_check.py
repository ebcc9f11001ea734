"""`fieldapp check`: a sound database passes; each kind of damage is found and named."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from fieldapp.cli import main
from fieldapp.store import Store
from fieldapp.store import visits as V
from fieldapp.store.check import check_database


def _raw(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def _failed(report):
    return {f.check for f in report.findings if not f.ok}


def test_demo_database_passes_every_check(demo_path):
    report = check_database(demo_path)
    assert report.ok, report.as_json()
    assert _failed(report) == set()
    assert {f.check for f in report.findings} >= {
        "integrity", "foreign_keys", "counters", "record_versions", "change_targets", "json",
        "attachments", "attachment_refs", "orphan_attachments", "status"}


def test_check_changes_nothing(demo_path):
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    check_database(demo_path)
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_visits_with_photos_pass(demo_path):
    with Store.open(demo_path) as s:
        hh = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        sha = V.put_attachment(s, "t", b"\x89PNG fake photo", "image/png")
        visit = V.start_visit(s, "t", hh, "huhutong_household", "1", {"tv_photo": sha})
        V.complete_visit(s, "t", visit, {"visit_result": "vacant"})
    report = check_database(demo_path)
    assert report.ok and not report.warnings, report.as_json()


@pytest.mark.parametrize("damage,check", [
    ("DELETE FROM changes WHERE seq = (SELECT max(seq) FROM changes WHERE tbl = 'visits')",
     "record_versions"),
    ("UPDATE changes SET record_uuid = 'elsewhere' WHERE seq = (SELECT max(seq) FROM changes)",
     "record_versions"),
    (("INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op, data, at)"
     " SELECT device_id, last_counter + 1, 'x', 'households', 'gone', 'update', '{}', 'now'"
     " FROM devices WHERE status = 'self'"), "counters"),
    (("INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op, data, at)"
     " VALUES ('stranger', 1, 'x', 'households', 'gone', 'update', '{}', 'now')"), "counters"),
    (("UPDATE visits SET household_uuid = 'no-such-household'"
     " WHERE rowid = (SELECT min(rowid) FROM visits)"), "foreign_keys"),
    ("UPDATE visits SET answers = '{not json' WHERE rowid = (SELECT min(rowid) FROM visits)",
     "json"),
    (("UPDATE households SET status = 'covered'"
     " WHERE uuid = (SELECT uuid FROM households WHERE status = 'vacant' LIMIT 1)"), "status"),
    ("DELETE FROM devices WHERE status = 'self'", "identity"),
])
def test_damage_is_found(demo_path, damage, check):
    with _raw(demo_path) as conn:
        conn.execute(damage)
    report = check_database(demo_path)
    assert not report.ok
    assert check in _failed(report)
    bad = next(f for f in report.findings if f.check == check)
    assert bad.count >= 1 and bad.message


def test_change_for_a_missing_record_is_found(demo_path):
    with _raw(demo_path) as conn:
        uuid = conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        conn.execute("UPDATE changes SET record_uuid = 'vanished' WHERE record_uuid = ?", (uuid,))
    assert {"change_targets", "record_versions"} <= _failed(check_database(demo_path))


def test_photo_problems(demo_path):
    with Store.open(demo_path) as s:
        hh = s.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        used = V.put_attachment(s, "t", b"photo one", "image/jpeg")
        spare = V.put_attachment(s, "t", b"photo two", "image/jpeg")
        V.start_visit(s, "t", hh, "huhutong_household", "1", {"tv_photo": used})
    report = check_database(demo_path)
    assert report.ok  # an unused photo is only a warning
    assert [f.check for f in report.warnings] == ["orphan_attachments"]
    assert spare in report.warnings[0].examples

    with _raw(demo_path) as conn:
        conn.execute("UPDATE attachments SET content = x'00' WHERE sha256 = ?", (used,))
    assert "attachments" in _failed(check_database(demo_path))

    with _raw(demo_path) as conn:
        conn.execute("DELETE FROM attachments WHERE sha256 = ?", (used,))
    assert "attachment_refs" in _failed(check_database(demo_path))


def test_corrupt_file_is_reported_not_raised(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = 4096
    for p in range(40, min(80, len(data) // page)):  # scribble over some b-tree pages
        data[p * page + 8: p * page + 600] = b"\xa5" * 592
    demo_path.write_bytes(bytes(data))
    report = check_database(demo_path)
    assert not report.ok
    assert "integrity" in _failed(report)


def test_cli_exit_codes_and_json(demo_path, capsys):
    assert main(["check", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "数据库完好" in out

    assert main(["check", str(demo_path), "--json", "--quick"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["errors"] == 0
    assert {f["check"] for f in data["findings"]} >= {"integrity", "record_versions"}

    with _raw(demo_path) as conn:
        conn.execute("DELETE FROM changes WHERE seq = (SELECT max(seq) FROM changes)")
    assert main(["check", str(demo_path)]) == 1
    captured = capsys.readouterr()
    assert "问题" in captured.out
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("fieldapp: ")


@pytest.mark.parametrize("content", [b"", b"hello, not a database", b"SQLite format 3\x00" * 2])
def test_cli_bad_files(tmp_path, capsys, content):
    p = tmp_path / "x.sqlite"
    p.write_bytes(content)
    assert main(["check", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: ") and "Traceback" not in err


def test_cli_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.sqlite")]) == 1
    assert "不存在" in capsys.readouterr().err
