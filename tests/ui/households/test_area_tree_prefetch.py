"""The county's counts read while the app starts (on a thread of their own) are the counts the
tree shows, and only for the database they were read from."""

import pytest

from fieldapp.store.households import queries
from fieldapp.ui.households.area_tree import Prefetch
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


def _shown(window) -> tuple[str, str]:
    model = window.tree.model
    return model.item(0, 1).text(), model.item(0, 2).text()


def test_counts_read_at_start_are_those_shown(qtbot, demo_path, demo_store):
    root = queries.area_tree(demo_store)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path), Prefetch(demo_path))
    assert _shown(w) == (f"{root.households:,}", f"{root.coverage * 100:.1f}%")
    assert w.table.model.total() == root.households


def test_counts_read_from_another_file_are_not_used(qtbot, demo_path, store):
    other = Prefetch(store.path)  # an empty county: no households
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path), other)
    assert _shown(w)[0] == "3,000"


def _checks(monkeypatch) -> list[str]:
    """The File → Open checks the window runs (on its worker thread)."""
    from fieldapp.jobs import open_database as opening

    seen: list[str] = []
    real = opening.check_database
    monkeypatch.setattr(opening, "check_database", lambda p: (seen.append(str(p)), real(p)))
    return seen


def test_the_file_the_start_up_read_opened_is_not_checked_again(qtbot, demo_path, monkeypatch):
    checks = _checks(monkeypatch)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path), Prefetch(demo_path))
    assert checks == [] and w.store.path == demo_path
    assert w.open_path(str(demo_path))  # File → Open later: checked as always
    assert checks == [str(demo_path)]


def test_an_older_database_read_at_start_up_is_checked_and_upgraded(qtbot, tmp_path, monkeypatch):
    from fieldapp.store import db as dbmod
    from fieldapp.store.schema import SCHEMA_VERSION
    from fieldapp.store.setup import new_county_database

    old = tmp_path / "旧版.sqlite"
    with monkeypatch.context() as m:  # a county database of the release of schema 5
        m.setattr(dbmod, "SCHEMA_VERSION", 5)
        new_county_database(old, "140824").close()
    checks = _checks(monkeypatch)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(old), Prefetch(old))
    assert checks == [str(old)] and w.store.schema_version == SCHEMA_VERSION
