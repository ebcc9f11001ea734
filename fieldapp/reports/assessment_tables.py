"""The report's seed 2 tables, written the same way to PDF and Excel: the township assessment
(绩效考核: township x indicator, value, target, weight, score, total) and the service network
(service stations, village agency points, public-area emergency-broadcast terminals)."""

from __future__ import annotations

from typing import Any

from fieldapp.core.assessment import MEASURES

from .assessment import AssessmentTable

Table = tuple[list[str], list[list[Any]]]
SCORING_LABELS_ZH = {"ratio": "按完成比例得分", "pass": "达到目标得满分", "at_most": "不超过目标得满分"}


def shown(value: float | None, unit: str) -> str:
    """A value as the report prints it: 76.7%, 1 处, 无数据."""
    if value is None:
        return "无数据"
    return f"{value:g}%" if unit == "%" else f"{value:g} {unit}"


def config(a: AssessmentTable) -> Table:
    """The indicators in force: name, what is measured, target, weight, how it scores."""
    c = a.config
    head = ["考核指标", "计算方法", "目标", "权重", "得分办法"]
    body = [[i.name, MEASURES[i.measure][0],
             ("≤" if i.scoring == "at_most" else "") + shown(i.target, i.unit), f"{i.weight:g}",
             SCORING_LABELS_ZH[i.scoring] + ("；无数据得满分" if i.no_data == "full" else "")]
            for i in c.indicators]
    body.append(["合计", "", "", f"{c.full_marks:g}", f"考核办法版本 {c.version}"])
    return head, body


def detail(a: AssessmentTable) -> Table:
    """One row per township and indicator (numbers, for Excel), then the township's total."""
    head = ["乡镇", "考核指标", "单位", "实际值", "目标", "权重", "得分", "乡镇总分", "排名"]
    body: list[list[Any]] = []
    for t in _ranked(a):
        for i, v, s in zip(a.config.indicators, t.values, t.scores):
            body.append([t.name, i.name, i.unit, "无数据" if v is None else v, i.target,
                         i.weight, s, None, None])
        body.append([t.name, "合计", "分", None, None, a.config.full_marks, t.total, t.total,
                     t.rank])
    return head, body


def summary(a: AssessmentTable) -> Table:
    """One row per township: each indicator as value and score, the total and the rank."""
    head = ["乡镇", *(i.name for i in a.config.indicators), "总分", "排名"]
    body = [[t.name, *(f"{shown(v, i.unit)}｜{s:g}" for i, v, s in
                       zip(a.config.indicators, t.values, t.scores)),
             f"{t.total:g}", t.rank] for t in _ranked(a)]
    return head, body


def _ranked(a: AssessmentTable):
    return sorted(a.townships, key=lambda t: (t.rank, t.code))


def network(rows: list[tuple[str, dict[str, int]]]) -> Table:
    """Per township: service stations, villages with an agency point, terminals and working."""
    head = ["乡镇", "服务站（处）", "村（社区）数", "有代办点的村", "应急广播终端", "其中正常",
            "其中故障或未核查"]
    body = [[name, c["stations"], c["villages"], c["villages_with_agency"], c["terminals"],
             c["terminals_working"], c["terminals"] - c["terminals_working"]]
            for name, c in rows]
    if body:
        body.append(["合计", *(sum(r[k] for r in body) for k in range(1, len(head)))])
    return head, body
