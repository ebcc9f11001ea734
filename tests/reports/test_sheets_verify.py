"""QR on every page: the scanned text verifies, and after a change the verification says what
changed (through the CLI, as county staff would run it)."""

import shutil

import pytest
import sheet_pdftools as pdftools

from fieldapp.cli import main
from fieldapp.reports.payload import parse
from fieldapp.jobs.sheets import make_sheets, make_slip
from fieldapp.reports.verify import verify
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows


PASS = "county passphrase 2026"


@pytest.fixture
def county_key(demo_path):
    """The demo county's own key pair, as `fieldapp init` creates it; the raw signing key."""
    with Store.open(demo_path) as s:
        return signing_key_raw_of(s)


def signing_key_raw_of(store):
    from fieldapp.sync.identity import create_keys, signing_key_raw

    create_keys(store, PASS)
    return signing_key_raw(store, PASS)


@pytest.fixture
def printed(demo_path, big_village, tmp_path, county_key):
    out = tmp_path / "v.pdf"
    res = make_sheets(demo_path, big_village, out, signing_key=county_key)
    return out, res.pages


def _row_on_page(store, code, qr):
    """A household printed on the page the QR belongs to."""
    p = parse(qr)
    households = sheets_rows.village_households(store, code)
    return households[(p.page - 1) * 33]


def test_every_page_has_a_qr_that_verifies(demo_path, printed, tmp_path, capsys):
    out, n = printed
    for page in range(1, n + 1):
        qr = pdftools.qr_of_page(out, page, tmp_path)
        p = parse(qr)
        assert (p.page, p.pages) == (page, n)
        assert main(["sheets", "verify", str(demo_path), qr]) == 0
        assert "与数据库一致" in capsys.readouterr().out


def test_verify_lists_a_changed_household(demo_path, big_village, printed, tmp_path, capsys,
                                          monkeypatch):
    out, _ = printed
    qr = pdftools.qr_of_page(out, 2, tmp_path)
    with Store.open(demo_path) as s:
        h = _row_on_page(s, big_village, qr)
        with s.write("县融媒体中心") as w:
            w.update("households", h["uuid"], {"head_name": h["head_name"] + "改"})
            w.insert("visits", {"household_uuid": h["uuid"], "form_id": "huhutong_household",
                                    "form_version": "1", "state": "complete", "surveyor": "李建华",
                                    "started_at": "2099-01-01T09:00:00",
                                    "ended_at": "2099-01-01T09:10:00",
                                    "answers": {"visit_result": "vacant"}})
    assert main(["sheets", "verify", str(demo_path), qr]) == 1
    captured = capsys.readouterr()
    assert "本页 1 户（处）有变化" in captured.out
    assert f"户主姓名 {h['head_name']} → {h['head_name']}改" in captured.out
    assert "核查状态" in captured.out and "空置房" in captured.out
    assert "核验未通过" in captured.err
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["sheets", "verify", str(demo_path), qr]) == 1
    english = capsys.readouterr()
    assert "rows changed on this page: 1" in english.out
    assert f"head of household {h['head_name']} -> {h['head_name']}改" in english.out
    assert "check status" in english.out and english.err.startswith("fieldapp: not verified: ")
    monkeypatch.delenv("LANG")
    # other pages still match
    qr1 = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(demo_path) as s:
        assert verify(s, qr1).page_matches


def test_verify_reports_removed_and_added_households(demo_path, big_village, printed, tmp_path):
    out, _ = printed
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(demo_path) as s:
        h = _row_on_page(s, big_village, qr)
        with s.write("t") as w:
            w.delete("households", h["uuid"])
            w.insert("households", {"village_code": big_village, "group_no": "1",
                                        "head_name": "新来户", "source": "manual"})
        res = verify(s, qr)
    assert not res.ok and not res.page_matches
    assert [(c.name, c.what) for c in res.changes] == [(h["head_name"], "removed")]
    assert [(c.name, c.what) for c in res.added] == [("新来户", "added")]
    assert "需重新打印" in res.message
    assert res.text("en").endswith(": rows changed on this page: 1; added since printing and "
                                   "not on the sheet: 1; print it again")
    assert res.changes[0].text("en") == f"{h['head_name']}: deleted from the database"
    assert res.added[0].text() == "新来户：打印后新增，表上没有"


