"""Issue 15 item 6: weak passphrases are refused with a Chinese explanation, and databases,
backups, the backup index, exports and key files are readable by their owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import COUNTY_PW, LAPTOP_PW

from fieldapp.core.passphrase_rule import WeakPassphrase, weakness
from fieldapp.jobs import devices
from fieldapp.store import Store
from fieldapp.store.backups.backup import MANIFEST, auto_backup, backup_database
from fieldapp.sync import identity, setup

WEAK = ["1", "123456", "county pw", "1234567890", "13912345678", "0000000000", "password123",
        "Password2026!", "PASSWORD 123", "qwertyuiop", "1qaz2wsx3edc", "aaaaaaaaaa",
        "abcabcabcabc", "woaini1314", "woaini5201314", "huhutong2026", "   1234567890   "]
STRONG = [COUNTY_PW, LAPTOP_PW, "correct horse battery", "稷山县融媒体中心的钥匙2026",
          "Wang Lei 1985!!"]


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    """The usual umask (files 0644 unless the program says otherwise)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _cli(*args, passphrase: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDAPP_PASSPHRASE=passphrase, FIELDAPP_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("passphrase", WEAK)
def test_weak_passphrases_are_refused(passphrase):
    assert weakness(passphrase) is not None


@pytest.mark.parametrize("passphrase", STRONG)
def test_a_passphrase_people_can_remember_passes(passphrase):
    assert weakness(passphrase) is None


def test_county_key_with_a_weak_passphrase_is_refused_and_nothing_is_made(tmp_path):
    db = tmp_path / "county.sqlite"
    for weak in ("1", "1234567890", "password123"):
        r = _cli("init", db, "--role", "county", "--county", "140824", passphrase=weak,
                 home=tmp_path / "home")
        assert r.returncode == 1
        assert "口令" in r.stderr and "10 个字符" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        assert not db.exists()
    r = _cli("init", db, "--role", "county", "--county", "140824", passphrase=COUNTY_PW,
             home=tmp_path / "home")
    assert r.returncode == 0, r.stderr
    with Store.open(db) as s:
        identity.unlock(s, COUNTY_PW)


def test_laptop_key_with_a_weak_passphrase_is_refused(tmp_path):
    db, req = tmp_path / "lap.sqlite", tmp_path / "req.json"
    with pytest.raises(WeakPassphrase, match="口令太常见"):
        devices.request(db, req, "qwertyuiop")
    assert list(tmp_path.iterdir()) == []  # no key file, no request


def test_existing_county_database_gets_no_key_under_a_weak_passphrase(demo_path):
    with pytest.raises(WeakPassphrase, match="至少需要 10 个字符"):
        setup.init_county(demo_path, "140824", "short")
    with Store.open(demo_path) as s:
        assert not identity.has_keys(s)


def test_databases_and_their_wal_and_shm_are_owner_only(tmp_path, usual_umask):
    from fieldapp.store.setup import new_county_database

    s = new_county_database(tmp_path / "county.sqlite", "140824")
    with s.transaction() as conn:
        conn.execute("UPDATE settings SET value = value WHERE key = 'role'")
    for suffix in ("", "-wal", "-shm"):
        assert mode(f"{s.path}{suffix}") == 0o600, suffix
    s.close()


def test_an_older_world_readable_database_is_made_owner_only_when_opened(demo_path,
                                                                         usual_umask):
    os.chmod(demo_path, 0o644)
    with Store.open(demo_path):
        pass
    assert mode(demo_path) == 0o600


def test_backups_and_backup_index_are_owner_only(demo_path, tmp_path, usual_umask):
    manual = backup_database(demo_path, tmp_path / "manual.sqlite")
    assert mode(manual) == 0o600
    folder = tmp_path / "auto"
    auto = auto_backup(demo_path, "merge", folder=folder)
    assert mode(auto) == 0o600
    assert mode(folder / MANIFEST) == 0o600
    assert mode(folder) == 0o700


def test_key_files_and_bundles_are_owner_only(field_setup, usual_umask):
    f = field_setup
    req = f.tmp / "new.request.json"
    res = devices.request(f.tmp / "new.sqlite", req, LAPTOP_PW, name="新笔记本")
    assert mode(res.key_file) == 0o600
    lap = f.laptop("甲")
    assert mode(lap) == 0o600
    assert mode(f.ref) == 0o600  # the reference bundle
    assert mode(f.export(lap, "甲.fab")) == 0o600


@pytest.mark.parametrize("what", [
    ("export", "households", "{db}", "-o", "{out}/households.csv"),
    ("export", "households", "{db}", "-o", "{out}/households.xlsx"),
    ("gaps", "{db}", "-o", "{out}/gaps.xlsx"),
    ("report", "{db}", "-o", "{out}/report.pdf"),
    ("map", "export", "{db}", "-o", "{out}/map.gpkg"),
    ("backup", "{db}", "-o", "{out}/copy.sqlite"),
], ids=lambda w: w[-1].rsplit("/", 1)[-1])
def test_exports_by_command_are_owner_only(demo_path, tmp_path, usual_umask, what):
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(db=demo_path, out=out) for a in what]
    r = _cli(*args, passphrase="", home=tmp_path / "home")
    assert r.returncode == 0, r.stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written and all(mode(p) == 0o600 for p in written), [(p, oct(mode(p)))
                                                                 for p in written]


def test_exports_by_library_call_are_owner_only(demo_store, tmp_path, usual_umask):
    """The app calls the same writers without the command line's umask."""
    from fieldapp.tabular.write import write_table

    for name in ("t.csv", "t.xlsx"):
        write_table(tmp_path / name, ["户主"], [["张三"]])
        assert mode(tmp_path / name) == 0o600
