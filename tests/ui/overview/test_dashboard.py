"""The dashboard: figures match the reconciliation, work orders from the gap list, overdue
orders stand out, spot checks, and a double-click leads to the household."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fieldapp.store import spotcheck
from fieldapp.store.households import gaps
from fieldapp.store.reports.reconciliation_counts import reconciliation
from fieldapp.ui.overview.dashboard import Dashboard
from fieldapp.ui.overview.dashboard_models import OVERDUE, RATE_ROLE, AreaFiguresModel
from fieldapp.ui.shell.main_window import MainWindow
from fieldapp.ui.reports.workorder_dialog import WorkOrderDialog

pytestmark = pytest.mark.ui
TOWN = "140824100000"


@pytest.fixture
def dash(qtbot, demo_store):
    d = Dashboard()
    qtbot.addWidget(d)
    d.set_store(demo_store)
    return d


def test_township_rows_match_reconciliation(dash, demo_store):
    county = reconciliation(demo_store)
    m = dash.towns
    assert m.rowCount() == len(county.children) + 1
    assert m.data(m.index(0, 1)) == f"{county.households:,}"
    row = next(r for r in range(m.rowCount()) if m.code_at(r) == TOWN)
    town = next(t for t in county.children if t.code == TOWN)
    assert m.data(m.index(row, 3)) == f"{town.covered:,}"
    assert m.data(m.index(row, AreaFiguresModel.RATE_COLUMNS[0]), RATE_ROLE) == pytest.approx(town.coverage_rate)
    dash.select_area(TOWN)
    assert dash.villages.rowCount() == len(town.children)
    assert len(dash.gap_model.rows) == town.not_covered


def test_work_orders_from_the_gap_list_and_overdue(dash, demo_store, monkeypatch):
    dash.select_area(TOWN)
    n = len(dash.gap_model.rows)
    dash.gap_view.selectRow(0)

    def accept(dlg):
        dlg.due.setDate(dlg.due.date().addDays(-400))  # a past date cannot be chosen
        assert dlg.due.date() == dlg.due.minimumDate()
        return WorkOrderDialog.Accepted

    monkeypatch.setattr(WorkOrderDialog, "exec", accept)
    dash.create_orders()
    orders = gaps.work_orders(demo_store)
    assert len(orders) == 1 and orders[0]["operator"] == "中国电信"
    assert orders[0]["due_date"] == dt.date.today().isoformat() and dash.order_model.rows == []
    with demo_store.transaction() as conn:  # time passes: the order is now overdue
        conn.execute("UPDATE work_orders SET due_date = '2020-01-01'")
    dash.reload()
    assert len(dash.order_model.rows) == 1
    assert dash.order_model.data(dash.order_model.index(0, 0), Qt.ForegroundRole) == OVERDUE
    row = next(i for i, r in enumerate(dash.gap_model.rows) if r["order_uuid"])
    dash.gap_view.clearSelection()
    dash.gap_view.selectRow(row)
    dash.mark_done()
    assert gaps.work_orders(demo_store)[0]["state"] == "done"
    assert dash.order_model.rows == []
    assert len(dash.gap_model.rows) == n


def test_spot_check_panel(dash, demo_store):
    dash.select_area(TOWN)
    panel = dash.spot
    panel.method.setCurrentIndex(1)
    panel.amount.setValue(1)
    panel.seed.setValue(77)
    panel.draw()
    check = spotcheck.checks(demo_store)[0]
    assert check["seed"] == 77 and panel.model.rowCount() == check["sampled"]
    panel.view.selectRow(0)
    panel.record("not_confirmed")
    assert sum(v["not_confirmed"] for v in spotcheck.results(demo_store, check["uuid"])) == 1


def test_double_click_leads_to_the_household(qtbot, demo_store):
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    w.centre.setCurrentWidget(w.dashboard)
    d = w.dashboard
    assert d.store is demo_store and d.gap_model.rows
    target = d.gap_model.rows[5]["household_uuid"]
    d.gap_view.doubleClicked.emit(d.gap_model.index(5, 2))
    assert w.centre.currentWidget() is w.table
    assert w.table.current_uuid() == target
    assert w.tree.current_code() == d.gap_model.rows[5]["village_code"]


def test_behind_schedule_is_red(dash, demo_store):
    demo_store.set_settings({"programme_year": str(dt.date.today().year - 1)})
    dash.reload()
    m = dash.towns
    # a year ago's programme is over: any area not fully visited is behind
    behind = [r for r in range(m.rowCount())
              if (dash.towns.rows[r].visited_rate or 1) < 1]
    assert behind and all(m.data(m.index(r, AreaFiguresModel.RATE_COLUMNS[1]), Qt.ForegroundRole) == OVERDUE for r in behind)


def test_gap_list_export_is_named_after_the_area_and_the_day(dash, demo_store, monkeypatch,
                                                             tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    offered = []

    def save_as(_parent, _title, start, _filter):
        offered.append(start)
        return str(tmp_path / "gaps.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dash.export()
    county = demo_store.setting("county_name")
    assert offered and offered[0].endswith(f"{county}_未覆盖户_{dt.date.today().isoformat()}.xlsx")
    assert (tmp_path / "gaps.xlsx").exists()
