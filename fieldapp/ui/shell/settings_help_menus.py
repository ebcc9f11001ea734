"""The main window's Settings and Help menus (Settings…, User guide, About)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from fieldapp.core.appdata import app_data_dir


def _t(text: str) -> str:
    return QCoreApplication.translate("HelpMenus", text)


class HelpMenus:
    """Builds the menus on a main window; keeps the dialogs it opens alive."""

    def __init__(self, window):
        self.window = window
        self.help_window = None
        self.settings_menu = window.menuBar().addMenu(_t("&Settings"))
        self.settings_action = QAction(_t("&Settings…"), window,
                                       shortcut=QKeySequence.Preferences)
        self.settings_action.setMenuRole(QAction.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.settings_menu.addAction(self.settings_action)

        self.help_menu = window.menuBar().addMenu(_t("&Help"))
        self.guide_action = QAction(_t("&User guide"), window, shortcut=QKeySequence.HelpContents)
        self.guide_action.triggered.connect(self.open_guide)
        self.folder_action = QAction(_t("Open &data folder"), window)
        self.folder_action.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(app_data_dir()))))
        self.about_action = QAction(_t("&About fieldapp"), window)
        self.about_action.setMenuRole(QAction.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        for action in (self.guide_action, self.folder_action, self.about_action):
            self.help_menu.addAction(action)

    def open_settings(self) -> bool:
        from fieldapp.ui.settings.settings_dialog import open_settings

        return open_settings(self.window)

    def open_guide(self):
        from fieldapp.ui.shell.help_window import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self.window)
        self.help_window.show()
        self.help_window.raise_()
        return self.help_window

    def open_about(self) -> None:
        from fieldapp.ui.shell.about import AboutDialog

        AboutDialog(self.window.store, self.window).exec()


def install_menus(window) -> HelpMenus:
    window.help_menus = HelpMenus(window)
    return window.help_menus


def keep_help_menu_last(window) -> None:
    """Menus added after ours (by other features) go before Help, as users expect."""
    menus = getattr(window, "help_menus", None)
    if menus is None:
        return
    bar = window.menuBar()
    bar.removeAction(menus.help_menu.menuAction())
    bar.addAction(menus.help_menu.menuAction())
