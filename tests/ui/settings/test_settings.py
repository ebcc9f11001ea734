"""Settings (language, role, township, surveyor, device name), About (version, data paths),
Help (the shipped Chinese guide), and where settings live."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QProcess, QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from fieldapp import __version__
from fieldapp.ui.shell import app as app_module
from fieldapp.ui.shell.about import AboutDialog
from fieldapp.ui.shell.help_window import HelpWindow, guide_path
from fieldapp.ui.shell.main_window import MainWindow
from fieldapp.ui.settings.settings_dialog import SettingsDialog, open_settings, restart_command

pytestmark = pytest.mark.ui


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("FIELDAPP_HOME", str(folder))
    app_module.configure_settings()  # QSettings into this test's app-data folder
    QSettings().clear()  # nothing carried over from settings other tests left behind
    return folder


@pytest.fixture
def window(qtbot, home, demo_store):
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    yield w


def _pick(combo, prefix):
    idx = next(i for i in range(combo.count()) if combo.itemText(i).startswith(prefix))
    combo.setCurrentIndex(idx)


def test_settings_change_the_database_profile(qtbot, home, demo_store):
    dlg = SettingsDialog(demo_store)
    qtbot.addWidget(dlg)
    assert "稷山县" in dlg.county.text()
    dlg.role.setCurrentIndex(dlg.role.findData("township"))
    _pick(dlg.township, "翟店镇")
    dlg.surveyor.setText("赵敏")
    dlg.device_name.setText("翟店镇-2")
    dlg._save()
    assert dlg.result() == QDialog.Accepted
    assert demo_store.setting("role") == "township"
    assert demo_store.setting("township_code") == "140824103000"
    assert demo_store.setting("surveyor") == "赵敏"
    assert demo_store.setting("device_name") == "翟店镇-2"
    row = demo_store.conn.execute("SELECT name, role FROM devices WHERE device_id = ?",
                                  (demo_store.device_id,)).fetchone()
    assert tuple(row) == ("翟店镇-2", "township")
    assert QSettings().value("profile/surveyor") == "赵敏"  # offered for the next database


def test_bad_settings_change_nothing(qtbot, home, demo_store, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    before = demo_store.setting("device_name"), demo_store.setting("surveyor")
    dlg = SettingsDialog(demo_store)
    qtbot.addWidget(dlg)
    dlg.surveyor.setText("新名字")
    dlg.device_name.setText("   ")
    dlg._save()
    assert dlg.result() != QDialog.Accepted
    assert errors and "设备名称" in errors[0]
    assert (demo_store.setting("device_name"), demo_store.setting("surveyor")) == before


def test_township_role_needs_a_township(qtbot, home, demo_store):
    dlg = SettingsDialog(demo_store)
    qtbot.addWidget(dlg)
    dlg.role.setCurrentIndex(dlg.role.findData("township"))
    dlg.township.setCurrentIndex(dlg.township.findData(""))
    dlg._save()
    assert dlg.result() != QDialog.Accepted and dlg.problem.text()
    assert demo_store.setting("role") == "county"


def test_without_a_database_only_the_language_can_change(qtbot, home):
    dlg = SettingsDialog(None)
    qtbot.addWidget(dlg)
    assert not dlg.database_box.isEnabled()
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg._save()
    assert dlg.language_changed
    assert QSettings().value("ui/language") == "en"


def test_language_english_on_request_chinese_by_default(qtbot, home, qapp):
    from fieldapp.ui.shell.i18n import current_language

    assert current_language() == "zh_CN"
    locale_before = QLocale()
    app_module.make_app()
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("HelpMenus", "&Help") == "帮助(&H)"
        QSettings().setValue("ui/language", "en")
        app_module.make_app()
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        w = MainWindow()
        qtbot.addWidget(w)
        titles = [a.text() for a in w.menuBar().actions()]
        assert "&Help" in titles and "&Settings" in titles
    finally:
        QSettings().setValue("ui/language", "zh_CN")
        app_module.make_app()
        zh_file = QCoreApplication.translate("MainWindow", "&File")
        # Leave the shared QApplication as pytest-qt made it: no translators, no crash dialog.
        for t in qapp._translators:
            qapp.removeTranslator(t)
        qapp._translators = []
        QLocale.setDefault(locale_before)
        qapp._crash_handler.uninstall()
        del qapp._crash_handler
    assert zh_file == "文件(&F)"


def test_language_change_offers_a_restart_on_the_same_database(window, monkeypatch):
    started = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda prog, args: started.append((prog, args)) or True))
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: None))
    db = str(window.store.path)

    def fake_exec(dlg):
        dlg.language.setCurrentIndex(dlg.language.findData("en"))
        dlg._save()
        return dlg.result()

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    try:
        assert open_settings(window)
        assert started == [restart_command(db)]
        assert started[0][1][-1] == db
    finally:
        QSettings().setValue("ui/language", "zh_CN")


def test_settings_menu_opens_the_dialog(window, monkeypatch):
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dlg: opened.append(dlg) or 0)
    window.help_menus.settings_action.trigger()
    assert len(opened) == 1 and opened[0].store is window.store


def test_about_shows_version_and_data_paths(qtbot, home, demo_store):
    dlg = AboutDialog(demo_store)
    qtbot.addWidget(dlg)
    texts = " ".join(w.text() for w in dlg.findChildren(type(dlg.path_labels["logs"])))
    assert __version__ in texts
    assert dlg.path_labels["database"].text() == str(demo_store.path)
    for key in ("app_data", "databases", "backups", "logs", "settings"):
        assert dlg.path_labels[key].text().startswith(str(home)), key
    assert Path(dlg.path_labels["settings"].text()).name.endswith(".ini")


def test_help_menu_opens_the_chinese_guide(window, qtbot):
    help_window = window.help_menus.open_guide()
    qtbot.addWidget(help_window)
    text = help_window.browser.toPlainText()
    assert "用户手册" in text
    for step in ("安装", "首次", "入户", "地图", "同步包", "冲突", "花名册", "工单", "打印", "报表"):
        assert step in text, step


def test_guide_is_shipped_and_its_images_exist():
    guide = guide_path()
    assert guide.is_file()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.read_text(encoding="utf-8"))
    assert images, "the guide shows screenshots"
    missing = [i for i in images if not (guide.parent / i).is_file()]
    assert missing == []


def test_missing_guide_says_so(qtbot, tmp_path):
    w = HelpWindow(path=tmp_path / "nope.md")
    qtbot.addWidget(w)
    assert str(tmp_path / "nope.md") in w.browser.toPlainText()


def test_settings_live_in_the_app_data_folder(home):
    path = app_module.configure_settings()
    assert path.is_relative_to(home / "settings")
    QSettings().setValue("probe", "1")
    QSettings().sync()
    assert path.is_file()


def test_help_menu_stays_last(window):
    window.menuBar().addMenu("Later feature")
    app_module_help = window.help_menus.help_menu.menuAction()
    from fieldapp.ui.shell.settings_help_menus import keep_help_menu_last

    keep_help_menu_last(window)
    assert window.menuBar().actions()[-1] is app_module_help


def test_guide_table_of_contents_links_reach_their_headings(qtbot):
    w = HelpWindow()
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    links = re.findall(r"\]\(#([^)]+)\)", guide_path().read_text(encoding="utf-8"))
    assert len(links) >= 12
    for fragment in links:
        w.browser.verticalScrollBar().setValue(0)
        assert w.scroll_to_heading(fragment), fragment
    assert w.browser.verticalScrollBar().value() > 0


def test_settings_of_an_earlier_version_are_carried_over(tmp_path, monkeypatch):
    old = QSettings(QSettings.NativeFormat, QSettings.UserScope, "fieldapp", "fieldapp")
    old.setValue("ui/language", "en")
    old.sync()
    try:
        monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "fresh"))
        path = app_module.configure_settings()
        assert path.is_file()
        assert QSettings().value("ui/language") == "en"
        QSettings().setValue("ui/language", "zh_CN")  # the new file wins from now on
        app_module.configure_settings()
        assert QSettings().value("ui/language") == "zh_CN"
    finally:
        old.remove("ui/language")
        old.sync()