def test_every_printed_heading_has_its_english():
    from fieldapp.core.messages_verify import FIELD_EN
    from fieldapp.reports.verify import FIELDS

    assert {f for fields in FIELDS.values() for f in fields} <= set(FIELD_EN)
    assert all(english.isascii() for english in FIELD_EN.values())


def test_tampered_or_foreign_codes(demo_path, printed, tmp_path, capsys):
    out, _ = printed
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    parts = qr.split("-")
    parts[7] = parts[7][:-1] + ("0" if parts[7][-1] != "0" else "1")  # the rows' hash
    forged = "-".join(parts)
    with Store.open(demo_path) as s:
        res = verify(s, forged)
    assert res.status == "altered" and not res.ok
    assert "签名" in res.message
    assert main(["sheets", "verify", str(demo_path), "not a code"]) == 1
    assert "不是本系统打印的核查表二维码" in capsys.readouterr().err


def test_without_register_the_page_is_rederived(demo_path, big_village, tmp_path, county_key):
    other = tmp_path / "other.sqlite"
    shutil.copy(demo_path, other)  # e.g. the county's copy, which did not print this sheet
    out = tmp_path / "v.pdf"
    make_sheets(demo_path, big_village, out, signing_key=county_key)
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(other) as s:
        res = verify(s, qr)
        assert res.ok and not res.registered
        h = _row_on_page(s, big_village, qr)
        with s.write("t") as w:
            w.update("households", h["uuid"], {"phone": "13800000000"})
        res = verify(s, qr)
    assert not res.ok and "无法列出具体变化" in res.message


def test_slip_verifies_and_notices_changes(demo_path, big_village, tmp_path, county_key):
    with Store.open(demo_path) as s:
        h = sheets_rows.village_households(s, big_village)[0]
    out = tmp_path / "slip.pdf"
    make_slip(demo_path, h["uuid"], out, signing_key=county_key)
    text = pdftools.flat(out)
    assert "入户确认单" in text and h["head_name"] in text and "户主签字" in text
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(demo_path) as s:
        assert verify(s, qr).ok
        with s.write("t") as w:
            w.update("households", h["uuid"], {"size": (h["size"] or 0) + 1})
        res = verify(s, qr)
    assert not res.ok and res.changes[0].fields[0][0] == "家庭人口"


def test_sheets_printed_before_the_synced_register_still_verify(demo_path, big_village, printed,
                                                                 tmp_path):
    """A database upgraded from v5 keeps its old local register: its pages still verify with
    their changes (the record is moved back into the old tables here to stand for one)."""
    from fieldapp.store.reports.printed_sheets import last_printed, pack_rows, unpack_pages

    out, _ = printed
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(demo_path) as s:
        sheet = last_printed(s)
        blob = s.conn.execute("SELECT page_data, row_count FROM sheet_prints WHERE sheet_id = ?",
                              (sheet["sheet_id"],)).fetchone()
        with s.transaction() as conn:  # what v5 wrote, and no synced record
            conn.execute("INSERT INTO printed_sheets(sheet_id, kind, area_code, stamp,"
                         " generated_at, pages, rows, file, user) VALUES (?,?,?,?,?,?,?,?,?)",
                         (sheet["sheet_id"], sheet["kind"], sheet["area_code"], sheet["stamp"],
                          sheet["generated_at"], sheet["pages"], blob[1], sheet["file"], ""))
            conn.executemany("INSERT INTO printed_pages(sheet_id, page, row_hash, rows)"
                             " VALUES (?, ?, ?, ?)",
                             [(sheet["sheet_id"], p.page, p.row_hash, pack_rows(p.rows))
                              for p in unpack_pages(blob[0])])
            conn.execute("DELETE FROM sheet_prints WHERE sheet_id = ?", (sheet["sheet_id"],))
        assert verify(s, qr).registered and verify(s, qr).ok
        h = _row_on_page(s, big_village, qr)
        with s.write("t") as w:
            w.update("households", h["uuid"], {"head_name": h["head_name"] + "改"})
        assert [c.name for c in verify(s, qr).changes] == [h["head_name"]]
