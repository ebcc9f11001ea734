"""Screenshots for the user guide and the README: runs the app under Xvfb (1366x768) on a demo
county and saves PNGs into docs/img/.

    .venv/bin/python tools/screenshots.py [--out docs/img] [--households 3000] [--only NAME ...]

Without a DISPLAY it restarts itself under `xvfb-run`. Each shot is a small function below; a shot
whose feature is not in this build is skipped with a note (never a half-made picture). Everything
the app writes goes to a temporary app-data folder, and the UI is in Chinese.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def _reexec_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        sys.exit("screenshots: no DISPLAY and no xvfb-run (apt-get install xvfb)")
    cmd = [xvfb, "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24", sys.executable, *sys.argv]
    sys.exit(subprocess.call(cmd))


class Shots:
    """Holds the app, the demo database and the main window the shots share."""

    def __init__(self, out: Path, work: Path, households: int):
        from fieldapp.jobs.demo_build import build_demo
        from fieldapp.ui.shell.app import make_app

        self.out, self.work = out, work
        os.environ["FIELDAPP_HOME"] = str(work / "appdata")
        self.app = make_app()
        from PySide6.QtCore import QSettings

        QSettings().setValue("ui/language", "zh_CN")
        self.app = make_app()
        import faulthandler

        faulthandler.enable(sys.stderr)  # a hard crash in a shot prints where it happened
        self.db = work / "稷山县-演示.sqlite"
        build_demo(self.db, "140824", households=households, seed=7)
        self._window = None
        self.saved: list[str] = []

    # ----- helpers -----------------------------------------------------------------------
    def settle(self, rounds: int = 6) -> None:
        from PySide6.QtCore import QEventLoop, QThread

        for _ in range(rounds):
            self.app.processEvents(QEventLoop.AllEvents, 50)
            QThread.msleep(30)

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path.name)
        print(f"  saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def window(self):
        if self._window is None:
            from fieldapp.ui.shell.main_window import MainWindow

            w = MainWindow()
            w.resize(*SIZE)
            w.show()
            w.open_path(str(self.db))
            self._window = w
            self.settle()
        return self._window

    def busy_village(self) -> tuple[str, str]:
        """(code of the village with most households, a covered household there)."""
        from fieldapp.store.households import queries

        store = self.window().store
        root = queries.area_tree(store)
        villages = [v for t in root.children for v in t.children]
        best = max(villages, key=lambda v: sum(v.counts.values()))
        rows = (queries.households(store, best.code, status="covered", limit=1)
                or queries.households(store, best.code, limit=1))
        return best.code, rows[0][0]


# ----- the shots ---------------------------------------------------------------------------
def shot_main_window(s: Shots) -> None:
    w = s.window()
    code, uuid = s.busy_village()
    w.select_household(uuid)
    s.save(w, "main-window")


def shot_visit_form(s: Shots) -> None:
    from fieldapp.ui.visit.visit_form_dialog import VisitFormDialog

    w = s.window()
    _, uuid = s.busy_village()
    dlg = VisitFormDialog.for_household(w.store, uuid, w)
    dlg.resize(900, 700)
    dlg.show()
    s.save(dlg, "visit-form")
    dlg.reject()


def shot_map(s: Shots) -> None:
    from fieldapp.ui.map.map_view import MapView

    w = s.window()
    code, _ = s.busy_village()
    view = MapView(w.store)
    view.resize(1100, 700)
    view.show()
    s.settle()
    view.show_area(code)
    s.settle(12)
    s.save(view, "map")
    view.close()


def _dialog(s: Shots, name: str, make, size=(900, 640)) -> None:
    dlg = make()
    dlg.resize(*size)
    dlg.show()
    s.save(dlg, name)
    dlg.close()
    dlg.deleteLater()  # gone (with its models and threads) before its database closes
    s.settle()


def _tab(s: Shots, name: str, title_part: str) -> None:
    """The main window with the centre tab whose title contains title_part."""
    w = s.window()
    tabs = w.centre
    index = next((i for i in range(tabs.count()) if title_part in tabs.tabText(i)), -1)
    if index < 0:
        raise AttributeError(f"no tab {title_part!r}")
    tabs.setCurrentIndex(index)
    s.settle(12)
    s.save(w, name)
    tabs.setCurrentIndex(0)


def shot_dashboard(s: Shots) -> None:
    _tab(s, "dashboard", "对账")


def shot_import_register(s: Shots) -> None:
    from fieldapp.ui.register.import_wizard import ImportRegisterWizard

    w = s.window()
    _dialog(s, "import-register", lambda: ImportRegisterWizard(w.store, w))


COUNTY_PW, LAPTOP_PW = "county passphrase", "laptop passphrase"


def sync_scenario(s: Shots) -> dict:
    """A county with keys, a 清河镇 laptop set up from its reference bundle, the same phone
    numbers changed on both, and the laptop's bundle: what the county merges on a Monday."""
    if getattr(s, "_sync", None):
        return s._sync
    from fieldapp.store import Store
    from fieldapp.store.households import queries
    from fieldapp.sync import setup
    from fieldapp.jobs import bundle_export as export
    from fieldapp.jobs import devices

    county = s.work / "县级.sqlite"
    shutil.copy(s.db, county)
    setup.init_county(county, "140824", COUNTY_PW)
    laptop = s.work / "清河镇-笔记本1.sqlite"
    req = s.work / "清河镇-笔记本1-登记申请.json"
    devices.request(laptop, req, LAPTOP_PW, name="清河镇-笔记本1")
    ref = s.work / "清河镇-参考包.fab"
    with Store.open(county) as c:
        devices.enrol(c, str(req), "140824104", COUNTY_PW, out=ref)
    setup.init_township(laptop, ref, LAPTOP_PW, device_name="清河镇-笔记本1", surveyor="张伟")
    with Store.open(county) as c:
        uuids = [r[0] for r in queries.households(c, "140824104000", limit=3)]
        with c.write("县融媒体中心") as w:
            for n, uuid in enumerate(uuids):
                w.update("households", uuid, {"phone": f"1380000{n:04d}"})
    with Store.open(laptop) as t, t.write("张伟") as w:
        for n, uuid in enumerate(uuids):
            w.update("households", uuid, {"phone": f"1390000{n:04d}"})
    with Store.open(laptop) as t:
        bundle = export.export_bundle(t, s.work / "清河镇-第3周.fab", LAPTOP_PW).path
    s._sync = {"county": county, "bundle": str(bundle)}
    return s._sync


