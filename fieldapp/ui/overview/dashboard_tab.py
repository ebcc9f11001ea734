"""Put the dashboard beside the household table in the main window. It reloads whenever its tab
is shown (the county reconciliation takes a fraction of a second), and a double-click on a
household in it selects that household in the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from fieldapp.ui.overview.dashboard import Dashboard


def attach_dashboard(window) -> None:
    """The Dashboard tab; `window.dashboard` is built the first time it is shown or asked for."""

    def build() -> Dashboard:
        from fieldapp.ui.overview.dashboard import Dashboard

        dashboard = Dashboard()
        dashboard.householdRequested.connect(window.select_household)

        def shown(_index: int) -> None:
            if window.centre.currentWidget() is dashboard and window.store is not None:
                if dashboard.store is not window.store:
                    dashboard.set_store(window.store)
                else:
                    dashboard.reload()

        window.centre.currentChanged.connect(shown)
        return dashboard

    window.add_lazy_centre_tab(
        "dashboard", QCoreApplication.translate("DashboardTab", "Dashboard"), build)
