"""The main window: area tree (left), households (centre), household detail (right)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QSplitter, QTabWidget, QWidget,
)

from fieldapp.store import Store
from fieldapp.store.households import queries

from fieldapp.ui.households.area_tree import AreaTree, Prefetch
from fieldapp.ui.widgets.after_paint import after_paint
from fieldapp.ui.widgets.background import run_in_background
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.households.household_detail import HouseholdDetail
from fieldapp.ui.households.household_table import HouseholdTable
from fieldapp.ui.map.map_tab import attach_map
from fieldapp.ui.shell.opening_backup import OpeningBackup
from fieldapp.ui.widgets.screen_fit import fit_to_screen

MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, store: Store | None = None):
        super().__init__()
        self.store: Store | None = None
        # name -> (placeholder, title, build): tabs built on first show (see add_lazy_centre_tab)
        self._lazy_tabs: dict[str, tuple[QWidget, str, Callable[[], QWidget]]] = {}
        self._on_built: dict[str, list[Callable[[QWidget], None]]] = {}
        self._counts: tuple[int, int, int] = (0, 0, 0)  # townships, villages, households
        self._counts_asked = 0
        fit_to_screen(self, 1366, 740)
        self.tree = AreaTree()
        self.table = HouseholdTable()
        self.detail = HouseholdDetail()
        # Centre: tabs so other views (map, dashboard) can sit beside the household table.
        self.centre = QTabWidget()
        self.centre.addTab(self.table, self.tr("Households"))
        self.centre.currentChanged.connect(self._build_current_tab)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.centre)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([300, 720, 330])
        self.setCentralWidget(splitter)
        self.splitter = splitter

        self.db_label = QLabel()
        self.role_label = QLabel()
        self.count_label = QLabel()
        for w in (self.db_label, self.role_label, self.count_label):
            self.statusBar().addPermanentWidget(w)

        self._build_menus()
        self.table.known_total = self.tree.households
        self.tree.areaSelected.connect(self.table.show_area)
        self.table.householdSelected.connect(self.detail.show_household)
        self.table.householdActivated.connect(self.open_visit)
        self.detail.visitRequested.connect(self.open_visit)
        self.table.type_to_search(self.tree.view)  # type a name anywhere in the lists
        self.table.search.setFocus(Qt.OtherFocusReason)
        attach_map(self)  # self.map_view, built when its tab is first shown
        from fieldapp.ui.register.register_menu import attach_import_history, attach_register_import

        self.import_action = attach_register_import(self)  # File → 导入花名册…
        self.import_history_action = attach_import_history(self)  # File → 导入记录…
        from fieldapp.ui.overview.dashboard_tab import attach_dashboard

        attach_dashboard(self)  # self.dashboard: reconciliation, gaps, work orders, spot checks
        from fieldapp.ui.places.public_places_attach import attach_public_places

        attach_public_places(self)  # self.public_places: 公共场所 tab
        from fieldapp.ui.reports.print_menu import attach_sheets

        attach_sheets(self)  # 打印/报表: verification sheets, slip, QR verification, report
        from fieldapp.ui.sync.sync_menu import attach_sync_menu

        attach_sync_menu(self)  # 同步: merge bundles, conflicts, export / reference bundles
        from fieldapp.ui.settings.backup_menu import attach_backups

        self.backup_action = attach_backups(self)  # File → 备份与恢复…
        from fieldapp.ui.households.new_household_dialog import attach_new_household

        self.new_household_action = attach_new_household(self)  # Ctrl+N: 新发现户
        if store is not None:
            self.set_store(store)
        else:
            self._update_title()

    # ----- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        new = QAction(self.tr("&New database…"), self, shortcut=QKeySequence("Ctrl+Shift+N"))
        new.triggered.connect(self.new_database)
        open_ = QAction(self.tr("&Open database…"), self, shortcut=QKeySequence.Open)
        open_.triggered.connect(self.open_dialog)
        self.recent_menu = QMenu(self.tr("Recent files"), self)
        quit_ = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.Quit)
        quit_.triggered.connect(self.close)
        self.file_menu.addAction(new)
        self.file_menu.addAction(open_)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(quit_)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        refresh = QAction(self.tr("&Refresh"), self, shortcut=QKeySequence.Refresh)
        refresh.triggered.connect(lambda: self.refresh())
        find = QAction(self.tr("&Find household"), self, shortcut=QKeySequence.Find)
        find.triggered.connect(lambda: self.table.search.setFocus())
        self.view_menu.addAction(refresh)
        self.view_menu.addAction(find)
        from fieldapp.ui.shell.settings_help_menus import install_menus

        install_menus(self)  # Settings and Help menus (help_menu.py)
        self.file_menu.aboutToShow.connect(self._fill_recent)  # read when looked at

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for path in files:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(files))

    # ----- database ----------------------------------------------------------------------
    def set_store(self, store: Store, prefetched: Prefetch | None = None) -> None:
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        self.table.set_store(store)
        self.detail.set_store(store)
        self.tree.load(store, prefetched)
        if (view := self.built_tab("map_view")) is not None:
            view.set_store(store)
        if getattr(self, "backup_thread", None) is not None:
            self.backup_thread.stop()  # the previous database's
        self.backup_thread = OpeningBackup(store.path)
        self.backup_thread.start_soon(self)
        # Written once the first screen is up (writing the settings file takes a while).
        after_paint(self, lambda path=str(store.path): add_recent(path))
        self._update_title()

    def open_path(self, path: str, prefetched: Prefetch | None = None) -> bool:
        """Open a database; `prefetched`: its area counts, read while the app was starting.
        While one open is being checked, another (File → Open again before the progress dialog
        shows) is ignored: the first one goes on."""
        if getattr(self, "_opening", False):
            return False
        self._opening = True
        try:
            return self._open_path(path, prefetched)
        finally:
            self._opening = False

    def _open_path(self, path: str, prefetched: Prefetch | None) -> bool:
        from fieldapp.jobs.open_database import open_database

        previous = self.store
        try:
            # The start-up read has just opened this file: no second check (issue 20).
            if not (prefetched is not None and prefetched.opened(path)) and not self._checked(path):
                return False  # cancelled: the database open until now stays open
            store = open_database(path)  # the window's own connection to the checked file
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, exc, self.tr("Cannot open database"))
            self._offer_restore(path, exc)
            return False
        try:
            self.set_store(store, prefetched)
        except Exception as exc:  # noqa: BLE001 - e.g. damage found while reading
            store.close()
            show_error(self, exc, self.tr("Cannot open database"))
            self.store = None
            if previous is not None:
                self._open_path(str(previous.path), None)
            self._offer_restore(path, exc)
            return False
        return True

    def _checked(self, path: str) -> bool:
        """The file checked (an older one upgraded) off the GUI thread; False: cancelled."""
        from fieldapp.ui.shell.open_checked import checked_off_gui

        return checked_off_gui(self, path, self.tr("Opening the database…"))

    def _offer_restore(self, path: str, exc: BaseException) -> None:
        """A damaged database that has automatic backups: offer to restore one."""
        from fieldapp.jobs.open_database import restore_offered

        if not restore_offered(path, exc):
            return
        if QMessageBox.question(
                self, self.tr("Cannot open database"),
                self.tr("This database is damaged, and there are automatic backups of it. "
                        "Choose one to restore?")) != QMessageBox.Yes:
            return
        from fieldapp.ui.settings.backup_dialog import BackupDialog

        dlg = BackupDialog(path, self)
        dlg.restored.connect(self.open_path)
        self.show_dialog(dlg, "backup_dialog")

    def open_dialog(self) -> None:
        start = str(Path(recent_files()[0]).parent) if recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), start,
                                              self.tr("fieldapp database (*.sqlite);;All files (*)"))
        if path:
            self.open_path(path)

    def new_database(self) -> None:
        from fieldapp.store.setup import new_county_database
        from fieldapp.ui.shell.new_database_dialog import NewDatabaseDialog

        dlg = NewDatabaseDialog(self)
        if dlg.exec() != NewDatabaseDialog.Accepted:
            return
        path, county, surveyor = dlg.values()
        try:
            store = new_county_database(path, county, surveyor=surveyor)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot create database"))
            return
        self.set_store(store)

    def refresh(self, area: str | None = None) -> None:
        """Reload everything from the database (after an import, a merge, a visit), showing
        `area` (else the area shown now). The household list loads once: selecting the area in
        the rebuilt tree loads it."""
        if not self.store:
            return
        if not self.tree.load(self.store, select=area):
            self.table.reload()
        self.detail.refresh()
        if (view := self.built_tab("map_view")) is not None:
            view.refresh()
        self._update_title()

    def select_household(self, uuid: str) -> bool:
        """Show a household: select its village in the tree and its row in the table."""
        hh = queries.household(self.store, uuid) if self.store else None
        if not hh:
            return False
        self.centre.setCurrentWidget(self.table)
        if self.tree.current_code() != hh["village_code"]:
            self.table.search.clear()
            self.table.status.setCurrentIndex(0)
            self.tree.select(hh["village_code"])
        return self.table.select(uuid)

    def _update_title(self) -> None:
        if not self.store:
            self.setWindowTitle(self.tr("fieldapp — TV coverage survey"))
            self.db_label.setText(self.tr("No database open"))
            self.role_label.clear()
            self.count_label.clear()
            return
        store = self.store
        county = store.setting("county_name") or (store.setting("county_code") or "")[:6]
        self.setWindowTitle(self.tr("fieldapp — %1").replace("%1", f"{county} · {store.path.name}"))
        self.db_label.setText(str(store.path))
        role = {"county": self.tr("County office"), "township": self.tr("Township laptop")}
        self.role_label.setText(role.get(store.role, store.role))
        levels = queries.area_counts(store)
        # Households as the tree has just counted them; visits (a scan of a big table) follow
        # from a background read, so the window does not wait for them.
        households = self.tree.root.households if self.tree.root is not None else 0
        self._counts = (levels.get("township", 0), levels.get("village", 0), households)
        self._show_counts(None)
        path = store.path

        def count_visits() -> int:
            with Store.open(path, readonly=True) as own:  # its own connection, on its thread
                return queries.visit_count(own)

        self._counts_asked += 1
        asked = self._counts_asked  # a later refresh's figure wins over this one
        # Counted once the window has painted the county (its thread would only compete).
        after_paint(self, lambda: self._counts_asked == asked and run_in_background(
            self, count_visits, lambda n: self._counts_asked == asked and self._show_counts(n)))

    def _show_counts(self, visits: int | None) -> None:
        townships, villages, households = self._counts
        self.count_label.setText(
            self.tr("%1 townships · %2 villages · %3 households · %4 visits")
            .replace("%1", str(townships)).replace("%2", str(villages))
            .replace("%3", f"{households:,}")
            .replace("%4", "…" if visits is None else f"{visits:,}"))

    def open_visit(self, uuid: str) -> None:
        """The visit checklist of a household (Enter or double-click in the list)."""
        from fieldapp.ui.visit.visit_form_dialog import VisitFormDialog

        dlg = VisitFormDialog.for_household(self.store, uuid, self) if self.store else None
        if dlg is None:
            return
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._after_visit(uuid))
        self.visit_dialog = dlg
        dlg.open()

    def _after_visit(self, uuid: str) -> None:
        """Back from a visit: its village's list with the household selected, so Down is the
        next household of the group and Enter opens it; typing starts a new search."""
        self.table.clear_search()
        hh = queries.household(self.store, uuid) if self.store else None
        self.refresh(area=hh["village_code"] if hh else None)
        self.table.select(uuid)
        # after the dialog has handed the focus back to where it was opened from
        QTimer.singleShot(0, lambda: self.table.view.setFocus(Qt.OtherFocusReason))

    def add_centre_tab(self, widget: QWidget, title: str) -> None:
        self.centre.addTab(widget, title)

    def add_lazy_centre_tab(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        """A centre tab whose widget `build()` makes the first time the tab is shown or
        `self.<name>` is asked for: start-up does not pay for what it does not show (the map and
        its numpy/pyproj/shapely, the dashboard, the public places and their checklist)."""
        host = QWidget()
        self._lazy_tabs[name] = (host, title, build)
        self.centre.addTab(host, title)

    def built_tab(self, name: str) -> QWidget | None:
        """The widget of a lazy tab if it has been built, without building it."""
        return None if name in self._lazy_tabs else self.__dict__.get(name)

    def when_tab_built(self, name: str, fn: Callable[[QWidget], None]) -> None:
        """Call `fn(widget)` once the lazy tab `name` is built (now, if it is)."""
        widget = self.built_tab(name)
        if widget is not None:
            fn(widget)
        else:
            self._on_built.setdefault(name, []).append(fn)

    def __getattr__(self, name: str):
        # Only reached when normal lookup fails: a lazy tab not built yet.
        if name in self.__dict__.get("_lazy_tabs", {}):
            return self._build_tab(name)
        raise AttributeError(name)

    def _build_current_tab(self, index: int) -> None:
        host = self.centre.widget(index)
        for name, (placeholder, _title, _build) in list(self._lazy_tabs.items()):
            if placeholder is host:
                self._build_tab(name)
                # Tell the tab's own handlers, connected while it was built, that it is shown.
                self.centre.currentChanged.emit(self.centre.currentIndex())
                return

    def _build_tab(self, name: str) -> QWidget:
        host, title, build = self._lazy_tabs.pop(name)
        widget = build()
        setattr(self, name, widget)
        index = self.centre.indexOf(host)
        was_current = self.centre.currentIndex() == index
        blocked = self.centre.blockSignals(True)
        try:
            self.centre.insertTab(index, widget, title)
            self.centre.removeTab(index + 1)
            if was_current:
                self.centre.setCurrentIndex(index)
        finally:
            self.centre.blockSignals(blocked)
        host.deleteLater()
        for fn in self._on_built.pop(name, []):
            fn(widget)
        return widget

    def add_file_action(self, action: QAction) -> None:
        """An action of a feature in the File menu, above the separator before Quit."""
        separators = [a for a in self.file_menu.actions() if a.isSeparator()]
        self.file_menu.insertAction(separators[-1] if separators else None, action)

    def add_file_dialog(self, text: str, name: str, make: Callable[[Store], QWidget]) -> QAction:
        """File → `text`: opens `make(store)` on the open database (`self.<name>` holds it)."""
        action = QAction(text, self)

        def start() -> None:
            if self.store is not None:
                self.show_dialog(make(self.store), name)

        action.triggered.connect(start)
        self.add_file_action(action)
        return action

    def show_dialog(self, dialog: QWidget, name: str) -> None:
        """Open a window-modal dialog that deletes itself on close; `self.<name>` holds it."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        setattr(self, name, dialog)
        dialog.open()

    def closeEvent(self, event) -> None:
        if getattr(self, "backup_thread", None) is not None:
            self.backup_thread.stop()  # no half-written copy left behind
        if (view := self.built_tab("map_view")) is not None:
            view.cancel_loading()  # a map being read is dropped
        self.table.set_store(None)
        self.detail.set_store(None)
        if self.store:
            self.store.close()
            self.store = None
        super().closeEvent(event)


def recent_files() -> list[str]:
    value = QSettings().value("recentFiles", []) or []
    if isinstance(value, str):
        value = [value]
    return [p for p in value if Path(p).exists()]


def add_recent(path: str) -> None:
    path = str(Path(path).resolve())
    files = [p for p in recent_files() if p != path]
    QSettings().setValue("recentFiles", [path] + files[: MAX_RECENT - 1])

