"""First run: no database given and none recent → the setup asks role, county, township,
surveyor and device name, then creates the database in the app-data folder."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from fieldapp.store import Store, queries
from fieldapp.ui import app as app_module
from fieldapp.ui.first_run import FirstRunDialog, create_database
from fieldapp.ui.main_window import MainWindow, add_recent

pytestmark = pytest.mark.ui


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("FIELDAPP_HOME", str(folder))
    app_module.configure_settings()  # QSettings into this test's app-data folder
    return folder


@pytest.fixture
def window(qtbot, home):
    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.close()


def _answer(monkeypatch, fill):
    """Make FirstRunDialog.exec fill the form with `fill(dlg)` and press the OK button."""
    shown = []

    def fake_exec(dlg):
        shown.append(dlg)
        if fill is None:
            return QDialog.Rejected
        fill(dlg)
        dlg.buttons.accepted.emit()
        return dlg.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    return shown


def _township(dlg, name="化峪镇"):
    dlg.township_role.setChecked(True)
    dlg.county.setCurrentIndex(dlg.county.findData("140824"))
    idx = next(i for i in range(dlg.township.count()) if dlg.township.itemText(i).startswith(name))
    dlg.township.setCurrentIndex(idx)
    dlg.surveyor.setText("张伟")
    dlg.device_name.setText("化峪镇-笔记本1")


def test_first_run_creates_township_database_in_app_data(window, home, monkeypatch):
    shown = _answer(monkeypatch, _township)
    assert app_module.open_or_set_up(window, None)
    assert len(shown) == 1
    store = window.store
    assert store.path.parent == home / "databases"
    assert store.path.name.startswith("township-140824")
    assert store.setting("role") == "township"
    assert store.setting("surveyor") == "张伟"
    assert store.setting("device_name") == "化峪镇-笔记本1"
    township = store.setting("township_code")
    assert queries.area_tree(store) and len(township) == 12
    name = store.conn.execute("SELECT name FROM areas WHERE code = ?", (township,)).fetchone()[0]
    assert name == "化峪镇"
    assert queries.info(store)["counts"]["townships"] == 9  # the real list of 稷山县


def test_first_run_county_office(window, home, monkeypatch):
    def fill(dlg):
        dlg.county_role.setChecked(True)
        dlg.county.setCurrentIndex(dlg.county.findData("330411"))
        dlg.surveyor.setText("李娜")
        dlg.device_name.setText("县中心-1")

    _answer(monkeypatch, fill)
    assert app_module.open_or_set_up(window, None)
    store = window.store
    assert store.path == home / "databases" / "county-330411.sqlite"
    assert store.setting("role") == "county"
    assert store.setting("county_name") == "秀洲区"
    assert not store.setting("township_code")


def test_township_list_follows_county(qtbot, home):
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.county.setCurrentIndex(dlg.county.findData("140824"))
    jishan = [dlg.township.itemText(i) for i in range(dlg.township.count())]
    dlg.county.setCurrentIndex(dlg.county.findData("330411"))
    xiuzhou = [dlg.township.itemText(i) for i in range(dlg.township.count())]
    assert len(jishan) == 9 and any(t.startswith("稷峰镇") for t in jishan)
    assert xiuzhou and not set(jishan) & set(xiuzhou)
    dlg.county_role.setChecked(True)
    assert not dlg.township.isEnabled()


def test_surveyor_and_device_name_are_required(qtbot, home):
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.surveyor.setText("  ")
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted and dlg.problem.text()
    dlg.surveyor.setText("王芳")
    dlg.device_name.setText("")
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted
    dlg.device_name.setText("PC-1")
    dlg.buttons.accepted.emit()
    assert dlg.result() == QDialog.Accepted


def test_cancel_leaves_no_database(window, home, monkeypatch):
    _answer(monkeypatch, None)
    assert not app_module.open_or_set_up(window, None)
    assert window.store is None
    assert list((home / "databases").glob("*.sqlite")) == []


def test_database_argument_skips_first_run(window, demo_path, monkeypatch):
    """`make run` passes the demo database: never blocked by the setup."""
    shown = _answer(monkeypatch, _township)
    assert app_module.open_or_set_up(window, str(demo_path))
    assert shown == []
    assert window.store.path == demo_path


def test_recent_database_skips_first_run(window, demo_path, monkeypatch):
    add_recent(str(demo_path))
    shown = _answer(monkeypatch, _township)
    assert app_module.open_or_set_up(window, None)
    assert shown == []
    assert Path(window.store.path).resolve() == demo_path.resolve()


def test_database_in_app_data_folder_skips_first_run(window, home, monkeypatch):
    create_database({"role": "county", "county_code": "140824", "township_code": "",
                     "surveyor": "a", "device_name": "b"}).close()
    shown = _answer(monkeypatch, _township)
    assert app_module.open_or_set_up(window, None)
    assert shown == []
    assert window.store.path.name == "county-140824.sqlite"


def test_second_database_never_overwrites_the_first(home):
    values = {"role": "county", "county_code": "140824", "township_code": "",
              "surveyor": "a", "device_name": "b"}
    first = create_database(values)
    second = create_database(values)
    try:
        assert first.path != second.path and first.path.exists() and second.path.exists()
    finally:
        first.close()
        second.close()


def test_unwritable_app_data_folder_gives_a_message_not_a_crash(window, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FIELDAPP_HOME", str(blocker / "sub"))
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[1:3]))
    calls = []

    def fill(dlg):
        if calls:  # second time round the user gives up
            raise AssertionError("unreachable")
        calls.append(1)
        _township(dlg)

    def fake_exec(dlg):
        if calls:
            return QDialog.Rejected
        fill(dlg)
        dlg.buttons.accepted.emit()
        return dlg.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    from fieldapp.ui.first_run import run_first_run

    assert run_first_run(window) is None
    assert len(errors) == 1


def test_opened_database_is_usable(home):
    store = create_database({"role": "township", "county_code": "140824",
                             "township_code": "140824100000", "surveyor": "张伟",
                             "device_name": "PC"})
    path = store.path
    store.close()
    again = Store.open(path)
    try:
        assert again.setting("township_code") == "140824100000"
    finally:
        again.close()
