"""The printed village sheet: every household, masked data, embedded font, page numbers."""

from collections import Counter

import sheet_pdftools as pdftools

from fieldapp.jobs.sheets import make_sheets
from fieldapp.reports.village_sheet import ROWS_PER_PAGE, SUMMARY_H, page_slices
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows


def test_every_household_head_of_the_village_is_printed(demo_path, big_village, tmp_path):
    out = tmp_path / "v.pdf"
    res = make_sheets(demo_path, big_village, out)
    with Store.open(demo_path) as s:
        households = sheets_rows.village_households(s, big_village)
    assert len(households) > ROWS_PER_PAGE  # several pages
    statuses = {h["status"] for h in households}
    assert {"covered", "not_covered", "not_visited"} <= statuses
    text = pdftools.text(out)
    printed = Counter()
    for line in text.splitlines():
        printed.update(w for w in line.split() if w in {h["head_name"] for h in households})
    wanted = Counter(h["head_name"] for h in households)
    missing = {n: k for n, k in wanted.items() if printed[n] < k}
    assert missing == {}
    assert res.households == len(households) and res.files == [out]
    # numbered 1..n, with the total in the header
    assert f"全部{len(households)}户" in pdftools.flat(out)
    assert f" {len(households)} " in text


def test_personal_data_is_masked(demo_path, big_village, tmp_path):
    out = tmp_path / "v.pdf"
    make_sheets(demo_path, big_village, out)
    with Store.open(demo_path) as s:
        households = sheets_rows.village_households(s, big_village)
    text = pdftools.text(out)
    phones = [h["phone"] for h in households if h["phone"]]
    assert phones and not any(p in text for p in phones)
    assert any(p[:3] + "****" + p[-4:] in text for p in phones)
    assert "********" in text


def test_font_is_embedded_as_subset_and_nothing_else(demo_path, big_village, tmp_path):
    out = tmp_path / "v.pdf"
    make_sheets(demo_path, big_village, out)
    fonts = pdftools.fonts(out)
    assert fonts, "no fonts listed"
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    assert all("WenQuanYi" in f["name"] for f in fonts)


def test_page_numbers_summary_and_signoff(demo_path, big_village, tmp_path):
    out = tmp_path / "v.pdf"
    res = make_sheets(demo_path, big_village, out)
    n = pdftools.pages(out)
    assert res.pages == n
    for page in (1, n):
        assert f"第{page}页共{n}页" in pdftools.flat(out, page, page)
    last = pdftools.text(out, n, n)
    for words in ("汇总", "覆盖率", "村民委员会（盖章）", "乡镇核查人员", "县融媒体中心审核"):
        assert words in last
    assert "汇总" not in pdftools.text(out, 1, 1)


def test_pagination_puts_summary_where_it_fits():
    assert page_slices(0) == [(0, 0)]
    assert page_slices(5) == [(0, 5)]
    full = page_slices(ROWS_PER_PAGE)
    assert full == [(0, ROWS_PER_PAGE), (ROWS_PER_PAGE, ROWS_PER_PAGE)]  # summary on its own
    fits = int(ROWS_PER_PAGE - SUMMARY_H // 20)
    assert page_slices(ROWS_PER_PAGE + fits - 1)[-1] == (ROWS_PER_PAGE, ROWS_PER_PAGE + fits - 1)
    assert sum(b - a for a, b in page_slices(1300)) == 1300


def test_empty_village_still_gets_a_sheet(demo_store, demo_path, tmp_path):
    with demo_store.write("t") as w:
        w.insert("areas", {"code": "140824100999", "name": "新建村委会", "level": "village",
                               "parent_code": "140824100000", "unit_type": "village_committee"})
    out = tmp_path / "empty.pdf"
    res = make_sheets(demo_path, "140824100999", out)
    assert res.pages == 1
    text = pdftools.text(out)
    assert "本村花名册中没有住户" in text and "第1页共1页" in pdftools.flat(out)


def test_field_found_households_have_their_own_section(demo_path, big_village, tmp_path):
    from fieldapp.core.field_household import NewHousehold
    from fieldapp.reports.village_sheet import load_village_sheet
    from fieldapp.store.household_add import add_field_household

    with Store.open(demo_path) as s:
        register = len(sheets_rows.village_households(s, big_village))
        add_field_household(s, NewHousehold(big_village, "甲新户", group_no="1"))
        add_field_household(s, NewHousehold(big_village, "乙新户"))
        sheet = load_village_sheet(s, big_village)
    assert sheet.field_found == 2 and len(sheet.rows) == register + 2
    assert {cells[1] for _, cells in sheet.rows[-2:]} == {"甲新户", "乙新户"}  # after the register
    out = tmp_path / "v.pdf"
    make_sheets(demo_path, big_village, out)
    flat = pdftools.flat(out)
    assert f"全部{register + 2}户：花名册{register}户，走访中新发现2户" in flat
    text = pdftools.text(out)
    assert "新1" in text and "新2" in text
    assert text.index("甲新户") > max(text.index(n) for _, (_, n, *_) in sheet.rows[:register])


def test_sheet_names_the_coverage_rule_version(demo_path, big_village, tmp_path):
    out = tmp_path / "v.pdf"
    make_sheets(demo_path, big_village, out)
    assert "覆盖标准版本：140824-2026.1" in pdftools.flat(out)


def test_summary_page_of_a_full_sheet_has_no_empty_table_header(demo_store, demo_path, tmp_path):
    """A village that fills its pages exactly: the summary gets a page of its own, without a
    table header over no rows."""
    import uuid as uuidlib

    code = "140824100998"
    with demo_store.write("t") as w:
        w.insert("areas", {"code": code, "name": "满页村委会", "level": "village",
                           "parent_code": "140824100000", "unit_type": "village_committee"})
        for i in range(ROWS_PER_PAGE):
            w.insert("households", {"uuid": str(uuidlib.uuid4()), "village_code": code,
                                    "group_no": "1", "head_name": f"户主{i:03d}"})
    out = tmp_path / "full.pdf"
    res = make_sheets(demo_path, code, out)
    assert res.pages == pdftools.pages(out) == 2
    assert "序号" in pdftools.text(out, 1, 1)
    last = pdftools.text(out, 2, 2)
    assert "汇总" in last and "序号" not in last and "户主签字" not in last
