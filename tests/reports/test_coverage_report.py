"""Coverage reports: the figures in Excel match the database, the PDF shows them with charts,
and work orders, spot checks, hand-over and illegal charges appear."""

import datetime as dt
from collections import Counter

import openpyxl
import pytest
import sheet_pdftools as pdftools

from fieldapp.cli import main
from fieldapp.core.progress import Cancelled
from fieldapp.reports.errors import ReportError
from fieldapp.jobs.coverage_report import make_report
from fieldapp.store import spotcheck
from fieldapp.store.households import gaps
from fieldapp.store.households import queries
from fieldapp.store.reports.sheet_rows import village_households, villages_under

TODAY = dt.date(2026, 11, 25)
TOWN = "140824100000"


def _truth(store, code):
    """Status counts and answer findings straight from the household rows."""
    status = Counter()
    paid = handed = illegal = 0
    for v in villages_under(store, code):
        for h in village_households(store, v["code"]):
            status[h["status"]] += 1
            a = h["answers"] or {}
            paid += a.get("paid_cable_subscriber") == "yes"
            handed += a.get("paid_cable_subscriber") == "yes" and a.get("handed_over") == "yes"
            illegal += a.get("illegal_charge") == "yes"
    return status, paid, handed, illegal


@pytest.fixture
def with_follow_up(demo_store):
    """Two work orders (one overdue) and a spot check with recorded outcomes."""
    gap = [g["household_uuid"] for g in gaps.open_gaps(demo_store, TOWN)][:2]
    gaps.create_work_orders(demo_store, gap[:1], operator="中国电信", due_date="2026-01-31",
                            today=dt.date(2026, 1, 1))
    gaps.create_work_orders(demo_store, gap[1:], operator="中国移动", due_date="2027-01-31",
                            today=dt.date(2026, 1, 1))
    check = spotcheck.draw(demo_store, TOWN, count=1, seed=5, user="县融媒体中心")
    items = spotcheck.items(demo_store, check)
    spotcheck.record(demo_store, items[0]["uuid"], "confirmed", on="2026-11-20")
    spotcheck.record(demo_store, items[1]["uuid"], "not_confirmed", on="2026-11-20")
    return demo_store


def _sheet(path, name):
    return list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))


def test_excel_figures_match_the_database(with_follow_up, tmp_path):
    store = with_follow_up
    out = tmp_path / "report.xlsx"
    make_report(store, out, today=TODAY)
    status, paid, handed, illegal = _truth(store, "140824000000")
    overview = {r[0]: r[1] for r in _sheet(out, "总体情况") if r and r[0]}
    assert overview["户数（花名册 + 新发现）"] == sum(status.values()) == 3000
    assert overview["已覆盖"] == status["covered"]
    assert overview["未覆盖"] == status["not_covered"]
    assert overview["有线付费用户"] == paid and overview["其中已移交"] == handed
    assert overview["违规收费发现"] == illegal
    counted = 3000 - status["vacant"] - status["moved"]
    assert overview["覆盖率（已覆盖 ÷ 除空置、迁出外的户数）"] == pytest.approx(
        status["covered"] / counted)
    towns = _sheet(out, "按乡镇")
    tree = queries.area_tree(store)
    assert [r[0] for r in towns[1:-1]] == [t.name for t in tree.children]
    covered_col = towns[0].index("已覆盖")
    for row, node in zip(towns[1:-1], tree.children):
        assert row[1] == node.households and row[covered_col] == node.covered
    assert towns[-1][0] == "合计" and towns[-1][1] == 3000
    villages = _sheet(out, "按村")
    assert len(villages) == 1 + sum(len(t.children) for t in tree.children) + 1
    reasons = dict(_sheet(out, "未覆盖原因")[1:])
    assert sum(reasons.values()) == status["not_covered"]
    assert len(_sheet(out, "违规收费")) == 1 + illegal
    assert len(_sheet(out, "未覆盖户清单")) == 1 + status["not_covered"]
    overdue = _sheet(out, "逾期工单")
    assert len(overdue) == 2 and overdue[1][5] == "中国电信"
    checks = _sheet(out, "抽查")
    assert checks[1][3:6] == (2, 1, 1) and checks[1][6] == 0.5
    wb = openpyxl.load_workbook(out)
    assert wb["按乡镇"]._charts and wb["未覆盖原因"]._charts


