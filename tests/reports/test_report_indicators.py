"""The report shows every indicator the checklist collects (issue 17 item 7): reception-mode mix,
county channel, broadband, emergency-broadcast terminals, satisfaction, illegal-charge amounts per
township, and coverage per operator — the same numbers as the visits, in Excel and PDF."""

import subprocess
import sys
from collections import Counter

import openpyxl
import sheet_pdftools as pdftools
from latest_visits import latest_answers

from fieldapp.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def _truth(path):
    """Counts straight from each live household's latest complete visit."""
    with Store.open(path, readonly=True) as s:
        status = dict(s.conn.execute("SELECT uuid, status FROM households"))
    t: Counter = Counter()
    operators: Counter = Counter()
    for h, a in latest_answers(path).items():
        t["met"] += a.get("visit_result") == "met"
        t[a.get("reception_mode")] += 1
        t["county"] += "county" in str(a.get("channels", "")).split()
        t["broadband"] += a.get("broadband") == "yes"
        t["eb"] += a.get("eb_terminal") == "yes"
        t["eb_ok"] += a.get("eb_terminal") == "yes" and a.get("eb_working") == "yes"
        t[a.get("satisfaction")] += 1
        if a.get("illegal_charge") == "yes":
            t["amount"] += a.get("charge_amount") or 0
        if a.get("reception_mode") not in (None, "none"):
            operators[(a.get("operator"), "n")] += 1
            operators[(a.get("operator"), "covered")] += status[h] == "covered"
    return t, operators


def test_indicators_in_excel_and_pdf(demo_path, tmp_path):
    t, operators = _truth(demo_path)
    out = tmp_path / "report.xlsx"
    r = run("report", demo_path, "-o", out)
    assert r.returncode == 0, r.stderr
    book = openpyxl.load_workbook(out)
    rows = list(book["收视与服务指标"].iter_rows(values_only=True))
    total = dict(zip(rows[0], rows[-1]))
    assert total["乡镇"] == "合计" and t["met"] > 0
    assert (total["见到住户"], total["有线"], total["IPTV"], total["直播卫星"], total["地面数字"],
            total["无接收方式"]) == (t["met"], t["cable"], t["iptv"], t["dbs"], t["dtmb"],
                                t["none"])
    assert (total["收到县台"], total["有宽带"], total["应急广播终端"], total["其中能用"]) == (
        t["county"], t["broadband"], t["eb"], t["eb_ok"])
    assert (total["满意"], total["基本满意"], total["不满意"]) == (
        t["satisfied"], t["basic"], t["unsatisfied"])
    assert total["违规收费额"] == t["amount"] > 0
    assert abs(total["县台收视率"] - t["county"] / t["met"]) < 1e-9
    towns = rows[1:-1]
    assert sum(r[1] for r in towns) == t["met"]
    ops = {r[0]: r[1:3] for r in list(book["运营商"].iter_rows(values_only=True))[1:]}
    assert ops["中国电信"] == (operators[("telecom", "n")], operators[("telecom", "covered")])
    assert ops["广电网络公司"] == (operators[("cable_co", "n")],
                             operators[("cable_co", "covered")])

    pdf = tmp_path / "report.pdf"
    assert run("report", demo_path, "-o", pdf).returncode == 0
    text = pdftools.flat(pdf)
    assert "收视与服务指标" in text and "运营商" in text and "县台收视率" in text