def shot_merge(s: Shots) -> None:
    from fieldapp.store import Store
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    scenario = sync_scenario(s)
    with Store.open(scenario["county"]) as county:
        dlg = MergeDialog(county, None, files=[scenario["bundle"]])
        dlg.passphrase.setText(COUNTY_PW)
        dlg.resize(980, 560)
        dlg.show()
        s.settle()
        dlg.preview()
        s.save(dlg, "merge")
        dlg.close()
        dlg.deleteLater()
        s.settle()


def shot_conflicts(s: Shots) -> None:
    from fieldapp.store import Store
    from fieldapp.sync import identity, merge
    from fieldapp.ui.sync.conflict_dialog import ConflictDialog

    scenario = sync_scenario(s)
    with Store.open(scenario["county"]) as county:
        merge.merge_files(county, [scenario["bundle"]], identity.unlock(county, COUNTY_PW))
        _dialog(s, "conflicts", lambda: ConflictDialog(county, None), size=(980, 520))


def shot_sheets_dialog(s: Shots) -> None:
    from fieldapp.ui.reports.sheets_dialog import SheetsDialog

    w = s.window()
    code, _ = s.busy_village()
    _dialog(s, "sheets-dialog", lambda: SheetsDialog(w.store, code, w), size=(640, 420))


def shot_report_dialog(s: Shots) -> None:
    from fieldapp.ui.reports.report_dialog import ReportDialog

    w = s.window()
    _dialog(s, "report-dialog", lambda: ReportDialog(w.store, None, w), size=(640, 420))


