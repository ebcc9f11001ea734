"""The township assessment on the demo county: `fieldapp assessment --json` (subprocess), a changed
configuration changes the scores, and the PDF and Excel reports print the table."""

from __future__ import annotations

import json
import subprocess
import sys

from openpyxl import load_workbook

from fieldapp.core.assessment import Assessment, Indicator
from fieldapp.jobs.coverage_report import make_report
from fieldapp.reports.assessment import assessment_table
from fieldapp.store.assessment import assessment_of, set_assessment
from fieldapp.store.facilities import township_counts


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], capture_output=True,
                          text=True, timeout=300)


def test_assessment_by_command_scores_every_township(demo_path):
    run = _run("assessment", str(demo_path), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["version"] == "140824-2026.1" and data["full_marks"] == 100
    towns = data["townships"]
    assert len(towns) >= 8
    for t in towns:
        assert t["total"] == round(sum(i["score"] for i in t["indicators"]), 1)
        assert all(0 <= i["score"] <= i["weight"] for i in t["indicators"])
    # the demo leaves its last township without a service station: no points for it
    station = [next(i for i in t["indicators"] if i["measure"] == "service_station")
               for t in towns]
    assert {i["value"] for i in station} == {0.0, 1.0}
    assert all(i["score"] == (i["weight"] if i["value"] >= 1 else 0) for i in station)
    assert sorted(t["rank"] for t in towns)[0] == 1


def test_values_follow_the_registers_and_a_new_configuration_is_used(demo_store):
    county = demo_store.setting("county_code")
    counts = township_counts(demo_store, county)
    mine = Assessment("140824-test", "140824", (
        Indicator("终端完好率", "terminals_working_rate", 100, 60),
        Indicator("服务站", "service_station", 1, 40, "pass"),
    ))
    set_assessment(demo_store, mine)
    assert assessment_of(demo_store) == mine
    table = assessment_table(demo_store)
    for t in table.townships:
        c = counts[t.code]
        share = round(100 * c["terminals_working"] / c["terminals"], 1)
        assert t.values == [share, float(c["stations"])]
        expected = round(60 * min(share / 100, 1), 1) + (40 if c["stations"] else 0)
        assert abs(t.total - expected) < 0.11
    set_assessment(demo_store, None)
    assert assessment_of(demo_store).version == "140824-2026.1"


def test_reports_print_the_assessment_table(demo_store, tmp_path):
    table = assessment_table(demo_store)
    make_report(demo_store, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert {"乡镇考核", "考核汇总", "考核办法", "服务网点与终端"} <= set(wb.sheetnames)
    rows = list(wb["乡镇考核"].iter_rows(values_only=True))
    assert rows[0][:7] == ("乡镇", "考核指标", "单位", "实际值", "目标", "权重", "得分")
    first = min(table.townships, key=lambda t: (t.rank, t.code))
    total_row = next(r for r in rows if r[0] == first.name and r[1] == "合计")
    assert total_row[6] == first.total and total_row[8] == 1
    per_town = len(table.config.indicators) + 1
    assert len(rows) - 1 == per_town * len(table.townships)
    make_report(demo_store, tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "乡镇绩效考核" in text and "140824-2026.1" in text
    assert "服务网点与公共区域应急广播终端" in text
    flat = "".join(text.split())
    assert f"{first.name}" in flat and f"{first.total:g}" in flat


def test_a_xiuzhou_database_uses_the_seed_2_default(tmp_path):
    from fieldapp.store.setup import new_county_database

    with new_county_database(tmp_path / "xz.sqlite", "330411") as s:
        table = assessment_table(s)
        assert table.config.version == "330411-2026.1"
        assert len(table.townships) > 5
        station = [i.measure for i in table.config.indicators].index("service_station")
        assert all(t.values[station] == 0 and t.scores[station] == 0 for t in table.townships)
