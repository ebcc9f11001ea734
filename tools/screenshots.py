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
        from fieldapp.demo.build import build_demo
        from fieldapp.ui.app import make_app

        self.out, self.work = out, work
        os.environ["FIELDAPP_HOME"] = str(work / "appdata")
        self.app = make_app()
        from PySide6.QtCore import QSettings

        QSettings().setValue("ui/language", "zh_CN")
        self.app = make_app()
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
            from fieldapp.ui.main_window import MainWindow

            w = MainWindow()
            w.resize(*SIZE)
            w.show()
            w.open_path(str(self.db))
            self._window = w
            self.settle()
        return self._window

    def busy_village(self) -> tuple[str, str]:
        """(code of the village with most households, a covered household there)."""
        from fieldapp.store import queries

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
    from fieldapp.ui.visit_form_dialog import VisitFormDialog

    w = s.window()
    _, uuid = s.busy_village()
    dlg = VisitFormDialog.for_household(w.store, uuid, w)
    dlg.resize(900, 700)
    dlg.show()
    s.save(dlg, "visit-form")
    dlg.reject()


def shot_map(s: Shots) -> None:
    from fieldapp.ui.map_view import MapView

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


def shot_first_run(s: Shots) -> None:
    from fieldapp.ui.first_run import FirstRunDialog

    dlg = FirstRunDialog()
    dlg.surveyor.setText("张伟")
    dlg.device_name.setText("稷峰镇-笔记本1")
    dlg.bundle.setText(r"D:\参考包\稷峰镇-参考包.fab")
    dlg.code.setText("K7QX-3MPA-9TZL")
    dlg.show()
    s.save(dlg, "first-run")
    dlg.reject()


def shot_settings(s: Shots) -> None:
    from fieldapp.ui.settings_dialog import SettingsDialog

    w = s.window()
    dlg = SettingsDialog(w.store, w)
    dlg.show()
    s.save(dlg, "settings")
    dlg.reject()


def shot_about(s: Shots) -> None:
    from fieldapp.ui.about import AboutDialog

    w = s.window()
    dlg = AboutDialog(w.store, w)
    dlg.show()
    s.save(dlg, "about")
    dlg.reject()


def shot_crash_dialog(s: Shots) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import crash

    path = crash.write_crash_log(KeyError, KeyError("example"), None, context="screenshot")

    def grab_and_close():
        box = QApplication.activeModalWidget()
        if box is not None:
            s.save(box, "crash-dialog")
            box.buttons()[0].click()

    QTimer.singleShot(400, grab_and_close)
    crash.show_crash_dialog(None, str(path), "KeyError: 'example'", "Traceback …")


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
    print("  saved docs/img/sheet.png")


SHOTS: dict[str, Callable[[Shots], None]] = {
    "main-window": shot_main_window,
    "visit-form": shot_visit_form,
    "map": shot_map,
    "first-run": shot_first_run,
    "settings": shot_settings,
    "about": shot_about,
    "crash-dialog": shot_crash_dialog,
    "sheet": shot_sheet,
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
            except (ImportError, AttributeError) as exc:  # feature not in this build yet
                skipped.append(name)
                print(f"  skipped ({exc})")
        if shots._window is not None:
            shots._window.close()
    print(f"{len(shots.saved)} screenshots in {out}" +
          (f"; skipped: {', '.join(skipped)}" if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
