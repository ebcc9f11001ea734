"""Reconciliation and gap follow-up on the command line:

  fieldapp reconcile DB [--area CODE] [--target DATE] [--json]
  fieldapp gaps DB [--township CODE] -o FILE.xlsx [--json]
  fieldapp workorders DB create|list|done|cancel|verify ...
"""

from __future__ import annotations

import datetime as dt
import sys

from fieldapp.core.reconcile import (
    GAP_LIST_LABELS_ZH,
    WORK_ORDER_KIND_LABELS_ZH,
    WORK_ORDER_KINDS,
    WORK_ORDER_STATES,
)
from fieldapp.core.short_id import short_id
from fieldapp.core.status import REASON_LABELS_ZH
from fieldapp.store.households import gaps
from fieldapp.store.reports.reconciliation_counts import reconciliation, revisits, schedule
from fieldapp.store.facilities import service_gaps
from fieldapp.tabular.gaps_export import SERVICE_GAP_LABELS_ZH, export_gaps, read_done_dates

from .common import CliError, english, open_store, print_json, resolve_area, zh_en, plural
from fieldapp.core.messages import ErrorCode
from .labels import (
    GAP_LIST_LABELS_EN,
    REASON_LABELS_EN,
    SERVICE_GAP_LABELS_EN,
    WORK_ORDER_KIND_LABELS_EN,
    label,
)


def register(sub) -> None:
    r = sub.add_parser("reconcile", help="对账：花名册户数、走访、覆盖、未覆盖原因、疑似重复、进度")
    r.add_argument("db")
    r.add_argument("--area", help="村、乡镇或县的区划代码（默认全县）")
    r.add_argument("--target", help="目标日期 YYYY-MM-DD（默认项目年度 12 月 31 日）")
    r.add_argument("--revisit-after", type=int, default=2, metavar="N",
                   help="列出家中无人已达 N 次、需换时间补访的户（默认 2）")
    r.add_argument("--json", action="store_true", help="输出 JSON")
    r.set_defaults(func=run_reconcile)

    g = sub.add_parser("gaps", help="查缺补漏清单：未覆盖/未达标准户和工单、未走访、家中无人、"
                                    "多次无人待回访、付费用户未移交、违规收费、抽查不符；"
                                    "没有服务站的乡镇、没有代办点的村")
    g.add_argument("db")
    g.add_argument("--township", help="只导出这个乡镇（或村）")
    g.add_argument("-o", "--output", metavar="FILE.xlsx", help="输出表格（.xlsx 或 .csv）")
    g.add_argument("--json", action="store_true", help="输出 JSON")
    g.add_argument("--revisit-after", type=int, default=2, metavar="N",
                   help="家中无人已达 N 次的户列入“多次无人待回访”（默认 2）")
    g.set_defaults(func=run_gaps)

    w = sub.add_parser("workorders", help="运营商工单：派单、查看、完成、回访确认")
    w.add_argument("db")
    act = w.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = act.add_parser("create", help="给未覆盖且没有工单的户派单")
    c.add_argument("--area", help="村或乡镇区划代码（默认全县）")
    c.add_argument("--household", action="append", default=[], metavar="UUID",
                   help="只给这些户派单（可重复）")
    c.add_argument("--operator", required=True, help="负责的运营商，如 电信、联通、移动、广电网络")
    c.add_argument("--due", help="截止日期 YYYY-MM-DD")
    c.add_argument("--kind", choices=WORK_ORDER_KINDS,
                   help="install 安装 / repair 维修 / handover 付费用户移交（默认按未覆盖原因）")
    c.add_argument("--note", default="")
    c.add_argument("--json", action="store_true", help="输出 JSON（新派的工单）")
    ls = act.add_parser("list", help="列出工单")
    ls.add_argument("--area")
    ls.add_argument("--state", action="append", choices=WORK_ORDER_STATES)
    ls.add_argument("--overdue", action="store_true", help="只列逾期的")
    ls.add_argument("--json", action="store_true")
    d = act.add_parser("done", help="运营商已完成：按工单号，或读回填好“完成日期”的清单")
    d.add_argument("order", nargs="?", help="工单号（list 列出的短号或完整编号）")
    d.add_argument("--on", help="完成日期（默认今天）")
    d.add_argument("--from", dest="from_file", metavar="FILE.xlsx")
    x = act.add_parser("cancel", help="取消工单")
    x.add_argument("order", help="工单号（list 列出的短号或完整编号）")
    act.add_parser("verify", help="运营商完成后回访已覆盖的户：工单记为已确认")
    w.set_defaults(func=run_workorders)


