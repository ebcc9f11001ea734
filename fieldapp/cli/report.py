"""fieldapp report DB -o FILE.pdf|FILE.xlsx [--township CODE]"""

from __future__ import annotations

import sys

from .common import CliError, open_store, print_json, resolve_area_in, zh_en, plural
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("report", help="覆盖情况报表（PDF 或 Excel）：按乡镇、按村、图表、工单、抽查等")
    p.add_argument("db")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="输出文件：.pdf 或 .xlsx")
    p.add_argument("--township", metavar="CODE", help="只报一个乡镇（默认：全县）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="按这一天计算进度和逾期（默认今天）")
    p.add_argument("--json", action="store_true", help="输出报表的总体数字（JSON）")
    p.set_defaults(func=run)


def run(args) -> int:
    import datetime as dt

    from fieldapp.jobs.coverage_report import make_report
    from fieldapp.reports.report_tables import overview

    code = resolve_area_in(args.db, args.township, ("township",), "--township")
    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise CliError(ErrorCode.CLI_DATE, option="--today", value=args.today) from None
    with open_store(args.db, readonly=True) as store:
        data = make_report(store, args.output, code, today=today)
    if args.json:
        print_json({"path": args.output, "code": data.code, "name": data.name,
                    "overview": dict(overview(data))})
    else:
        t = data.total
        rate = "—" if t.rate is None else f"{100 * t.rate:.1f}%"
        print(zh_en(f"已生成 {args.output}: {data.name} {t.households} 户，已覆盖 {t.covered}，"
                    f"覆盖率 {rate}",
                    f"Made {args.output}: {data.name} {plural(t.households, 'household')}, "
                    f"{t.covered} "
                    f"covered, coverage {rate}"), file=sys.stderr)
    return 0
