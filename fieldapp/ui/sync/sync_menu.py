"""The 同步 (Sync) menu of the main window: merge bundles, conflicts and duplicate households,
export this laptop's bundle, make a township's reference bundle (county), laptops and their
enrolment."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.export_names import suggested_path


def _t(text: str) -> str:
    return QCoreApplication.translate("SyncMenu", text)


def attach_sync_menu(window) -> QMenu:
    """Add the menu to `window` (a MainWindow with .store and .refresh())."""
    menu = QMenu(_t("S&ync"), window)
    window.menuBar().insertMenu(_before(window), menu)
    merge = QAction(_t("&Merge sync bundles…"), window)
    merge.triggered.connect(lambda: open_merge(window))
    conflicts = QAction(_t("&Conflicts and duplicate households…"), window)
    conflicts.triggered.connect(lambda: open_conflicts(window))
    export = QAction(_t("&Export bundle for the county…"), window)
    export.triggered.connect(lambda: export_bundle(window))
    reference = QAction(_t("Make &reference bundle for a township…"), window)
    reference.triggered.connect(lambda: reference_bundle(window))
    laptops = QAction(_t("&Laptops and enrolment…"), window)
    laptops.triggered.connect(lambda: open_devices(window))
    for act in (merge, conflicts, export, reference, laptops):
        menu.addAction(act)

    def update() -> None:
        store = window.store
        role = store.role if store is not None else ""
        merge.setEnabled(store is not None)
        conflicts.setEnabled(store is not None)
        export.setEnabled(role == "township")
        reference.setEnabled(role == "county")
        laptops.setEnabled(role in ("county", "township"))

    menu.aboutToShow.connect(update)
    window.sync_menu = menu
    return menu


def _before(window):
    for act in window.menuBar().actions():
        if act.menu() is not None and act.menu() not in (window.file_menu, window.view_menu):
            return act  # before the menus that follow File / View
    return None


def open_devices(window):
    from fieldapp.ui.sync.devices_dialog import DevicesDialog

    if window.store is None:
        return None
    try:
        dlg = DevicesDialog(window.store, window)
    except Exception as exc:  # noqa: BLE001 - e.g. a laptop database without keys
        show_error(window, exc)
        return None
    dlg.show()
    return dlg


def open_merge(window, files: list[str] | None = None):
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    if window.store is None:
        return None
    dlg = MergeDialog(window.store, window, files=files)
    dlg.merged.connect(window.refresh)
    dlg.show()
    window._merge_dialog = dlg
    return dlg


def open_conflicts(window):
    from fieldapp.ui.sync.conflict_dialog import ConflictDialog

    if window.store is None:
        return None
    dlg = ConflictDialog(window.store, window)
    dlg.changed.connect(window.refresh)
    dlg.show()
    window._conflict_dialog = dlg
    return dlg


PASSPHRASE_TRIES = 3


def _passphrase(window):
    """The private key, opened with its passphrase before any work starts: a wrong one asks
    again (three tries), so a typo never aborts an export half-way. The job is given the opened
    key (opening it is deliberately slow: once is enough)."""
    from fieldapp.sync import identity
    from fieldapp.sync.errors import PassphraseError

    prompt = _t("Passphrase of this database's private key:")
    for left in range(PASSPHRASE_TRIES - 1, -1, -1):
        text, ok = QInputDialog.getText(window, _t("Passphrase"), prompt, QLineEdit.Password)
        if not ok or not text:
            return None
        try:
            return identity.unlock(window.store, text)
        except PassphraseError as exc:
            if not left:
                show_error(window, exc)
                return None
            prompt = (_t("Wrong passphrase; %1 tries left. Passphrase of this database's "
                         "private key:").replace("%1", str(left)))
    return None


def export_bundle(window) -> None:
    from fieldapp.jobs.bundle_export import export_bundle as job_export
    from fieldapp.ui.widgets.job_runner import JobRunner

    store = window.store
    path, _ = QFileDialog.getSaveFileName(window, _t("Export sync bundle"),
                                          suggested_path(store, "同步包", "fab",
                                                         store.setting("township_code")),
                                          _t("Sync bundles (*.fab)"))
    if not path:
        return
    passphrase = _passphrase(window)
    if passphrase is None:
        return
    try:
        res = JobRunner(window).run(_t("Exporting…"), lambda progress: job_export(
            store, path, passphrase, progress=progress))
    except Exception as exc:  # noqa: BLE001 - one sentence to the user
        show_error(window, exc)
        return
    QMessageBox.information(window, _t("Bundle written"),
                            _t("%1 changes and %2 photos written to %3.")
                            .replace("%1", str(res.changes)).replace("%2", str(res.attachments))
                            .replace("%3", res.path))


def reference_bundle(window) -> None:
    from fieldapp.store.households import queries
    from fieldapp.jobs.reference_bundle import reference_bundle as job_reference
    from fieldapp.ui.widgets.job_runner import JobRunner

    store = window.store
    root = queries.area_tree(store)
    towns = [(f"{t.name} ({t.code[:9]})", t.code) for t in (root.children if root else [])]
    if not towns:
        return
    label, ok = QInputDialog.getItem(window, _t("Reference bundle"), _t("Township:"),
                                     [t[0] for t in towns], 0, False)
    if not ok:
        return
    code = dict(towns)[label]
    path, _ = QFileDialog.getSaveFileName(window, _t("Save reference bundle"),
                                          suggested_path(window.store, "参考包", "fab", code),
                                          _t("Sync bundles (*.fab)"))
    if not path:
        return
    passphrase = _passphrase(window)
    if passphrase is None:
        return
    try:
        res = JobRunner(window).run(_t("Writing reference bundle…"), lambda progress:
                                    job_reference(store, code, path, passphrase,
                                                  progress=progress))
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc)
        return
    box = QMessageBox(window)
    box.setWindowTitle(_t("Reference bundle written"))
    box.setText(_t("Reference bundle for %1 enrolled laptops: %2 households, %3 villages.")
                .replace("%1", str(res.recipients)).replace("%2", str(res.households))
                .replace("%3", str(res.villages)))
    box.setInformativeText(_t("Only the township's enrolled laptops can open it. A new laptop "
                              "is enrolled first: Sync › Laptops and enrolment."))
    box.exec()
