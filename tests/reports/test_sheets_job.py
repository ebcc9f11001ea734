"""Township and county runs: a folder of PDFs (on all cores) or one combined PDF with bookmarks;
cancel and bad input leave nothing behind."""

import re

import pytest
import sheet_pdftools as pdftools

from fieldapp.core.progress import Cancelled
from fieldapp.jobs import sheets as sheets_job
from fieldapp.reports.errors import ReportError
from fieldapp.jobs.sheets import make_sheets
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.errors import NotADatabase
from fieldapp.store.reports.printed_sheets import printed_sheet_count

TOWN = "140824100"


def _villages(path, code=TOWN + "000"):
    with Store.open(path) as s:
        return sheets_rows.villages_under(s, code)


def _registered(path):
    with Store.open(path) as s:
        return printed_sheet_count(s)


def test_township_folder_has_one_pdf_per_village_and_the_places_sheet(demo_path, tmp_path):
    out = tmp_path / "sheets"
    res = make_sheets(demo_path, TOWN, out)
    villages = _villages(demo_path)
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len(villages) + 1
    for v in villages:
        assert any(n.startswith(v["code"]) for n in names)
    assert any("公共场所核查表" in n for n in names)
    assert res.households == sum(v["households"] for v in villages)
    assert not list(tmp_path.glob(".*part*"))
    assert _registered(demo_path) == len(names)


def test_parallel_folder_matches_sequential(demo_path, tmp_path, monkeypatch):
    monkeypatch.setattr(sheets_job, "PARALLEL_MIN_HOUSEHOLDS", 0)
    par = make_sheets(demo_path, TOWN, tmp_path / "par", processes=2)
    seq = make_sheets(demo_path, TOWN, tmp_path / "seq", processes=1)
    assert [f.name for f in par.files] == [f.name for f in seq.files]
    assert par.pages == seq.pages
    f = par.files[0]
    assert _unstamped(pdftools.flat(f)) == _unstamped(pdftools.flat(tmp_path / "seq" / f.name)
                                                      .replace(_sheet_no(tmp_path / "seq" / f.name),
                                                               _sheet_no(f)))


def _unstamped(text: str) -> str:
    """The text without its print time (two runs may straddle a minute)."""
    return re.sub(r"生成于\d{4}-\d{2}-\d{2}\d{2}:\d{2}", "生成于", text)


def _sheet_no(pdf):
    return re.search(r"表号(\d{8})", pdftools.flat(pdf)).group(1)


def test_combined_pdf_has_a_bookmark_per_sheet(demo_path, tmp_path):
    out = tmp_path / "town.pdf"
    res = make_sheets(demo_path, TOWN, out)
    raw = out.read_bytes()
    count = int(re.search(rb"/Count (\d+) /First \d+ 0 R /Last \d+ 0 R /Type /Outlines",
                          raw).group(1))
    assert count == res.sheets == len(_villages(demo_path)) + 1
    assert pdftools.pages(out) == res.pages
    assert res.files == [out]


def test_county_folder_has_a_subfolder_per_township(demo_path, tmp_path):
    out = tmp_path / "county"
    res = make_sheets(demo_path, "140824", out, processes=1)
    subdirs = [p for p in out.iterdir() if p.is_dir()]
    assert len(subdirs) == 9
    assert res.households == 3000


def test_cancel_leaves_no_files_and_no_register_rows(demo_path, tmp_path):
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < 3

    for target in (tmp_path / "sheets", tmp_path / "town.pdf"):
        with pytest.raises(Cancelled):
            make_sheets(demo_path, TOWN, target, progress=progress)
        calls.clear()
        assert not target.exists()
    assert list(tmp_path.iterdir()) == [demo_path] or all(
        p.name.startswith("demo.sqlite") for p in tmp_path.iterdir())
    assert _registered(demo_path) == 0


@pytest.mark.parametrize("code,out,message", [
    ("140824100777", "v.pdf", "没有这个区划代码"),
    ("14082", "v.pdf", "区划代码应为"),
    ("140824100200", "no/such/dir/v.pdf", "输出目录不存在"),
])
def test_bad_input_is_named(demo_path, tmp_path, code, out, message):
    with pytest.raises(ReportError, match=message):
        make_sheets(demo_path, code, tmp_path / out)
    assert _registered(demo_path) == 0


def test_not_a_database(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_text("hello")
    with pytest.raises(NotADatabase):
        make_sheets(bad, TOWN, tmp_path / "out.pdf")


def test_public_places_sheet_lists_every_place(demo_store, demo_path, tmp_path):
    places = [("party_gov", "稷峰镇人民政府"), ("school", "稷山县第二中学"),
              ("hospital", "稷峰镇卫生院"), ("hotel", "稷山宾馆")]
    from collections import Counter

    from fieldapp.reports.sheet_rows import place_cells

    demo = Counter(place_cells(p)[3] for p in sheets_rows.public_places(demo_store, TOWN + "000"))
    with demo_store.write("t") as w:
        for i, (kind, name) in enumerate(places):
            w.insert("public_places", {
                "township_code": TOWN + "000", "village_code": _villages(demo_path)[0]["code"],
                "place_type": kind, "name": name, "state": "complete" if i else "draft",
                "answers": {"cable_opened": "yes", "tv_points": 3,
                            "channels": "cctv provincial county"}})
    out = tmp_path / "sheets"
    make_sheets(demo_path, TOWN, out)
    pdf = next(out.glob("*公共场所核查表.pdf"))
    text = pdftools.flat(pdf)
    for _, name in places:
        assert name in text
    assert (f"合计{demo.total() + 4}处：有线电视已开通{demo['已开通'] + 3}，未开通{demo['未开通']}，"
            f"未核查{demo['未核查'] + 1}") in text  # the demo's own places and these four
    assert "党政机关" in text and "中央、省级、县级" in text
    qr = pdftools.qr_of_page(pdf, 1, tmp_path)
    from fieldapp.reports.verify import verify
    checked = verify(demo_store, qr)  # a demo county has no county key: printed unsigned
    assert checked.status == "unsigned" and "与数据库一致" in checked.message
