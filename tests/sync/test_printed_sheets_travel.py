"""A sheet printed on a township laptop and signed in the village verifies at the county once
the laptop's bundle is merged: the county sees it as printed and lists what changed since."""

from __future__ import annotations

from sync_helpers import TOWNSHIP

from fieldapp.reports.payload import Payload
from fieldapp.reports.sheets_job import make_sheets
from fieldapp.reports.verify import verify
from fieldapp.store import Store, sheets_rows
from fieldapp.store.check import check_database
from fieldapp.store.sheets_register import find_page, last_printed


def _qr_of_page(store, page: int) -> str:
    s = last_printed(store)
    found = find_page(store, s["sheet_id"], page)
    return Payload(s["kind"], s["area_code"], s["stamp"], page, s["pages"], s["sheet_id"],
                   found["row_hash"]).text()


def test_a_township_printed_sheet_verifies_at_the_county_with_its_changes(field_setup, tmp_path):
    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap) as s:
        village = max(sheets_rows.villages_under(s, TOWNSHIP), key=lambda v: v["households"])
    make_sheets(lap, village["code"], tmp_path / "v.pdf", user="乡镇干部")
    with Store.open(lap) as s:
        qr = _qr_of_page(s, 1)
        first = find_page(s, last_printed(s)["sheet_id"], 1)["rows"][0][0]
    with f.county() as s:  # not merged yet: the county can only compare with its data
        before = verify(s, qr)
    assert not before.registered and "没有这张表的打印记录" in before.message

    assert f.merge(f.export(lap, "a.fab")).as_json()["rejected"] == []
    with f.county() as s:
        assert verify(s, qr).registered and verify(s, qr).ok
        name = s.conn.execute("SELECT head_name FROM households WHERE uuid = ?",
                              (first,)).fetchone()[0]
        with s.write("县融媒体中心") as w:
            w.update("households", first, {"head_name": name + "改"})
        after = verify(s, qr)
    assert after.registered and not after.page_matches
    assert [c.name for c in after.changes] == [name]
    assert check_database(f.county_path).ok and check_database(lap).ok
