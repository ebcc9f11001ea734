"""Automatic backups are taken before an import and a merge from the command line, and when
the app opens a database."""

import subprocess
import sys

import pytest

from fieldapp.store.backups.backup import list_backups


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_import_register_backs_up_first(demo_path, tmp_path):
    from fieldapp.demo.sample_register import make_register
    from fieldapp.store import Store

    s = Store.open(demo_path)
    villages = [tuple(r) for r in s.conn.execute(
        "SELECT v.code, v.name, t.name FROM areas v JOIN areas t ON t.code = v.parent_code"
        " WHERE v.level = 'village' ORDER BY v.code LIMIT 3")]
    s.close()
    register = tmp_path / "r.xlsx"
    make_register(register, villages, 30, seed=1, region="140824")
    assert list_backups(demo_path) == []
    r = run("import-register", demo_path, register, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert list_backups(demo_path) == []  # a dry run changes nothing, so no backup
    r = run("import-register", demo_path, register)
    assert r.returncode == 0, r.stderr
    backups = list_backups(demo_path)
    assert len(backups) == 1 and "import" in backups[0].path.name


@pytest.mark.ui
def test_opening_in_the_app_backs_up_in_the_background(qtbot, demo_store):
    from fieldapp.ui.shell.main_window import MainWindow

    assert list_backups(demo_store.path) == []
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: len(list_backups(demo_store.path)) == 1, timeout=60000)
    assert "start" in list_backups(demo_store.path)[0].path.name
