"""The laptops dialog (同步 › 笔记本登记): the county enrols a laptop from its request file and
revokes it; a laptop shows its fingerprint and writes its request — offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from fieldapp.store import Store
from fieldapp.sync import setup
from fieldapp.jobs import devices

pytestmark = pytest.mark.ui
PW, LPW = "county pw 2026", "laptop pw 2026"


@pytest.fixture
def county(tmp_path):
    path = tmp_path / "county.sqlite"
    setup.init_county(path, "140824", PW)
    return path


def test_county_enrols_and_revokes_a_laptop(qtbot, county, tmp_path, monkeypatch):
    from fieldapp.ui.sync.devices_dialog import DevicesDialog, EnrolDialog

    req = devices.request(tmp_path / "lap.sqlite", tmp_path / "req.json", LPW, name="稷峰镇-1")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    with Store.open(county) as store:
        dlg = DevicesDialog(store)
        qtbot.addWidget(dlg)
        assert dlg.table.rowCount() == 0
        from fieldapp.sync import certificates
        enrol = EnrolDialog(store, certificates.read_request(req.request), dlg)
        qtbot.addWidget(enrol)
        assert enrol.township() == "140824100000"  # 稷峰镇 first
        dlg.run_enrol(req.request, enrol.township(), str(tmp_path / "ref.fab"), PW,
                      req.fingerprint)
        assert dlg.table.rowCount() == 1 and "ref.fab" in told[0]
        assert dlg.table.item(0, 3).text() == req.fingerprint
        assert dlg.table.item(0, 4).text() in ("已登记", "Enrolled")
        dlg.table.selectRow(0)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("丢失", True))
        dlg.revoke()
        assert "丢失" in dlg.table.item(0, 4).text()
    setup.init_township(tmp_path / "lap.sqlite", tmp_path / "ref.fab", LPW)


def test_laptop_shows_its_fingerprint(qtbot, county, tmp_path):
    from fieldapp.ui.sync.devices_dialog import DevicesDialog, FingerprintPanel

    req = devices.request(tmp_path / "lap.sqlite", tmp_path / "req.json", LPW)
    with Store.open(county) as store:
        devices.enrol(store, req.request, "140824100", PW, out=tmp_path / "ref.fab")
    setup.init_township(tmp_path / "lap.sqlite", tmp_path / "ref.fab", LPW)
    with Store.open(tmp_path / "lap.sqlite") as store:
        dlg = DevicesDialog(store)
        qtbot.addWidget(dlg)
        panel = dlg.findChild(FingerprintPanel)
        texts = [w.text() for w in panel.findChildren(type(panel.layout().itemAt(0).widget()))]
        assert any(req.fingerprint in t for t in texts)
        assert not panel.layout().itemAt(1).widget().pixmap().isNull()  # the QR code
