"""Opens every window and dialog of fieldapp the way the app opens it, on a 1366x768 screen at the
scale factor its environment sets (QT_SCALE_FACTOR), saves a screenshot of each and prints their
sizes as JSON for tests/ui/test_screens_fit.py.

    QT_SCALE_FACTOR=1.25 xvfb-run -s "-screen 0 1366x768x24" python tests/ui/screens_probe.py DB OUT [en]

Every QDialog, QWizard and QMainWindow class in fieldapp.ui must have a factory below: a new
dialog without one makes the test fail, so no screen escapes the check.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp

from PySide6.QtCore import QEventLoop, QThread  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget  # noqa: E402


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents(QEventLoop.AllEvents, 50)
        QThread.msleep(20)


def screen_classes() -> list[type]:
    """Every top-level window class the ui package defines."""
    import fieldapp.ui as ui

    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(ui.__path__, "fieldapp.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, (QDialog, QMainWindow)):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


class Context:
    def __init__(self, db: Path, work: Path):
        from fieldapp.store import Store
        from fieldapp.survey.registry import HOUSEHOLD_FORM, bundled_form

        self.store = Store.open(db)
        self.work = work
        self.form = bundled_form(HOUSEHOLD_FORM)
        row = self.store.conn.execute(
            "SELECT uuid, village_code FROM households ORDER BY uuid LIMIT 1").fetchone()
        self.household, self.village = row

    def place_form(self):
        from fieldapp.survey.registry import bundled_form

        return bundled_form("public_place")

    def request(self) -> dict:
        return {"fingerprint": "K7QX-3MPA-9TZL-8WBN-2CRD", "device_id": "lap-3f9a2c",
                "device_name": "稷峰镇-笔记本1"}


def _main_window(c: Context) -> QWidget:
    from fieldapp.ui.shell.main_window import MainWindow

    w = MainWindow()
    w.open_path(str(c.store.path))
    return w


def _visit(c: Context) -> QWidget:
    from fieldapp.ui.visit.visit_form_dialog import VisitFormDialog

    return VisitFormDialog.for_household(c.store, c.household)


def _lazy(module: str, name: str, *args: Callable[[Context], object]) -> Callable[[Context], QWidget]:
    def make(c: Context) -> QWidget:
        cls = getattr(importlib.import_module(module), name)
        return cls(*(a(c) for a in args))
    return make


def _store(c: Context):
    return c.store


def _camera(c: Context) -> QWidget:
    """The camera window on a generated video (the test's stand-in for a webcam), once its
    preview shows a frame."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from camera_video import write_video

    from fieldapp.ui.visit.camera_dialog import CameraDialog

    w = CameraDialog(write_video(c.work / "camera.avi", 640, 480))
    w.show()
    app = QApplication.instance()
    for _ in range(100):
        if w.frames_shown or w.reader.failure is not None:
            break
        settle(app, 1)
    return w


FACTORIES: dict[str, Callable[[Context], QWidget]] = {
    "fieldapp.ui.shell.main_window.MainWindow": _main_window,
    "fieldapp.ui.visit.visit_form_dialog.VisitFormDialog": _visit,
    "fieldapp.ui.places.public_places_dialog.PublicPlaceDialog": _lazy(
        "fieldapp.ui.places.public_places_dialog", "PublicPlaceDialog", _store,
        lambda c: c.place_form(), lambda c: None, lambda c: c.village),
    "fieldapp.ui.places.facilities_dialog.FacilitiesDialog": _lazy(
        "fieldapp.ui.places.facilities_dialog", "FacilitiesDialog", _store,
        lambda c: c.village[:9] + "000"),
    "fieldapp.ui.register.import_history.ImportHistoryDialog": _lazy(
        "fieldapp.ui.register.import_history", "ImportHistoryDialog", _store),
    "fieldapp.ui.register.import_wizard.ImportRegisterWizard": _lazy(
        "fieldapp.ui.register.import_wizard", "ImportRegisterWizard", _store),
    "fieldapp.ui.shell.first_run.FirstRunDialog": _lazy(
        "fieldapp.ui.shell.first_run", "FirstRunDialog"),
    "fieldapp.ui.shell.help_window.HelpWindow": _lazy("fieldapp.ui.shell.help_window", "HelpWindow"),
    "fieldapp.ui.shell.new_database_dialog.NewDatabaseDialog": _lazy(
        "fieldapp.ui.shell.new_database_dialog", "NewDatabaseDialog"),
    "fieldapp.ui.shell.about.AboutDialog": _lazy("fieldapp.ui.shell.about", "AboutDialog", _store),
    "fieldapp.ui.settings.settings_dialog.SettingsDialog": _lazy(
        "fieldapp.ui.settings.settings_dialog", "SettingsDialog", _store),
    "fieldapp.ui.settings.backup_dialog.BackupDialog": _lazy(
        "fieldapp.ui.settings.backup_dialog", "BackupDialog", lambda c: c.store.path),
    "fieldapp.ui.households.new_household_dialog.NewHouseholdDialog": _lazy(
        "fieldapp.ui.households.new_household_dialog", "NewHouseholdDialog", _store),
    "fieldapp.ui.households.history_dialog.HistoryDialog": _lazy(
        "fieldapp.ui.households.history_dialog", "HistoryDialog", _store, lambda c: c.household,
        lambda c: c.form),
    "fieldapp.ui.map.map_import_dialog.MapImportDialog": _lazy(
        "fieldapp.ui.map.map_import_dialog", "MapImportDialog", _store),
    "fieldapp.ui.sync.conflict_dialog.ConflictDialog": _lazy(
        "fieldapp.ui.sync.conflict_dialog", "ConflictDialog", _store),
    "fieldapp.ui.sync.merge_dialog.MergeDialog": _lazy(
        "fieldapp.ui.sync.merge_dialog", "MergeDialog", _store),
    "fieldapp.ui.sync.devices_dialog.DevicesDialog": _lazy(
        "fieldapp.ui.sync.devices_dialog", "DevicesDialog", _store),
    "fieldapp.ui.sync.devices_dialog.EnrolDialog": _lazy(
        "fieldapp.ui.sync.devices_dialog", "EnrolDialog", _store, lambda c: c.request()),
    "fieldapp.ui.reports.report_dialog.ReportDialog": _lazy(
        "fieldapp.ui.reports.report_dialog", "ReportDialog", _store, lambda c: None),
    "fieldapp.ui.reports.sheets_dialog.SheetsDialog": _lazy(
        "fieldapp.ui.reports.sheets_dialog", "SheetsDialog", _store, lambda c: c.village),
    "fieldapp.ui.reports.sheets_verify.VerifyDialog": _lazy(
        "fieldapp.ui.reports.sheets_verify", "VerifyDialog", _store),
    "fieldapp.ui.reports.workorder_dialog.WorkOrderDialog": _lazy(
        "fieldapp.ui.reports.workorder_dialog", "WorkOrderDialog", lambda c: 12),
    "fieldapp.ui.visit.trace_dialog.TraceDialog": _lazy(
        "fieldapp.ui.visit.trace_dialog", "TraceDialog", _store, lambda c: "geoshape",
        lambda c: None, lambda c: None, lambda c: c.village),
    "fieldapp.ui.visit.gps_dialog.GpsDialog": _lazy("fieldapp.ui.visit.gps_dialog", "GpsDialog"),
    "fieldapp.ui.visit.camera_dialog.CameraDialog": _camera,
}
# Base classes that are never shown on their own.
ABSTRACT = {"fieldapp.ui.widgets.output_dialog.OutputDialog"}


def measure(app: QApplication, widget: QWidget, shot: Path) -> dict:
    widget.show()
    settle(app)
    frame = widget.frameGeometry()
    hint = widget.minimumSizeHint()
    minimum = widget.minimumSize()
    widget.grab().save(str(shot))
    return {"width": widget.width(), "height": widget.height(),
            "frame_width": frame.width(), "frame_height": frame.height(),
            "min_width": max(hint.width(), minimum.width()),
            "min_height": max(hint.height(), minimum.height()),
            "shot": shot.name}


def main(db: str, out: str, language: str = "zh_CN") -> int:
    import faulthandler

    faulthandler.dump_traceback_later(240, exit=True)  # a screen that blocks says where
    from fieldapp.ui.shell.app import make_app

    app = make_app()
    from PySide6.QtCore import QSettings

    QSettings().setValue("ui/language", language)
    app = make_app()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    ctx = Context(Path(db), out_dir)
    screen = app.primaryScreen()
    result: dict = {"scale": screen.devicePixelRatio(),
                    "screen": [screen.geometry().width(), screen.geometry().height()],
                    "available": [screen.availableGeometry().width(),
                                  screen.availableGeometry().height()],
                    "screens": {}, "missing": [], "failed": {}}
    for cls in screen_classes():
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in ABSTRACT:
            continue
        make = FACTORIES.get(name)
        if make is None:
            result["missing"].append(name)
            continue
        try:
            widget = make(ctx)
            result["screens"][name] = measure(app, widget, out_dir / f"{cls.__name__}.png")
            widget.close()
            widget.deleteLater()
            settle(app, 2)
        except Exception as exc:  # noqa: BLE001 - reported, the test fails on it
            result["failed"][name] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
