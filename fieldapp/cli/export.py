"""fieldapp export households DB [--village CODE] -o FILE.csv|FILE.xlsx"""

from __future__ import annotations

import sys

from fieldapp.tabular.households_export import export_households

from .common import open_store, resolve_area


def register(sub) -> None:
    p = sub.add_parser("export", help="导出数据（户清单）")
    what = p.add_subparsers(dest="what", metavar="WHAT")
    h = what.add_parser("households", help="导出户清单（含 household_id，可用于纸质走访录入）")
    h.add_argument("db")
    h.add_argument("--village", help="只导出这个村（或乡镇）的户，区划代码")
    h.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx")
    h.set_defaults(func=run_households)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_households(args) -> int:
    with open_store(args.db, readonly=True) as store:
        code = resolve_area(store, args.village, ("village", "township"), "--village") \
            if args.village else None
        n = export_households(store, args.output, code)
    print(f"已导出 {n} 户到 {args.output}", file=sys.stderr)
    return 0
