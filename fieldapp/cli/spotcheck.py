"""fieldapp spotcheck DB draw|list|show|record ... — reproducible random re-verification of
covered households (常态化监管)."""

from __future__ import annotations

import sys

from fieldapp.core.reconcile import SPOT_OUTCOME_LABELS_ZH, SPOT_OUTCOMES
from fieldapp.core.short_id import short_id
from fieldapp.store import spotcheck
from fieldapp.tabular.write import write_table

from .common import CliError, code_arg, open_store, print_json, zh_en
from fieldapp.core.messages import ErrorCode
from .labels import SPOT_OUTCOME_LABELS_EN, label


def register(sub) -> None:
    p = sub.add_parser("spotcheck", help="抽查：按村随机抽取已覆盖的户复核（记录随机种子，可复现）")
    p.add_argument("db")
    act = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    d = act.add_parser("draw", help="抽取样本")
    d.add_argument("--area", required=True, help="县、乡镇或村的区划代码")
    how = d.add_mutually_exclusive_group(required=True)
    how.add_argument("--percent", type=float, help="每村抽取已覆盖户的百分比")
    how.add_argument("--count", type=int, help="每村抽取的户数")
    d.add_argument("--seed", type=int, help="随机种子（默认随机生成并记录）")
    d.add_argument("-o", "--output", metavar="FILE.xlsx", help="把抽查名单存成表格")
    d.add_argument("--json", action="store_true")
    ls = act.add_parser("list", help="列出历次抽查")
    ls.add_argument("--json", action="store_true")
    s = act.add_parser("show", help="一次抽查的名单和各村结果")
    s.add_argument("check", help="抽查编号（draw/list 打印的短号或完整编号）")
    s.add_argument("-o", "--output", metavar="FILE.xlsx")
    s.add_argument("--json", action="store_true")
    r = act.add_parser("record", help="记录一户的核查结果")
    r.add_argument("item", help="抽查记录编号（show 列出的第一列短号，或完整编号）")
    r.add_argument("outcome", choices=SPOT_OUTCOMES)
    r.add_argument("--checker", default="")
    r.add_argument("--note", default="")
    r.add_argument("--on", help="核查日期 YYYY-MM-DD（默认今天）")
    p.set_defaults(func=run)


def _write_items(path: str, rows: list[dict]) -> None:
    write_table(path, ("抽查记录编号", "村", "村民小组", "户主姓名", "联系电话", "住址", "核查结果",
                       "核查日期", "核查人", "说明", "household_id"),
                ([i["uuid"], i["village_name"], i["group_no"] or "", i["head_name"],
                  i["phone"] or "", i["address"] or "", SPOT_OUTCOME_LABELS_ZH[i["outcome"]],
                  i["checked_at"] or "", i["checker"] or "", i["note"] or "", i["household_uuid"]]
                 for i in rows), sheet="抽查名单",
                widths=(38, 14, 8, 10, 13, 22, 12, 11, 8, 16, 38))


def _print_items(rows: list[dict]) -> None:
    """One line per sampled household, led by the short id `spotcheck record` takes."""
    for i in rows:
        print(f"{short_id(i['uuid'])}  {i['village_name']} {i['group_no'] or ''} {i['head_name']}"
              f"  {label(i['outcome'], SPOT_OUTCOME_LABELS_ZH, SPOT_OUTCOME_LABELS_EN)}")


def run(args) -> int:
    with open_store(args.db, readonly=args.action in ("list", "show")) as store:
        if args.action == "draw":
            check = spotcheck.draw(store, code_arg(args.area), percent=args.percent,
                                   count=args.count, seed=args.seed)
            info = next(c for c in spotcheck.checks(store) if c["uuid"] == check)
            if args.output:
                _write_items(args.output, spotcheck.items(store, check))
            if args.json:
                print_json(info)
            else:
                print(zh_en(f"抽查 {short_id(check)}: {info['area_name']}，已覆盖 "
                            f"{info['population']} 户中抽取 {info['sampled']} 户，随机种子 "
                            f"{info['seed']}",
                            f"Spot check {short_id(check)}: {info['area_name']}, {info['sampled']} "
                            f"drawn of {info['population']} covered households, seed "
                            f"{info['seed']}"))
                _print_items(spotcheck.items(store, check))
        elif args.action == "list":
            rows = spotcheck.checks(store)
            if args.json:
                print_json(rows)
            for c in [] if args.json else rows:
                print(f"{short_id(c['uuid'])}  {c['drawn_at']}  {c['area_name']}  " + zh_en(
                    f"抽 {c['sampled']} 户，已核 {c['checked'] or 0}，不符 {c['not_confirmed'] or 0}，"
                    f"种子 {c['seed']}",
                    f"{c['sampled']} drawn, {c['checked'] or 0} checked, "
                    f"{c['not_confirmed'] or 0} disagree, seed {c['seed']}"))
        elif args.action == "show":
            rows = spotcheck.items(store, args.check)
            if not rows:
                raise CliError(ErrorCode.SPOT_CHECK_NOT_FOUND, check=args.check)
            summary = spotcheck.results(store, args.check)
            if args.output:
                _write_items(args.output, rows)
            if args.json:
                print_json({"items": [{**i, "short_id": short_id(i["uuid"])} for i in rows],
                            "villages": summary})
                return 0
            _print_items(rows)
            for v in summary:
                rate = "-" if v["confirmed_rate"] is None else f"{v['confirmed_rate']:.0%}"
                print(f"{v['village_name']}: " + zh_en(
                    f"抽 {v['sampled']}，核实 {v['confirmed']}，不符 {v['not_confirmed']}，"
                    f"未能核查 {v['unreachable']}，待核 {v['pending']}，核实率 {rate}",
                    f"{v['sampled']} drawn, {v['confirmed']} confirmed, {v['not_confirmed']} "
                    f"disagree, {v['unreachable']} not reached, {v['pending']} pending, "
                    f"confirmed {rate}"))
        elif args.action == "record":
            done = spotcheck.record(store, args.item, args.outcome, checker=args.checker,
                                    note=args.note, on=args.on)
            print(zh_en("已记录", "Recorded"), file=sys.stderr)
            if done["work_order"]:
                order = short_id(done["work_order"])
                print(zh_en(f"该户改为未覆盖（抽查与登记不符），已派维修工单 {order}",
                            f"The household is now not covered (the check disagrees with the "
                            f"record); repair work order {order} opened"))
    return 0
