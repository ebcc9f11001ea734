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
