"""A sheet printed on a township laptop and signed in the village verifies at the county once
the laptop's bundle is merged: the county sees it as printed and lists what changed since."""

from __future__ import annotations

from sync_helpers import TOWNSHIP

from fieldapp.reports.payload import Payload
from fieldapp.jobs.sheets import make_sheets
from fieldapp.reports.verify import verify
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.check import check_database
from fieldapp.store.reports.printed_sheets import find_page, last_printed


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
        res = verify(s, qr)
        # A laptop cannot sign for the county: its pages match but are never "genuine".
        assert res.registered and res.page_matches and res.status == "unsigned" and not res.ok
        name = s.conn.execute("SELECT head_name FROM households WHERE uuid = ?",
                              (first,)).fetchone()[0]
        with s.write("县融媒体中心") as w:
            w.update("households", first, {"head_name": name + "改"})
        after = verify(s, qr)
    assert after.registered and not after.page_matches
    assert [c.name for c in after.changes] == [name]
    assert check_database(f.county_path).ok and check_database(lap).ok


def test_two_devices_drawing_the_same_sheet_id_both_verify(field_setup, tmp_path, monkeypatch):
    """The QR's sheet id is 8 random digits: two laptops may draw the same one. Both sheets
    travel, and each page verifies against its own sheet."""
    import fieldapp.jobs.sheets as job

    f = field_setup
    laptops = [f.laptop("A"), f.laptop("B")]
    monkeypatch.setattr(job, "_new_ids", lambda store, n: ["12345678"][:n])
    qrs = []
    with Store.open(laptops[0]) as s:
        villages = sorted(v["code"] for v in sheets_rows.villages_under(s, TOWNSHIP)
                          if v["households"])[:2]
    for lap, village in zip(laptops, villages):
        make_sheets(lap, village, tmp_path / f"{village}.pdf")
        with Store.open(lap) as s:
            qrs.append(_qr_of_page(s, 1))
    assert qrs[0] != qrs[1] and all("12345678" in q for q in qrs)
    for i, lap in enumerate(laptops):
        assert f.merge(f.export(lap, f"{i}.fab")).as_json()["rejected"] == []
    with f.county() as s:
        results = [verify(s, qr) for qr in qrs]
    assert all(r.registered and r.page_matches and r.status == "unsigned" for r in results)
    assert {r.payload.area_code for r in results} == set(villages)