def shot_first_run(s: Shots) -> None:
    from fieldapp.ui.shell.first_run import FirstRunDialog

    dlg = FirstRunDialog()
    dlg.surveyor.setText("张伟")
    dlg.device_name.setText("稷峰镇-笔记本1")
    dlg.bundle.setText(r"D:\参考包\稷峰镇-参考包.fab")
    dlg.code.setText("K7QX-3MPA-9TZL")
    dlg.show()
    s.save(dlg, "first-run")
    dlg.reject()


def shot_settings(s: Shots) -> None:
    from fieldapp.ui.settings.settings_dialog import SettingsDialog

    w = s.window()
    dlg = SettingsDialog(w.store, w)
    dlg.show()
    s.save(dlg, "settings")
    dlg.reject()


def shot_about(s: Shots) -> None:
    from fieldapp.ui.shell.about import AboutDialog

    w = s.window()
    dlg = AboutDialog(w.store, w)
    dlg.show()
    s.save(dlg, "about")
    dlg.reject()


def shot_crash_dialog(s: Shots) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui.shell import crash

    path = crash.write_crash_log(KeyError, KeyError("example"), None, context="screenshot")

    def grab_and_close():
        box = QApplication.activeModalWidget()
        if box is not None:
            s.save(box, "crash-dialog")
            box.buttons()[0].click()

    QTimer.singleShot(400, grab_and_close)
    crash.show_crash_dialog(None, str(path), "KeyError: 'example'", "Traceback …")


def shot_backups(s: Shots) -> None:
    """File → 备份与恢复… with the backup made on opening and one made before an import."""
    from fieldapp.store.backups.backup import auto_backup
    from fieldapp.ui.settings.backup_dialog import BackupDialog

    w = s.window()
    w.backup_thread.join()
    uuid = w.store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    with w.store.write("截图") as wr:  # a change, so the import backup is a new one
        wr.update("households", uuid, {"notes": "截图"})
    auto_backup(w.store.path, "import")
    _dialog(s, "backups", lambda: BackupDialog(w.store.path, w), size=(860, 460))


def shot_sheet(s: Shots) -> None:
    """Page 1 of a village's printed sheet (fieldapp sheets → pdftoppm)."""
    code, _ = s.busy_village()
    pdf = s.work / "sheet.pdf"
    subprocess.run([sys.executable, "-m", "fieldapp", "sheets", str(s.db), "--village", code,
                    "-o", str(pdf)], check=True, capture_output=True)
    if not shutil.which("pdftoppm"):
        raise RuntimeError("pdftoppm missing (apt-get install poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(s.out / "sheet")], check=True)
    s.saved.append("sheet.png")
    print(f"  saved {s.out / 'sheet.png'}")


SHOTS: dict[str, Callable[[Shots], None]] = {
    "main-window": shot_main_window,
    "visit-form": shot_visit_form,
    "map": shot_map,
    "dashboard": shot_dashboard,
    "import-register": shot_import_register,
    "merge": shot_merge,
    "conflicts": shot_conflicts,
    "sheets-dialog": shot_sheets_dialog,
    "report-dialog": shot_report_dialog,
    "first-run": shot_first_run,
    "settings": shot_settings,
    "about": shot_about,
    "crash-dialog": shot_crash_dialog,
    "sheet": shot_sheet,
    "backups": shot_backups,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS))
    args = parser.parse_args(argv)
    _reexec_under_xvfb()
    sys.path.insert(0, str(ROOT))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as work:
        shots = Shots(out, Path(work), args.households)
        skipped = []
        for name in args.only or SHOTS:
            print(f"{name}:")
            try:
                SHOTS[name](shots)
            except (ImportError, AttributeError, TypeError) as exc:  # feature not built yet
                skipped.append(name)
                print(f"  skipped ({exc})")
        if shots._window is not None:
            shots._window.close()
    print(f"{len(shots.saved)} screenshots in {out}" +
          (f"; skipped: {', '.join(skipped)}" if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
