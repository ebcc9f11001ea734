"""Start the GUI: application object, translations, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from fieldapp import __version__


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("fieldapp")
    app.setApplicationName("fieldapp")
    app.setApplicationVersion(__version__)
    from .i18n import install_translators

    app._translators = install_translators(app)  # keep references alive
    return app


def run_app(db_path: str | None = None) -> int:
    app = make_app()
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    if db_path:
        window.open_path(db_path)
    return app.exec()
