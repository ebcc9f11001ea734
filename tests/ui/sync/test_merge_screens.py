"""Merge and conflict screens on real files: preview per village, merge, resolve a conflict,
merge duplicate households — offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store
from fieldapp.sync import setup
from fieldapp.jobs import bundle_export as export
from fieldapp.jobs import reference_bundle as reference
from fieldapp.jobs import devices

pytestmark = pytest.mark.ui
PW = "county pw 2026"
LPW = "laptop pw 2026"


@pytest.fixture
def field(tmp_path):
    county = tmp_path / "county.sqlite"
    build_demo(county, "140824", households=300, seed=5)
    setup.init_county(county, "140824", PW)
    bundles = []
    for name, phone in (("A", "13900000001"), ("B", "13900000002")):
        lap = tmp_path / f"{name}.sqlite"
        devices.request(lap, tmp_path / f"{name}.json", LPW, name=name)
        with Store.open(county) as s:
            devices.enrol(s, str(tmp_path / f"{name}.json"), "140824100", PW,
                          out=tmp_path / "ref.fab")
        setup.init_township(lap, tmp_path / "ref.fab", LPW, device_name=name)
        with Store.open(lap) as s:
            first = s.conn.execute("SELECT uuid, village_code FROM households ORDER BY uuid"
                                   " LIMIT 1").fetchone()
            with s.write(name) as w:
                w.update("households", first[0], {"phone": phone})
                w.insert("households", {"village_code": first[1], "group_no": "3",
                                        "head_name": "王重复", "size": 2})
            out = tmp_path / f"{name}.fab"
            export.export_bundle(s, out, LPW)
        bundles.append(str(out))
    return county, bundles, first[0]


def test_preview_then_merge_then_resolve(qtbot, field):
    from fieldapp.ui.sync.conflict_dialog import ConflictDialog
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    county, bundles, hh = field
    with Store.open(county) as store:
        dlg = MergeDialog(store, files=bundles)
        qtbot.addWidget(dlg)
        dlg.passphrase.setText(PW)
        assert dlg.preview()
        totals = dlg.model.totals()
        assert totals == {"new": 2, "updated": 1, "unchanged": 0, "conflicts": 1}
        assert dlg.merge_button.isEnabled()
        assert store.conn.execute("SELECT count(*) FROM sync_bundles").fetchone()[0] == 0
        with qtbot.waitSignal(dlg.merged, timeout=30000):
            dlg.merge()
        assert store.conn.execute("SELECT count(*) FROM sync_bundles").fetchone()[0] == 2
        assert "2" in dlg.summary.text()

        cd = ConflictDialog(store)
        qtbot.addWidget(cd)
        assert cd.conflict_model.rowCount() == 1
        assert cd.dup_model.rowCount() == 1  # 王重复 entered on both laptops
        cd.conflict_view.selectRow(0)
        theirs = cd.conflict_model.row(0)["theirs"]
        cd.take_theirs.click()
        assert store.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                                  (hh,)).fetchone()[0] == theirs
        assert cd.conflict_model.rowCount() == 0
        cd.dup_view.selectRow(0)
        cd.keep_a.click()
        assert cd.dup_model.rowCount() == 0
        merged = store.conn.execute("SELECT count(*) FROM households WHERE head_name = '王重复'"
                                    " AND merged_into IS NOT NULL").fetchone()[0]
        assert merged == 1


def test_wrong_passphrase_shows_an_error_and_changes_nothing(qtbot, field, monkeypatch):
    from fieldapp.ui.sync import merge_dialog
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    county, bundles, _ = field
    shown = []
    monkeypatch.setattr(merge_dialog, "show_error", lambda parent, exc: shown.append(exc))
    with Store.open(county) as store:
        dlg = MergeDialog(store, files=bundles)
        qtbot.addWidget(dlg)
        dlg.passphrase.setText("wrong")
        assert not dlg.preview()
        assert "口令不正确" in shown[0].message
        assert not dlg.merge_button.isEnabled()


def test_preview_lists_a_damaged_bundle_as_rejected(qtbot, field, tmp_path):
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    county, bundles, _ = field
    bad = tmp_path / "bad.fab"
    data = bytearray(Path(bundles[0]).read_bytes())
    data[-100] ^= 0xFF  # inside the encrypted payload
    bad.write_bytes(bytes(data))
    with Store.open(county) as store:
        dlg = MergeDialog(store, files=[str(bad), bundles[1]])
        qtbot.addWidget(dlg)
        dlg.passphrase.setText(PW)
        assert dlg.preview()
        rejected = [r for r in dlg.model.rows if r["status"] == "rejected"]
        assert len(rejected) == 1 and "签名无效" in rejected[0]["reason"]


def test_laptop_merges_the_next_reference_bundle_from_the_screen(qtbot, field, tmp_path):
    from fieldapp.sync import identity, merge
    from fieldapp.ui.sync.conflict_dialog import ConflictDialog
    from fieldapp.ui.sync.merge_dialog import MergeDialog

    county, bundles, hh = field
    with Store.open(county) as s:
        merge.merge_files(s, bundles, identity.unlock(s, PW))
        cd = ConflictDialog(s)
        qtbot.addWidget(cd)
        cd.conflict_view.selectRow(0)
        cd.resolve("value", value="13800000000")
        reference.reference_bundle(s, "140824100", tmp_path / "ref2.fab", PW)
    with Store.open(tmp_path / "A.sqlite") as lap:
        dlg = MergeDialog(lap, files=[str(tmp_path / "ref2.fab")])
        qtbot.addWidget(dlg)
        dlg.passphrase.setText(LPW)
        assert dlg.preview()  # encrypted to this enrolled laptop: no transfer code needed
        with qtbot.waitSignal(dlg.merged, timeout=30000):
            dlg.merge()
        assert lap.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                                (hh,)).fetchone()[0] == "13800000000"
        assert lap.conn.execute("SELECT count(*) FROM households WHERE head_name = '王重复'"
                                ).fetchone()[0] == 2