def test_pdf_report_shows_the_same_figures(with_follow_up, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", str(with_follow_up.path), "-o", str(out), "--today",
                 "2026-11-25"]) == 0
    text = pdftools.flat(out)
    status, *_ = _truth(with_follow_up, "140824000000")
    for words in ("稷山县“户户通”覆盖情况报表", "各乡镇覆盖率", "未覆盖原因", "按村（社区）",
                  "逾期工单（1张）", "中国电信", "抽查结果", "有线付费用户移交", "违规收费发现"):
        assert words in text
    for town in queries.area_tree(with_follow_up).children:
        assert town.name in text
    assert f"已覆盖{status['covered']}" in text
    fonts = pdftools.fonts(out)
    assert fonts and all(f["emb"] == "yes" for f in fonts)


def test_township_report_is_by_village(demo_store, tmp_path):
    out = tmp_path / "town.xlsx"
    data = make_report(demo_store, out, "140824100", today=TODAY)
    assert data.level == "township" and "按村" in openpyxl.load_workbook(out).sheetnames
    assert [r[0] for r in _sheet(out, "按村")[1:-1]] == [
        v["name"] for v in villages_under(demo_store, TOWN)]
    make_report(demo_store, tmp_path / "town.pdf", "140824100", today=TODAY)
    assert "稷峰镇“户户通”覆盖情况报表" in pdftools.flat(tmp_path / "town.pdf")


@pytest.mark.parametrize("name,code,message", [
    ("r.doc", None, "应以 .pdf 或 .xlsx 结尾"),
    ("no/dir/r.pdf", None, "输出目录不存在"),
    ("r.pdf", "140824100200", "按区县或乡镇生成"),
])
def test_bad_requests_are_named(demo_store, tmp_path, name, code, message):
    with pytest.raises(ReportError, match=message):
        make_report(demo_store, tmp_path / name, code)


def test_cancel_writes_nothing(demo_store, tmp_path):
    out = tmp_path / "r.xlsx"
    with pytest.raises(Cancelled):
        make_report(demo_store, out, progress=lambda d, t: d < 2)
    assert not out.exists() and not list(tmp_path.glob(".r*"))


def _persons_truth(store, code):
    """People on the rosters of the latest visits, by household status (core.roster rule)."""
    from fieldapp.core.roster import persons

    found = Counter()
    for v in villages_under(store, code):
        for h in village_households(store, v["code"]):
            found[h["status"]] += persons(h["answers"])
    return found


def test_people_covered_and_not_covered_come_from_the_member_roster(demo_store, tmp_path):
    from fieldapp.store import visits as V
    from fieldapp.store.reports.reconciliation_counts import reconciliation

    def person_counts(store, village):
        f = reconciliation(store, village, duplicates=False)
        return {village: {"persons_covered": f.persons_covered,
                          "persons_not_covered": f.persons_not_covered}}

    out = tmp_path / "report.xlsx"
    make_report(demo_store, out, today=TODAY)
    truth = _persons_truth(demo_store, "140824000000")
    overview = {r[0]: r[1] for r in _sheet(out, "总体情况") if r and r[0]}
    assert overview["其中已覆盖户人口"] == truth["covered"] > 1000
    assert overview["其中未覆盖户人口"] == truth["not_covered"] > 0
    assert overview["家庭成员登记人数（常住）"] == sum(truth.values())

    # One member of a covered household moves away: one person fewer, in that village too.
    hh = next(h for v in villages_under(demo_store, TOWN)
              for h in village_households(demo_store, v["code"])
              if h["status"] == "covered" and len(h["answers"].get("members", [])) > 1
              and all(m["lives_here"] == "yes" for m in h["answers"]["members"]))
    visit = demo_store.conn.execute(
        "SELECT uuid FROM visits WHERE household_uuid = ? AND state = 'complete'",
        (hh["uuid"],)).fetchone()[0]
    members = [dict(m) for m in hh["answers"]["members"]]
    members[-1]["lives_here"] = "no"
    before = person_counts(demo_store, hh["village_code"])[hh["village_code"]]
    V.save_answers(demo_store, "县融媒体中心", visit, {"members": members})
    after = person_counts(demo_store, hh["village_code"])[hh["village_code"]]
    assert after["persons_covered"] == before["persons_covered"] - 1
    assert after["persons_not_covered"] == before["persons_not_covered"]
