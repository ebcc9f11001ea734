"""The main window on a demo county: tree → table → detail, search, filters, bad files."""

import re

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldapp.store.households import queries
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


def _first_village_with_households(store):
    return store.conn.execute(
        "SELECT village_code, count(*) n FROM households GROUP BY village_code"
        " HAVING n > 20 ORDER BY village_code LIMIT 1").fetchone()


def test_tree_shows_real_townships_with_counts(window, demo_store):
    model = window.tree.model
    county = model.item(0, 0)
    assert county.text() == "稷山县"
    assert county.rowCount() == 9
    assert model.item(0, 1).text() == "3,000"
    assert model.item(0, 2).text().endswith("%")


def test_status_bar_counts_are_those_of_fieldapp_info(window, demo_store, qtbot):
    with demo_store.write("t") as w:  # one visit deleted: not counted anywhere
        w.delete("visits", demo_store.conn.execute("SELECT uuid FROM visits LIMIT 1").fetchone()[0])
    window.refresh()
    c = queries.info(demo_store)["counts"]
    expected = [str(c["townships"]), str(c["villages"]), f"{c['households']:,}",
                f"{c['visits']:,}"]
    qtbot.waitUntil(lambda: "…" not in window.count_label.text())  # visits come a moment later
    text = window.count_label.text()
    assert [n for n in re.findall(r"[\d,]+", text)] == expected


def test_tree_to_table_to_detail(window, demo_store, qtbot):
    code, n = _first_village_with_households(demo_store)
    assert window.tree.select(code)
    assert window.table.model.rowCount() == n
    assert window.table.model.total() == n
    window.table.view.selectRow(3)
    uuid = window.table.model.uuid_at(3)
    hh = queries.household(demo_store, uuid)
    assert window.detail.title.text() == hh["head_name"]
    assert window.detail.fields["village_name"].text() == hh["village_name"]


def test_county_table_is_paged_not_loaded_whole(window, demo_store):
    window.tree.select("140824000000")
    assert window.table.model.total() == 3000
    assert window.table.model.rowCount() <= 500
    last = demo_store.conn.execute("SELECT uuid FROM households ORDER BY village_code DESC,"
                                   " CAST(group_no AS INTEGER) DESC LIMIT 1").fetchone()[0]
    assert window.select_household(last)  # fetches further pages on demand


def test_search_by_pinyin_initials_and_name(window, demo_store):
    code, _ = _first_village_with_households(demo_store)
    window.tree.select(code)
    name = queries.households(demo_store, code)[0][3]
    from fieldapp.core.pinyin import full_pinyin, initials

    window.table.search.setText(initials(name))
    window.table.reload()
    head = window.table.model.COLUMNS.index("head_name")
    names = [window.table.model.data(window.table.model.index(r, head))
             for r in range(window.table.model.rowCount())]
    assert name in names
    key = initials(name)
    assert all(initials(n).startswith(key) or full_pinyin(n).startswith(key) or name in n
               for n in names)
    window.table.search.setText(name)
    window.table.reload()
    assert window.table.model.rowCount() >= 1


def test_status_filter(window, demo_store):
    window.tree.select("140824000000")
    combo = window.table.status
    combo.setCurrentIndex(combo.findData("not_covered"))
    expected = queries.household_count(demo_store, "140824000000", status="not_covered")
    assert window.table.model.total() == expected > 0
    col = window.table.model.COLUMNS.index("status")
    assert window.table.model.data(window.table.model.index(0, col)) in ("Not covered", "未覆盖")


def test_select_household_from_elsewhere(window, demo_store):
    uuid = demo_store.conn.execute("SELECT uuid FROM households LIMIT 1 OFFSET 1234").fetchone()[0]
    assert window.select_household(uuid)
    assert window.table.current_uuid() == uuid
    assert window.detail.uuid == uuid


def test_bad_file_gives_dialog_not_traceback(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 500)
    assert not window.open_path(str(junk))
    assert window.open_path(str(tmp_path / "missing.sqlite")) is False
    assert len(shown) == 2 and str(junk) in shown[0]
    assert window.store is not None  # the open database stays open


def test_corrupt_database_found_while_loading_gives_dialog(window, tmp_path, monkeypatch,
                                                            demo_template):
    import os

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "bad.sqlite"
    data = bytearray(demo_template.read_bytes())
    for offset in range(4096 * 3, len(data), 4096 * 7):
        data[offset: offset + 512] = os.urandom(512)
    bad.write_bytes(bytes(data))
    assert window.open_path(str(bad)) is False
    assert shown and ("damaged" in shown[0] or "损坏" in shown[0] or "not a fieldapp" in shown[0]
                      or "不是" in shown[0])
    assert window.store is not None and window.store.path != bad  # the previous one is back


def test_an_opened_database_is_listed_under_recent_files(qtbot, demo_path):
    from fieldapp.ui.shell.main_window import recent_files

    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path))
    qtbot.waitUntil(lambda: str(demo_path.resolve()) in recent_files())
    w.file_menu.aboutToShow.emit()  # as when the user opens the File menu
    assert w.recent_menu.actions()[0].text() == str(demo_path.resolve())  # newest first
    assert w.recent_menu.isEnabled()
