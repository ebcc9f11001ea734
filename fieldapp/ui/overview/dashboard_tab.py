"""Put the dashboard beside the household table in the main window. It reloads whenever its tab
is shown (the county reconciliation takes a fraction of a second), and a double-click on a
household in it selects that household in the main window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.ui.overview.dashboard import Dashboard


def attach_dashboard(window) -> Dashboard:
    dashboard = Dashboard()
    window.add_centre_tab(dashboard, QCoreApplication.translate("DashboardTab", "Dashboard"))
    dashboard.householdRequested.connect(window.select_household)

    def shown(_index: int) -> None:
        if window.centre.currentWidget() is dashboard and window.store is not None:
            if dashboard.store is not window.store:
                dashboard.set_store(window.store)
            else:
                dashboard.reload()

    window.centre.currentChanged.connect(shown)
    return dashboard
