"""fieldapp export households DB [--village CODE] -o FILE.csv|FILE.xlsx
fieldapp export answers DB [--village V | --township T] [--labels] -o FILE.xlsx|FILE.csv"""

from __future__ import annotations

import sys

from fieldapp.tabular.answers_export import export_answers
from fieldapp.tabular.households_export import export_households

from .common import open_store, resolve_area, zh_en, plural


def register(sub) -> None:
    p = sub.add_parser("export", help="导出数据（户清单）")
    what = p.add_subparsers(dest="what", metavar="WHAT")
    h = what.add_parser("households", help="导出户清单（含 household_id，可用于纸质走访录入）")
    h.add_argument("db")
    h.add_argument("--village", help="只导出这个村（或乡镇）的户，区划代码")
    h.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx")
    h.set_defaults(func=run_households)
    a = what.add_parser("answers", help="导出走访原始答案：每次走访一行，每个问题一列（可用 Excel、SPSS、Stata 打开）")
    a.add_argument("db")
    where = a.add_mutually_exclusive_group()
    where.add_argument("--village", help="只导出这个村：区划代码、名称或拼音")
    where.add_argument("--township", help="只导出这个乡镇：区划代码、名称或拼音")
    a.add_argument("--labels", action="store_true", help="列名和选项用中文标签（默认用字段名和选项值）")
    a.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv")
    a.set_defaults(func=run_answers)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_households(args) -> int:
    with open_store(args.db, readonly=True) as store:
        code = resolve_area(store, args.village, ("village", "township"), "--village") \
            if args.village else None
        n = export_households(store, args.output, code)
    print(zh_en(f"已导出 {n} 户到 {args.output}", f"Exported {n} households to {args.output}"),
          file=sys.stderr)
    return 0


def run_answers(args) -> int:
    with open_store(args.db, readonly=True) as store:
        code = None
        if args.village:
            code = resolve_area(store, args.village, ("village",), "--village")
        elif args.township:
            code = resolve_area(store, args.township, ("township",), "--township")
        n, repeats = export_answers(store, args.output, code, labels=args.labels)
    more = "".join(zh_en(f"，{group} {count} 行", f", {group} {count} rows")
                   for group, count in repeats.items())
    print(zh_en(f"已导出 {n} 次走访的答案到 {args.output}{more}",
                f"Exported the answers of {plural(n, 'visit')} to {args.output}{more}"),
          file=sys.stderr)
    return 0
