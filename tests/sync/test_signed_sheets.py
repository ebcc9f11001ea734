"""Printed sheets carry a QR payload signed by the county's Ed25519 key: any copy of the
county's public key (the county itself, a township laptop from its reference bundle) checks a
page offline; forged, altered, foreign and unsigned payloads are never "genuine", and checking
one changes nothing in the county database."""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "reports"))
import sheet_pdftools as pdftools  # noqa: E402
from sync_helpers import COUNTY_PW, TOWNSHIP, snapshot  # noqa: E402

from fieldapp.cli import main  # noqa: E402
from fieldapp.reports.payload import Payload, parse, rows_hash  # noqa: E402
from fieldapp.reports.verify import verify  # noqa: E402
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows  # noqa: E402


def _village(path):
    with Store.open(path) as s:
        return max(sheets_rows.villages_under(s, TOWNSHIP), key=lambda v: v["households"])["code"]


def _print_at_county(f, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", COUNTY_PW)
    out = tmp_path / "v.pdf"
    assert main(["sheets", str(f.county_path), "--village", _village(f.county_path),
                 "-o", str(out)]) == 0
    capsys.readouterr()
    return out, pdftools.qr_of_page(out, 1, tmp_path)


def test_county_signed_page_is_genuine_at_the_county_and_on_a_laptop(field_setup, tmp_path,
                                                                      monkeypatch, capsys):
    f = field_setup
    out, qr = _print_at_county(f, tmp_path, monkeypatch, capsys)
    assert qr.startswith("HHT2-") and parse(qr).signature
    monkeypatch.delenv("FIELDAPP_PASSPHRASE")
    lap = f.laptop("A")  # knows only the county's public key, from the reference bundle
    for db in (f.county_path, lap):
        assert main(["sheets", "verify", str(db), qr, "--json"]) == 0
        assert '"status": "genuine"' in capsys.readouterr().out
    with Store.open(lap) as s:
        assert verify(s, qr).status == "genuine"


def test_printing_at_the_county_needs_its_passphrase(field_setup, tmp_path, monkeypatch, capsys):
    f = field_setup
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "wrong passphrase!")
    out = tmp_path / "v.pdf"
    assert main(["sheets", str(f.county_path), "--village", _village(f.county_path),
                 "-o", str(out)]) != 0
    assert "口令不正确" in capsys.readouterr().err and not out.exists()


def _forge(p: Payload, **kw) -> str:
    """What an attacker without the county key can make: fields changed, the signature kept
    (or a random one of the right shape)."""
    d = {**p.__dict__, **kw}
    return Payload(**d).text()


def test_forged_payloads_are_refused_and_change_nothing(field_setup, tmp_path, monkeypatch,
                                                        capsys):
    f = field_setup
    out, qr = _print_at_county(f, tmp_path, monkeypatch, capsys)
    p = parse(qr)
    with Store.open(f.county_path) as s:
        other = next(v["code"] for v in sheets_rows.villages_under(s, TOWNSHIP)
                     if v["code"] != p.area_code and v["households"])
        hh = sheets_rows.village_households(s, other)
    random_sig = base64.b32encode(os.urandom(64)).decode().rstrip("=")
    forged = {
        "never printed village": _forge(p, area_code=other),
        "invented sheet id": _forge(p, sheet_id="99999999"),
        "2099 print date": _forge(p, stamp="209901010000"),
        "other rows hash": _forge(p, row_hash="0123456789ABCDEF"),
        "random signature": _forge(p, signature=random_sig),
        "another county": _forge(p, area_code="330411100201"),
    }
    # the old unkeyed style: a correct rows hash anyone can compute, no signature
    from fieldapp.reports.sheet_rows import household_cells
    rows = [(h["uuid"], household_cells(h)) for h in hh[:33]]
    pages = -(-len(hh) // 33) if hh else 1
    forged["unkeyed hash style"] = Payload("village", other, "209901010000", 1, pages,
                                           "12345678", rows_hash(rows)).text()
    before = snapshot(f.county_path)
    for what, text in forged.items():
        code = main(["sheets", "verify", str(f.county_path), text])
        err = capsys.readouterr().err
        assert code == 1, what
        assert "核验未通过" in err and "Traceback" not in err, what
        with Store.open(f.county_path) as s:
            res = verify(s, text)
        assert res.status != "genuine" and not res.ok, what
        expected = {"unkeyed hash style": "unsigned", "another county": "not_this_county"}
        assert res.status == expected.get(what, "altered"), (what, res.status)
    assert snapshot(f.county_path) == before


def test_another_countys_key_is_not_this_county(field_setup, tmp_path, monkeypatch, capsys):
    """A sheet printed and signed by another county database (its own key) for our villages."""
    f = field_setup
    rogue = tmp_path / "rogue.sqlite"
    import shutil
    shutil.copy(f.county_path, rogue)
    with Store.open(rogue) as s:
        s.conn.execute("DELETE FROM sync_keys")
    from fieldapp.sync import identity
    with Store.open(rogue) as s:
        identity.create_keys(s, "rogue passphrase 2026")
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "rogue passphrase 2026")
    out = tmp_path / "r.pdf"
    assert main(["sheets", str(rogue), "--village", _village(rogue), "-o", str(out)]) == 0
    qr = pdftools.qr_of_page(out, 1, tmp_path)
    with Store.open(f.county_path) as s:
        res = verify(s, qr)
    assert res.status == "altered" and "不是本县签发" in res.message


def test_signed_qr_scans_at_print_size(field_setup, tmp_path, monkeypatch, capsys):
    """The signed payload (about 170 QR-alphanumeric characters) is read back from the page
    rendered at 150 dpi (pdftoppm + zbarimg); at 100 dpi it no longer scans."""
    out, qr = _print_at_county(field_setup, tmp_path, monkeypatch, capsys)
    assert len(qr) <= 180 and qr == qr.upper()
    assert pdftools.qr_of_page(out, 1, tmp_path, dpi=150) == qr
