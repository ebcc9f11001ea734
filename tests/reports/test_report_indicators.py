"""The report shows every indicator the checklist collects (issue 17 item 7): reception-mode mix,
county channel, broadband, emergency-broadcast terminals, satisfaction, illegal charges with
amounts per township and per operator, each township's operator mix, and public places by type —
the same numbers as the visits and the places, in Excel (with charts) and PDF."""

import json
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


OPERATOR_NAMES = {"cable_co": "广电网络公司", "telecom": "中国电信", "unicom": "中国联通",
                  "mobile": "中国移动", "none": "无（卫星/地面）", None: "未填"}


def _per_operator(path):
    """Per operator, over the households met that it serves, straight from the latest visits."""
    with Store.open(path, readonly=True) as s:
        status = dict(s.conn.execute("SELECT uuid, status FROM households"))
        village = dict(s.conn.execute("SELECT uuid, village_code FROM households"))
        towns = dict(s.conn.execute("SELECT code, name FROM areas WHERE level = 'township'"))
    ops: dict[str, Counter] = {}
    mix: Counter = Counter()
    for h, a in latest_answers(path).items():
        if a.get("visit_result") != "met" or a.get("reception_mode") in (None, "", "none"):
            continue
        name = OPERATOR_NAMES[a.get("operator")]
        c = ops.setdefault(name, Counter())
        c["n"] += 1
        c["covered"] += status[h] == "covered"
        c[a["reception_mode"]] += 1
        c["county"] += "county" in str(a.get("channels", "")).split()
        c["broadband"] += a.get("broadband") == "yes"
        c["eb"] += a.get("eb_terminal") == "yes"
        c["eb_ok"] += a.get("eb_terminal") == "yes" and a.get("eb_working") == "yes"
        c[a.get("satisfaction")] += 1
        c["paid"] += a.get("paid_cable_subscriber") == "yes"
        c["handed"] += a.get("paid_cable_subscriber") == "yes" and a.get("handed_over") == "yes"
        if a.get("illegal_charge") == "yes":
            c["charged"] += 1
            c["amount"] += a.get("charge_amount") or 0
        mix[(towns[village[h][:9] + "000"], name)] += 1
    return ops, mix


def _rows(book, name):
    rows = [r for r in book[name].iter_rows(values_only=True)]
    head = [h for h in rows[0] if h is not None]
    return [dict(zip(head, r)) for r in rows[1:] if r[0] is not None]


def test_every_indicator_per_operator_and_places_by_type(demo_path, tmp_path):
    """Per operator the same indicators as per township; each township's operator mix; public
    places by type and per township — in Excel (with charts) and in the PDF."""
    ops, mix = _per_operator(demo_path)
    out = tmp_path / "report.xlsx"
    r = run("report", demo_path, "-o", out)
    assert r.returncode == 0, r.stderr
    book = openpyxl.load_workbook(out)
    got = {row["运营商"]: row for row in _rows(book, "运营商")}
    assert set(got) == set(ops) and len(ops) >= 5
    for name, c in ops.items():
        row = got[name]
        assert (row["有接收方式的户"], row["已覆盖"], row["有线"], row["IPTV"], row["直播卫星"],
                row["地面数字"]) == (c["n"], c["covered"], c["cable"], c["iptv"], c["dbs"],
                                  c["dtmb"]), name
        assert (row["收到县台"], row["有宽带"], row["应急广播终端"], row["其中能用"]) == (
            c["county"], c["broadband"], c["eb"], c["eb_ok"]), name
        assert (row["满意"], row["基本满意"], row["不满意"]) == (
            c["satisfied"], c["basic"], c["unsatisfied"]), name
        assert (row["有线付费用户"], row["已移交"], row["违规收费户"], row["违规收费额"]) == (
            c["paid"], c["handed"], c["charged"], c["amount"]), name
        assert abs(row["覆盖率"] - c["covered"] / c["n"]) < 1e-9
    assert sum(c["charged"] for c in ops.values()) > 0

    towns = _rows(book, "运营商构成")
    for row in towns[:-1]:
        for name in ops:
            assert row[name] == mix[(row["乡镇"], name)], (row["乡镇"], name)
    assert towns[-1]["乡镇"] == "合计" and towns[-1]["合计"] == sum(c["n"] for c in ops.values())
    indicators = _rows(book, "收视与服务指标")
    assert indicators[-1]["违规收费户"] == sum(c["charged"] for c in ops.values())

    with Store.open(demo_path, readonly=True) as s:
        places = Counter(dict(s.conn.execute(
            "SELECT place_type, count(*) FROM public_places WHERE deleted = 0 GROUP BY 1")))
        opened = Counter(dict(s.conn.execute(
            "SELECT place_type, count(*) FROM public_places WHERE deleted = 0"
            " AND state = 'complete'"  # a draft's "opened" is not yet a finding
            " AND json_extract(answers, '$.cable_opened') = 'yes' GROUP BY 1")))
    labels = {"party_gov": "党政机关", "enterprise": "企事业单位", "hotel": "宾馆酒店",
              "hospital": "医院", "school": "学校", "commercial_residential": "商住楼",
              "residential_compound": "住宅小区"}
    by_type = {row["场所类型"]: row for row in _rows(book, "公共场所（按类型）")}
    assert len(places) >= 5
    for kind, n in places.items():
        assert (by_type[labels[kind]]["场所数"], by_type[labels[kind]]["已开通有线"]) == (
            n, opened[kind]), kind
    assert by_type["合计"]["场所数"] == sum(places.values())
    per_town = _rows(book, "公共场所（按乡镇）")
    assert sum(row["合计"] for row in per_town) == sum(places.values())
    # persons (不落一人) per township, adding up to what reconcile says
    towns_cov = _rows(book, "按乡镇")
    rec = json.loads(run("reconcile", demo_path, "--json").stdout)
    assert towns_cov[-1]["乡镇"] == "合计"
    assert (towns_cov[-1]["登记人口"], towns_cov[-1]["覆盖户人口"]) == (
        rec["persons"], rec["persons_covered"])
    assert sum(r["登记人口"] for r in towns_cov[:-1]) == rec["persons"] > 0
    # charts where people would rather look than read
    for sheet in ("收视与服务指标", "运营商", "运营商构成", "公共场所（按类型）"):
        assert book[sheet]._charts, sheet

    pdf = tmp_path / "report.pdf"
    assert run("report", demo_path, "-o", pdf).returncode == 0
    text = pdftools.flat(pdf)
    for title in ("十、运营商", "各运营商服务户的覆盖率", "的运营商构成", "满意度", "县台收视率",
                  "十一、公共场所（按类型）", "各类公共场所数量", "公共场所（按类型）"):
        assert title in text, title
    lines = pdftools.text(pdf).splitlines()
    telecom = next(line.split() for line in lines if line.strip().startswith("中国电信")
                   and len(line.split()) > 15)
    c = ops["中国电信"]
    assert telecom[1:4] == [str(c["n"]), str(c["covered"]), f"{100 * c['covered'] / c['n']:.1f}%"]
