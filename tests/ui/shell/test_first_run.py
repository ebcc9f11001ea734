"""First run: no database given and none recent → the setup asks role, county, township,
surveyor and device name, then creates the database in the app-data folder."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from fieldapp.store import Store
from fieldapp.store.households import queries
from fieldapp.sync import identity
from fieldapp.sync.setup import init_county
from fieldapp.ui.shell import app as app_module
from fieldapp.ui.shell.first_run import FirstRunDialog, create_database
from fieldapp.ui.shell.main_window import MainWindow, add_recent
from fieldapp.jobs import devices
from fieldapp.ui.shell.first_run import pending_key_file

pytestmark = pytest.mark.ui


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("FIELDAPP_HOME", str(folder))
    app_module.configure_settings()  # QSettings into this test's app-data folder
    QSettings().clear()  # nothing carried over from settings other tests left behind
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
    dlg.use_bundle.setChecked(False)  # no reference bundle: the division list only
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
        dlg.passphrase.setText("county secret")
        dlg.passphrase2.setText("county secret")

    _answer(monkeypatch, fill)
    assert app_module.open_or_set_up(window, None)
    store = window.store
    assert store.path == home / "databases" / "county-330411.sqlite"
    assert store.setting("role") == "county"
    assert store.setting("county_name") == "秀洲区"
    assert not store.setting("township_code")
    assert identity.has_keys(store)  # can make reference bundles for its townships
    identity.unlock(store, "county secret")


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
    assert not dlg.township.isVisibleTo(dlg)


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
    dlg.use_bundle.setChecked(False)
    dlg.buttons.accepted.emit()
    assert dlg.result() == QDialog.Accepted


def test_enrolment_bundle_and_passphrase_are_checked(qtbot, home, tmp_path):
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.surveyor.setText("王芳")
    assert dlg.use_bundle.isChecked()  # the recommended way for a township laptop
    dlg.bundle.setText(str(tmp_path / "missing.fab"))
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted
    assert any(w in dlg.problem.text() for w in ("reference bundle", "参考包"))
    bundle = tmp_path / "ref.fab"
    bundle.write_bytes(b"x")
    dlg.bundle.setText(str(bundle))
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted
    assert any(w in dlg.problem.text() for w in ("request enrolment", "申请登记"))
    devices.request(home / "x.sqlite", tmp_path / "req.json", "long enough",
                    key_file=pending_key_file())
    dlg.passphrase.setText("short")
    dlg.passphrase2.setText("short")
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted
    dlg.passphrase.setText("long enough")
    dlg.passphrase2.setText("long enougH")
    dlg.buttons.accepted.emit()
    assert dlg.result() != QDialog.Accepted
    dlg.passphrase2.setText("long enough")
    dlg.buttons.accepted.emit()
    assert dlg.result() == QDialog.Accepted
    assert dlg.values()["bundle"] == str(bundle) and dlg.values()["township_code"] == ""


@pytest.fixture
def reference_bundle(demo_path, tmp_path, home):
    """A county database with keys (the small demo county) and the reference bundle it wrote
    when it enrolled this new laptop's request for 稷峰镇 (140824100)."""
    init_county(demo_path, "140824", "county pw 2026")
    req = devices.request(home / "new.sqlite", tmp_path / "req.json", "laptop pw 2026",
                          key_file=pending_key_file())
    out = tmp_path / "jifeng.fab"
    with Store.open(demo_path) as county:
        devices.enrol(county, req.request, "140824100", "county pw 2026", out=out,
                      expect_fingerprint=req.fingerprint)
        households = county.conn.execute(
            "SELECT count(*) FROM households WHERE village_code LIKE '140824100%'").fetchone()[0]
    return out, req.fingerprint, households


def _from_bundle(bundle, passphrase="laptop pw 2026"):
    def fill(dlg):
        dlg.township_role.setChecked(True)
        dlg.use_bundle.setChecked(True)
        dlg.bundle.setText(str(bundle))
        dlg.surveyor.setText("张伟")
        dlg.device_name.setText("稷峰镇-1")
        dlg.passphrase.setText(passphrase)
        dlg.passphrase2.setText(passphrase)
    return fill


def test_township_laptop_from_the_county_reference_bundle(window, home, monkeypatch,
                                                          reference_bundle):
    bundle, fingerprint, households = reference_bundle
    _answer(monkeypatch, _from_bundle(bundle))
    assert app_module.open_or_set_up(window, None)
    store = window.store
    assert store.path == home / "databases" / "township-140824100.sqlite"
    assert store.setting("role") == "township"
    assert store.setting("township_code") == "140824100000"
    assert store.setting("surveyor") == "张伟"
    assert queries.info(store)["counts"]["households"] == households > 0
    assert identity.unlock(store, "laptop pw 2026").public.fingerprint == fingerprint
    assert not pending_key_file().exists()  # the key moved into the database


def test_a_bundle_for_another_laptop_leaves_nothing_behind(window, home, monkeypatch,
                                                          reference_bundle, tmp_path):
    bundle, _, _ = reference_bundle
    pending_key_file().unlink()  # this computer made a new key since: the bundle is not for it
    devices.request(home / "x.sqlite", tmp_path / "req2.json", "laptop pw 2026",
                    key_file=pending_key_file())
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    tries = []

    def fake_exec(dlg):
        if tries:
            return QDialog.Rejected  # after the message the user cancels
        tries.append(1)
        _from_bundle(bundle)(dlg)
        dlg.buttons.accepted.emit()
        return dlg.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    assert not app_module.open_or_set_up(window, None)
    assert len(errors) == 1
    assert list((home / "databases").glob("*.sqlite*")) == []


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
    create_database({"role": "township", "county_code": "140824",
                     "township_code": "140824100000", "surveyor": "a", "device_name": "b"})
    shown = _answer(monkeypatch, _township)
    assert app_module.open_or_set_up(window, None)
    assert shown == []
    assert window.store.path.name == "township-140824100.sqlite"


def test_second_database_never_overwrites_the_first(home):
    values = {"role": "township", "county_code": "140824", "township_code": "140824102000",
              "surveyor": "a", "device_name": "b"}
    first = Path(create_database(values))
    second = Path(create_database(values))
    assert first != second and first.exists() and second.exists()


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
    from fieldapp.ui.shell.first_run import run_first_run

    assert run_first_run(window) is None
    assert len(errors) == 1


def test_opened_database_is_usable(home):
    path = create_database({"role": "township", "county_code": "140824",
                            "township_code": "140824100000", "surveyor": "张伟",
                            "device_name": "PC"})
    again = Store.open(path)
    try:
        assert again.setting("township_code") == "140824100000"
    finally:
        again.close()
