"""The dashboard (对账与查缺补漏): township and village tables with rates as bars, coverage by
township, the gap list with operator work orders, overdue orders, probable duplicates and spot
checks. A double-click on a household row asks the main window to show that household."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store.households import gaps
from fieldapp.store.reports.reconciliation_counts import (
    duplicate_households,
    reconciliation,
    revisits,
    schedule,
)
from fieldapp.tabular.gaps_export import export_gaps

from fieldapp.ui.overview.dashboard_chart import CoverageChart, RateBarDelegate
from fieldapp.ui.overview.dashboard_models import AreaFiguresModel, RecordsModel
from fieldapp.ui.overview.dashboard_spotcheck import SpotCheckPanel
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.reports.workorder_dialog import WorkOrderDialog
from fieldapp.ui.widgets.export_names import suggested_path


def _table(model, stretch_first: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    if stretch_first:
        header.setSectionResizeMode(0, QHeaderView.Stretch)
    return view


class Dashboard(QWidget):
    householdRequested = Signal(str)
    REVISIT_AFTER = 2  # nobody-home visits after which a household is listed for a revisit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.county = None
        self.sched = None
        self.area_code: str | None = None
        self.today = dt.date.today()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(refresh)

        bar = RateBarDelegate(self)
        self.towns = AreaFiguresModel(self)
        self.town_view = _table(self.towns)
        self.villages = AreaFiguresModel(self)
        self.village_view = _table(self.villages)
        for view in (self.town_view, self.village_view):
            for col in AreaFiguresModel.RATE_COLUMNS:
                view.setItemDelegateForColumn(col, bar)
                view.horizontalHeader().setSectionResizeMode(col, QHeaderView.Fixed)
                view.setColumnWidth(col, 60)
            # the area's name stays readable next to the count columns (1366x768)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Interactive)
            view.setColumnWidth(0, 100)
        self.town_view.clicked.connect(lambda i: self.select_area(self.towns.code_at(i.row())))
        self.village_view.clicked.connect(
            lambda i: self.select_area(self.villages.code_at(i.row())))
        self.chart = CoverageChart()
        self.chart.areaClicked.connect(self.select_area)

        self.gap_model = RecordsModel([
            ("village_name", self.tr("Village")), ("group_no", self.tr("Group")),
            ("head_name", self.tr("Head of household")), ("phone", self.tr("Phone")),
            ("status_reason", self.tr("Reason")), ("kind", self.tr("Work order")),
            ("operator", self.tr("Operator")), ("due_date", self.tr("Due")),
            ("state", self.tr("State")), ("overdue", self.tr("Overdue"))])
        self.gap_view = _table(self.gap_model, stretch_first=False)
        self.gap_view.doubleClicked.connect(lambda i: self._open(self.gap_model, i))
        gap_buttons = QHBoxLayout()
        for text, slot in ((self.tr("Work orders…"), self.create_orders),
                           (self.tr("Mark done"), self.mark_done),
                           (self.tr("Verify by revisits"), self.verify),
                           (self.tr("Export for the operator…"), self.export)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            gap_buttons.addWidget(b)
        gap_buttons.addStretch(1)
        gap_page = QWidget()
        gl = QVBoxLayout(gap_page)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(self.gap_view, 1)
        gl.addLayout(gap_buttons)

        self.order_model = RecordsModel([
            ("village_name", self.tr("Village")), ("head_name", self.tr("Head of household")),
            ("phone", self.tr("Phone")), ("kind", self.tr("Work order")),
            ("operator", self.tr("Operator")), ("due_date", self.tr("Due")),
            ("state", self.tr("State")), ("overdue", self.tr("Overdue"))])
        self.order_view = _table(self.order_model, stretch_first=False)
        self.order_view.doubleClicked.connect(lambda i: self._open(self.order_model, i))
        self.dup_model = RecordsModel([
            ("village_name", self.tr("Village")), ("group_no", self.tr("Group")),
            ("head_name", self.tr("Head of household")), ("id_masked", self.tr("ID number")),
            ("why", self.tr("Why"))])
        self.dup_view = _table(self.dup_model, stretch_first=False)
        self.dup_view.doubleClicked.connect(lambda i: self._open(self.dup_model, i))
        # Nobody home at REVISIT_AFTER visits or more: go again at another hour (evening, weekend)
        self.revisit_model = RecordsModel([
            ("village_name", self.tr("Village")), ("group_no", self.tr("Group")),
            ("head_name", self.tr("Head of household")),
            ("nobody_home_visits", self.tr("Nobody home (times)")),
            ("last_visit_at", self.tr("Last visit"))])
        self.revisit_view = _table(self.revisit_model, stretch_first=False)
        self.revisit_view.doubleClicked.connect(lambda i: self._open(self.revisit_model, i))
        self.spot = SpotCheckPanel()
        self.spot.householdRequested.connect(self.householdRequested)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.village_view, self.tr("Villages"))
        self.tabs.addTab(self.chart, self.tr("Coverage by township"))
        self.tabs.addTab(gap_page, self.tr("Not covered"))
        self.tabs.addTab(self.order_view, self.tr("Overdue orders"))
        self.tabs.addTab(self.dup_view, self.tr("Probable duplicates"))
        self.tabs.addTab(self.revisit_view, self.tr("Revisit"))
        self.tabs.addTab(self.spot, self.tr("Spot checks"))

        split = QSplitter(Qt.Vertical)
        split.addWidget(self.town_view)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([280, 400])  # county + every township of 140824 / 330411 visible
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    # ----- data --------------------------------------------------------------------------
    def set_store(self, store) -> None:
        self.store = store
        self.area_code = None
        self.reload()

    def reload(self) -> None:
        if self.store is None:
            return
        self.today = dt.date.today()
        self.county = reconciliation(self.store)
        self.sched = schedule(self.store, today=self.today)
        self.towns.set_rows([self.county] + self.county.children, self.sched)
        self.chart.set_rows(self.county.children)
        c, p = self.county, self.county.progress(self.sched)
        rate = "–" if c.coverage_rate is None else f"{c.coverage_rate:.1%}"
        self.summary.setText(
            self.tr("%1: %2 households, %3 covered (%4); %5 not covered, %6 never visited. "
                    "Target %7: %8 days left, %9.")
            .replace("%1", c.name).replace("%2", f"{c.households:,}")
            .replace("%3", f"{c.covered:,}").replace("%4", rate)
            .replace("%5", f"{c.not_covered:,}").replace("%6", f"{c.never_visited:,}")
            .replace("%7", str(p["target_date"])).replace("%8", str(p["days_left"]))
            .replace("%9", self.tr("on track") if p["on_track"] else self.tr("behind schedule"))
            + " " + self.tr("Persons recorded: %1, in covered households %2.")
            .replace("%1", f"{c.persons:,}").replace("%2", f"{c.persons_covered:,}"))
        self.select_area(self.area_code or c.code)

    def _find(self, code: str):
        stack = [self.county] if self.county else []
        while stack:
            f = stack.pop()
            if f.code == code:
                return f
            stack.extend(f.children)
        return None

    def select_area(self, code: str | None) -> None:
        f = self._find(code) if code else None
        if f is None or self.store is None:
            return
        self.area_code = code
        town = f if f.level == "township" else self._find(code[:9] + "000") \
            if f.level == "village" else None
        every = [v for t in self.county.children for v in t.children]
        self.villages.set_rows(town.children if town else every, self.sched)
        self.tabs.setTabText(0, self.tr("Villages of %1").replace("%1", town.name)
                             if town else self.tr("Villages"))
        self.gap_model.set_rows(gaps.open_gaps(self.store, code), self.today)
        self.order_model.set_rows(gaps.work_orders(self.store, code, overdue_on=self.today),
                                  self.today)
        dups = [dict(zip(("household_uuid", "village_code", "group_no", "head_name",
                          "id_masked", "status", "why"), r))
                for r in duplicate_households(self.store, code)]
        names = {v.code: v.name for t in self.county.children for v in t.children}
        for d in dups:
            d["village_name"] = names.get(d["village_code"], d["village_code"])
            d["why"] = self.tr("Same ID number") if d["why"] == "id" else self.tr(
                "Same name in the same group")
        self.dup_model.set_rows(dups)
        again = revisits(self.store, code, self.REVISIT_AFTER)
        for r in again:
            r["household_uuid"] = r["household_id"]
            r["village_name"] = names.get(r["village_code"], r["village_code"])
        self.revisit_model.set_rows(again)
        self.tabs.setTabText(self.tabs.indexOf(self.revisit_view), self.tr(
            "Revisit (%1)").replace("%1", str(len(again))))
        self.tabs.setTabText(2, self.tr("Not covered (%1)").replace(
            "%1", str(len(self.gap_model.rows))))
        self.tabs.setTabText(3, self.tr("Overdue orders (%1)").replace(
            "%1", str(len(self.order_model.rows))))
        self.spot.set_area(self.store, code, f.name)

    # ----- actions -----------------------------------------------------------------------
    def _selected(self, view: QTableView, model: RecordsModel) -> list[dict]:
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return [model.rows[r] for r in rows]

    def _open(self, model: RecordsModel, index) -> None:
        if index.isValid():
            uuid = model.rows[index.row()].get("household_uuid")
            if uuid:
                self.householdRequested.emit(uuid)

    def create_orders(self) -> None:
        chosen = self._selected(self.gap_view, self.gap_model) or self.gap_model.rows
        todo = [r["household_uuid"] for r in chosen if not r.get("order_uuid")]
        if not todo:
            QMessageBox.information(self, self.tr("Work orders"),
                                    self.tr("Every chosen household already has a work order."))
            return
        dlg = WorkOrderDialog(len(todo), self)
        if dlg.exec() != WorkOrderDialog.Accepted:
            return
        try:
            gaps.create_work_orders(self.store, todo, **dlg.values())
        except Exception as exc:  # noqa: BLE001 - shown as a dialog
            show_error(self, exc, self.tr("Cannot create work orders"))
        self.reload()

    def mark_done(self) -> None:
        try:
            for r in self._selected(self.gap_view, self.gap_model):
                if r.get("order_uuid") and r.get("state") == "open":
                    gaps.set_state(self.store, r["order_uuid"], "done")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot change the work order"))
        self.reload()

    def verify(self) -> None:
        n = gaps.verify_by_revisits(self.store)
        QMessageBox.information(self, self.tr("Verify by revisits"),
                                self.tr("%1 work orders verified by a later visit.")
                                .replace("%1", str(n)))
        self.reload()

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the gap list"),
                                              suggested_path(self.store, "未覆盖户", "xlsx",
                                                             self.area_code),
                                              self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            n = export_gaps(self.store, path, self.area_code)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot export"))
            return
        QMessageBox.information(self, self.tr("Export"), self.tr("%1 households written to %2")
                                .replace("%1", str(n)).replace("%2", path))
