"""Start the GUI: application object (names, settings file, fonts, icon, translations, crash
handler), the main window, and the database to open — or the first-run setup."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp import __version__

# The rest of fieldapp is imported inside the functions, after make_app's plain_import().

ORGANIZATION = "fieldapp"
APPLICATION = "fieldapp"


def configure_settings() -> Path:
    """QSettings() (language, recent files, the user's name) as an .ini file in the app-data
    folder on every platform (not the Windows registry). Returns the file."""
    from fieldapp.core.appdata import settings_dir

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(settings_dir()))
    settings = QSettings()
    path = Path(settings.fileName())
    if not path.exists():  # carry over what an earlier version kept in the native place
        old = QSettings(QSettings.NativeFormat, QSettings.UserScope, ORGANIZATION, APPLICATION)
        for key in old.allKeys():
            settings.setValue(key, old.value(key))
        settings.sync()
    return path


def plain_import() -> None:
    """Put Python's own `__import__` back. PySide6 wraps it (keeping the original as
    `builtins.__orig_import__`) for `from __feature__ import snake_case`, which fieldapp does not
    use; the wrapper reads the source file of every module imported after PySide6 to see whether
    it mentions PySide6 — a tenth of the app's start-up."""
    import builtins

    original = getattr(builtins, "__orig_import__", None)
    if original is not None:
        builtins.__import__ = original


def make_app(argv: list[str] | None = None) -> QApplication:
    plain_import()
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    configure_settings()
    from fieldapp.ui.shell.app_resources import app_icon, load_bundled_fonts
    from fieldapp.ui.shell.crash import install_crash_handler

    install_crash_handler(app)
    if not getattr(app, "_fieldapp_fonts", None):
        app._fieldapp_fonts = load_bundled_fonts()
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("fieldapp")
    from fieldapp.ui.shell.i18n import install_translators

    for old in getattr(app, "_translators", []):
        app.removeTranslator(old)
    app._translators = install_translators(app)  # keep references alive
    return app


def startup_database(db_path: str | None = None) -> str | None:
    """The database to open: the one given, else the most recent, else the newest one in the
    app-data databases folder; None means first run."""
    if db_path:
        return db_path
    from fieldapp.ui.shell.main_window import recent_files

    recent = recent_files()
    if recent:
        return recent[0]
    from fieldapp.core.appdata import existing_databases

    found = existing_databases()
    return str(found[0]) if found else None


def open_or_set_up(window, db_path: str | None = None, prefetched=None) -> bool:
    """Open the database to start with, or run the first-run setup. True when one is open.
    `prefetched`: that database's area counts, being read since start-up (area_tree.Prefetch)."""
    path = startup_database(db_path)
    if path:
        return window.open_path(path, prefetched)
    from fieldapp.ui.shell.first_run import run_first_run

    store = run_first_run(window)
    if store is None:
        return False
    window.set_store(store)
    return True


def show_main_window(db_path: str | None = None):
    """The main window, shown at once; the database to start with opens from the event loop.
    Its households are counted by area meanwhile, on a thread of their own, while the window's
    modules load and it is built (the county's counts are the one big read of the first screen).
    """
    path = startup_database(db_path)
    prefetched = None
    if path and Path(path).is_file():
        from fieldapp.ui.households.area_tree import Prefetch

        prefetched = Prefetch(path)
    from fieldapp.ui.shell.main_window import MainWindow
    from fieldapp.ui.shell.settings_help_menus import keep_help_menu_last

    window = MainWindow()
    window.show()
    keep_help_menu_last(window)
    QTimer.singleShot(0, lambda: open_or_set_up(window, path, prefetched))
    return window


def run_app(db_path: str | None = None) -> int:
    try:
        app = make_app()
    except Exception as exc:  # noqa: BLE001 - e.g. a broken Qt install: say so, exit 1
        from fieldapp.ui.shell.crash import report_startup_failure

        return report_startup_failure(exc)
    try:
        from fieldapp.core.private_files import owner_only_umask
        from fieldapp.core.private_temp import clean_leftovers

        clean_leftovers()  # plaintext temporaries of a job killed earlier (issue 15 item 7)
        owner_only_umask()  # databases, backups, exports: owner-only (issue 15 item 6)
        show_main_window(db_path)
        return app.exec()
    except Exception as exc:  # noqa: BLE001 - never a silent exit
        from fieldapp.ui.shell.crash import report_startup_failure

        return report_startup_failure(exc)
