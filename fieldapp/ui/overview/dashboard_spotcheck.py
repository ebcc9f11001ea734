"""Spot checks in the dashboard: draw a reproducible sample of covered households for the
selected area, then record each re-verification outcome."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import spotcheck

from fieldapp.ui.overview.dashboard_models import RecordsModel
from fieldapp.ui.widgets.errors import show_error


class SpotCheckPanel(QWidget):
    householdRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.area_code: str | None = None
        self.area_name = ""
        top = QHBoxLayout()
        self.method = QComboBox()
        self.method.addItem(self.tr("Percent per village"), "percent")
        self.method.addItem(self.tr("Households per village"), "count")
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0.1, 100)
        self.amount.setValue(5)
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999_999)
        self.seed.setSpecialValueText(self.tr("random"))
        self.seed.setToolTip(self.tr("Seed of the draw: the same seed gives the same sample"))
        self.draw_button = QPushButton(self.tr("Draw sample"))
        self.draw_button.clicked.connect(self.draw)
        for w in (self.method, self.amount, QLabel(self.tr("Seed")), self.seed,
                  self.draw_button):
            top.addWidget(w)
        top.addStretch(1)
        pick = QHBoxLayout()
        self.checks = QComboBox()
        self.checks.currentIndexChanged.connect(self._show_check)
        self.summary = QLabel()
        pick.addWidget(QLabel(self.tr("Sample")))
        pick.addWidget(self.checks, 1)
        pick.addWidget(self.summary)
        self.model = RecordsModel([
            ("village_name", self.tr("Village")), ("group_no", self.tr("Group")),
            ("head_name", self.tr("Head of household")), ("phone", self.tr("Phone")),
            ("outcome_label", self.tr("Outcome")), ("checked_at", self.tr("Checked on"))])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        actions = QHBoxLayout()
        for outcome, text in (("confirmed", self.tr("Confirmed covered")),
                              ("not_confirmed", self.tr("Not as recorded")),
                              ("unreachable", self.tr("Could not check"))):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, o=outcome: self.record(o))
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pick)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

    def outcome_label(self, outcome: str) -> str:
        return {"pending": self.tr("Pending"), "confirmed": self.tr("Confirmed covered"),
                "not_confirmed": self.tr("Not as recorded"),
                "unreachable": self.tr("Could not check")}.get(outcome, outcome)

    def set_area(self, store, code: str | None, name: str = "") -> None:
        self.store, self.area_code, self.area_name = store, code, name
        self.draw_button.setText(self.tr("Draw sample in %1").replace("%1", name)
                                 if name else self.tr("Draw sample"))
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = select or self.checks.currentData()
        self.checks.blockSignals(True)
        self.checks.clear()
        for c in spotcheck.checks(self.store) if self.store else []:
            self.checks.addItem(
                self.tr("%1 · %2 · %3 households · seed %4")
                .replace("%1", (c["drawn_at"] or "")[:10]).replace("%2", c["area_name"])
                .replace("%3", str(c["sampled"])).replace("%4", str(c["seed"])), c["uuid"])
        self.checks.blockSignals(False)
        i = self.checks.findData(current) if current else 0
        self.checks.setCurrentIndex(max(0, i))
        self._show_check()

    def _show_check(self) -> None:
        uuid = self.checks.currentData()
        rows = spotcheck.items(self.store, uuid) if self.store and uuid else []
        for r in rows:
            r["outcome_label"] = self.outcome_label(r["outcome"])
        self.model.set_rows(rows)
        done = sum(r["outcome"] != "pending" for r in rows)
        bad = sum(r["outcome"] == "not_confirmed" for r in rows)
        self.summary.setText(self.tr("%1 of %2 checked, %3 not as recorded")
                             .replace("%1", str(done)).replace("%2", str(len(rows)))
                             .replace("%3", str(bad)) if rows else "")

    def draw(self) -> None:
        if not self.store or not self.area_code:
            return
        kw = {"percent": self.amount.value()} if self.method.currentData() == "percent" else {
            "count": int(self.amount.value())}
        try:
            check = spotcheck.draw(self.store, self.area_code, seed=self.seed.value() or None,
                                   **kw)
        except Exception as exc:  # noqa: BLE001 - shown as a dialog
            show_error(self, exc, self.tr("Cannot draw a sample"))
            return
        self.reload(select=check)

    def record(self, outcome: str) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        try:
            for r in rows:
                spotcheck.record(self.store, self.model.rows[r]["uuid"], outcome)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot record the outcome"))
        self._show_check()

    def _open(self, index) -> None:
        uuid = self.model.rows[index.row()]["household_uuid"] if index.isValid() else None
        if uuid:
            self.householdRequested.emit(uuid)


