"""fieldapp assessment DB [--township T] [--json] [--config] [--set FILE.json | --reset]

The township assessment (乡镇绩效考核): every township's indicators, value, target, weight,
score and total under the county's configuration (docs/user-guide-zh.md)."""

from __future__ import annotations

from pathlib import Path

from fieldapp.core.assessment import Assessment, AssessmentError
from fieldapp.core.messages import ErrorCode
from fieldapp.reports.assessment import assessment_table
from fieldapp.store.assessment import assessment_of, set_assessment

from .common import open_store, print_json, resolve_area, zh_en


def register(sub) -> None:
    p = sub.add_parser("assessment", help="乡镇绩效考核：各乡镇每项指标的实际值、目标、权重、得分和总分")
    p.add_argument("db")
    p.add_argument("--township", help="只看这个乡镇")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--config", action="store_true",
                     help="打印当前考核办法（JSON，可另存为文件修改后用 --set 换上）")
    how.add_argument("--set", metavar="FILE.json", help="换成这个考核办法文件")
    how.add_argument("--reset", action="store_true", help="恢复本县的默认考核办法")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_store(args.db, readonly=not (args.set or args.reset)) as store:
        if args.set:
            try:
                text = Path(args.set).read_bytes()
            except OSError as exc:
                raise AssessmentError(ErrorCode.ASSESSMENT_INVALID, where=args.set,
                                      detail=exc.strerror) from None
            set_assessment(store, Assessment.from_json(text, where=args.set))
        elif args.reset:
            set_assessment(store, None)
        if args.config:
            print(assessment_of(store).to_json())
            return 0
        code = resolve_area(store, args.township, ("township",), "--township") \
            if args.township else None
        table = assessment_table(store, code)
    if args.json:
        print_json(table.as_json())
        return 0
    a = table.config
    print(zh_en(f"乡镇绩效考核（考核办法 {a.version}，满分 {a.full_marks:g}）",
                f"Township assessment (rules {a.version}, full marks {a.full_marks:g})"))
    for t in sorted(table.townships, key=lambda t: (t.rank, t.code)):
        print(f"{t.rank:>2}. {t.name}  " + zh_en("总分", "total") + f" {t.total:g}")
        for i, v, s in zip(a.indicators, t.values, t.scores):
            shown = zh_en("无数据", "no data") if v is None \
                else f"{v:g}{'%' if i.unit == '%' else ' ' + i.unit}"
            target = f"{'≤' if i.scoring == 'at_most' else ''}{i.target:g}"
            print(zh_en(f"      {i.name}：{shown}（目标 {target}，权重 {i.weight:g}）得分 {s:g}",
                        f"      {i.name}: {shown} (target {target}, weight {i.weight:g}) score "
                        f"{s:g}"))
    return 0