def _area(store, value: str | None) -> str | None:
    if not value:
        return None
    return resolve_area(store, value, ("township", "village"), "--township")


def _date(value: str | None, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(ErrorCode.CLI_DATE, option=what, value=value) from None


def _print_revisits(revisit: list[dict], times: int, limit: int = 50) -> None:
    if not revisit:
        return
    print(zh_en(f"需补访（家中无人已达 {times} 次，请换时间再去）：{len(revisit)} 户",
                f"To visit again (nobody home {times} times or more: go at another time): "
                f"{plural(len(revisit), 'household')}"))
    for h in revisit[:limit]:
        print(f"  {h['village_code']} {h['group_no'] or ''} {h['head_name']}"
              + zh_en(f"（{h['nobody_home_visits']} 次）", f" ({h['nobody_home_visits']} times)"))
    if len(revisit) > limit:
        print(zh_en(f"  …… 另有 {len(revisit) - limit} 户，用 --json 查看全部",
                    f"  ... {len(revisit) - limit} more, --json lists them all"))


def run_reconcile(args) -> int:
    if args.revisit_after < 1:
        raise CliError(ErrorCode.CLI_POSITIVE_INTEGER, option="--revisit-after",
                       value=args.revisit_after)
    target = _date(args.target, "--target")
    with open_store(args.db, readonly=True) as store:
        code = _area(store, args.area)
        figures = reconciliation(store, code)
        sched = schedule(store, target=target)
        revisit = revisits(store, code, args.revisit_after)
    if args.json:
        print_json({**figures.to_json(sched), "revisit_after": args.revisit_after,
                    "revisit": revisit})
        return 0
    rows = [figures] + figures.children
    if english():
        print(f"{'Area':<12}{'Homes':>8}{'Register':>9}{'Found':>7}{'Visited':>8}{'Not vis.':>9}"
              f"{'Covered':>8}{'Not cov.':>9}{'Dupl.':>7}{'Rate':>8}")
    else:
        print(f"{'地区':<12}{'户数':>8}{'花名册':>8}{'新发现':>7}{'已走访':>8}{'未走访':>8}"
              f"{'已覆盖':>8}{'未覆盖':>8}{'疑似重复':>8}{'覆盖率':>8}")
    for f in rows:
        rate = "-" if f.coverage_rate is None else f"{f.coverage_rate:.1%}"
        print(f"{f.name[:10]:<12}{f.households:>8}{f.register:>8}{f.field_found:>7}{f.visited:>8}"
              f"{f.never_visited:>8}{f.covered:>8}{f.not_covered:>8}{f.duplicates:>8}{rate:>8}")
    reasons = zh_en("，", ", ").join(f"{label(k, REASON_LABELS_ZH, REASON_LABELS_EN)} {v}"
                                    for k, v in sorted(figures.not_covered_by_reason.items()))
    if reasons:
        print(zh_en(f"未覆盖原因：{reasons}", f"Not covered because: {reasons}"))
    print(zh_en(f"登记人口 {figures.persons}，其中已覆盖户人口 {figures.persons_covered}，"
                f"未覆盖户人口 {figures.persons_not_covered}",
                f"Persons recorded {figures.persons}: {figures.persons_covered} in covered "
                f"households, {figures.persons_not_covered} in households not covered"))
    _print_revisits(revisit, args.revisit_after)
    p = figures.progress(sched)
    share = p["visited_share"]
    visited = 0 if share is None else share
    need = p["visits_per_day_needed"]
    print(zh_en(f"进度：目标日期 {p['target_date']}，时间已过 {p['elapsed']:.0%}，"
                f"已走访 {visited:.0%}，{'按计划' if p['on_track'] else '落后于计划'}，"
                f"剩余 {p['days_left']} 天" + (f"，每天需走访 {need} 户" if need else ""),
                f"Progress: target date {p['target_date']}, {p['elapsed']:.0%} of the time "
                f"gone, {visited:.0%} visited, {'on track' if p['on_track'] else 'behind plan'}, "
                f"{p['days_left']} days left" + (f", {plural(need, 'visit')} "
                f"a day needed" if need else "")))
    return 0


def run_gaps(args) -> int:
    if not args.output and not args.json:
        raise CliError(ErrorCode.CLI_GAPS_OUTPUT)
    if args.revisit_after < 1:
        raise CliError(ErrorCode.CLI_REVISIT_AFTER, value=args.revisit_after)
    with open_store(args.db, readonly=True) as store:
        code = _area(store, args.township)
        lists = gaps.gap_lists(store, code, revisit_after=args.revisit_after)
        points = service_gaps(store, code)
        if args.output:
            export_gaps(store, args.output, code, lists=lists)
            shown = zh_en("，", ", ").join(
                f"{label(k, GAP_LIST_LABELS_ZH, GAP_LIST_LABELS_EN)} {len(v)}"
                + zh_en(" 户", "") for k, v in lists.items())
            shown += "".join(zh_en("，", ", ") + label(k, SERVICE_GAP_LABELS_ZH, SERVICE_GAP_LABELS_EN)
                             + f" {len(v)}" + zh_en(" 个", "") for k, v in points.items())
            print(zh_en(f"已导出到 {args.output}：{shown}", f"Exported to {args.output}: {shown}"),
                  file=sys.stderr)
        if args.json:
            # one flat list as before (not-covered rows first), each row saying its list; then
            # the townships without a service station and villages without an agency point
            print_json([{"gap": kind, **row} for kind, rows in lists.items() for row in rows]
                       + [{"gap": kind, **row} for kind, rows in points.items() for row in rows])
    return 0


def _create_orders(store, args) -> None:
    due = _date(args.due, "--due")
    households = args.household or [
        g["household_uuid"] for g in gaps.open_gaps(store, _area(store, args.area))
        if not g["order_uuid"]]
    made = gaps.create_work_orders(store, households, operator=args.operator,
                                   due_date=due.isoformat() if due else None,
                                   kind=args.kind, notes=args.note)
    if args.json:
        new = set(made)
        orders = [{**o, "short_id": short_id(o["uuid"])}
                  for o in gaps.work_orders(store, states=("open",)) if o["uuid"] in new]
        print_json({"created": len(made), "skipped": len(set(households)) - len(made),
                    "work_orders": orders})
        return
    print(zh_en(f"已派单 {len(made)} 张（已有工单的户不重复派单）",
                f"{len(made)} work orders opened (households with one already get no other)"))


def run_workorders(args) -> int:
    readonly = args.action == "list"
    with open_store(args.db, readonly=readonly) as store:
        if args.action == "create":
            _create_orders(store, args)
        elif args.action == "list":
            today = dt.date.today()
            rows = gaps.work_orders(store, _area(store, args.area), states=args.state,
                                    overdue_on=today if args.overdue else None)
            if args.json:
                print_json([{**o, "short_id": short_id(o["uuid"])} for o in rows])
                return 0
            for o in rows:
                flag = zh_en(" 逾期", " overdue") if o["overdue"] else ""
                kind = label(o["kind"], WORK_ORDER_KIND_LABELS_ZH, WORK_ORDER_KIND_LABELS_EN)
                print(f"{short_id(o['uuid'])}  {o['village_name']} {o['head_name']}  "
                      f"{kind}  {o['operator']}  "
                      + zh_en("截止", "due") + f" {o['due_date'] or '-'}  {o['state']}{flag}")
            print(zh_en(f"共 {len(rows)} 张", f"{len(rows)} work orders"), file=sys.stderr)
        elif args.action == "done":
            if args.from_file:
                n, problems = gaps.mark_done_from_rows(store, read_done_dates(args.from_file))
                print(zh_en(f"已记为完成 {n} 张", f"{n} work orders marked done"))
                for row, reason in problems:
                    print(zh_en(f"  第 {row} 行: {reason}", f"  row {row}: {reason.text('en')}"))
            elif args.order:
                on = _date(args.on, "--on")
                gaps.set_state(store, args.order, "done", on=on.isoformat() if on else None)
                print(zh_en("已记为完成", "Marked done"))
            else:
                raise CliError(ErrorCode.CLI_WORK_ORDER_WHICH)
        elif args.action == "cancel":
            gaps.set_state(store, args.order, "cancelled")
            print(zh_en("已取消", "Cancelled"))
        elif args.action == "verify":
            print(zh_en("回访确认 {} 张工单", "{} work orders confirmed by revisits").format(
                gaps.verify_by_revisits(store)))
    return 0
