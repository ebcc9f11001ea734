"""fieldapp rollup init|push|report — city and province roll-up on PostgreSQL/PostGIS.

The server address comes from --to/--from, FIELDAPP_ROLLUP_URL, or libpq's PG* variables, and is
never printed."""

from __future__ import annotations

import sys

from fieldapp.core.errors import BadValue
from fieldapp.core.messages import ErrorCode

from .common import code_arg, open_store, print_json, zh_en, plural


def register(sub) -> None:
    p = sub.add_parser("rollup", help="市、省汇总：把县级数据库上报到 PostgreSQL/PostGIS，出跨县报表")
    rs = p.add_subparsers(dest="rollup_command", metavar="ACTION", required=True)

    i = rs.add_parser("init", help="在汇总数据库上建立或升级表结构（需要 PostGIS）")
    i.add_argument("--to", metavar="URL", help="postgresql://…（默认取 FIELDAPP_ROLLUP_URL 或 PG* 环境变量）")
    i.set_defaults(func=run_init)

    u = rs.add_parser("push", help="把县级数据库的现状上报（只传上次以来的变化，可重复运行）")
    u.add_argument("db")
    u.add_argument("--to", metavar="URL", help="postgresql://…（默认取 FIELDAPP_ROLLUP_URL 或 PG* 环境变量）")
    u.add_argument("--replace", action="store_true",
                   help="本库取代了以前上报同一区县的数据库时使用")
    u.add_argument("--batch", type=int, default=20_000, help="每批记录数（默认 20000）")
    u.add_argument("--json", action="store_true", help="输出上报结果（JSON）")
    u.set_defaults(func=run_push)

    r = rs.add_parser("report", help="跨县覆盖情况报表（在汇总数据库上用 SQL 计算）")
    r.add_argument("--from", dest="source", metavar="URL",
                   help="postgresql://…（默认取 FIELDAPP_ROLLUP_URL 或 PG* 环境变量）")
    area = r.add_mutually_exclusive_group()
    area.add_argument("--city", metavar="CODE", help="地级市代码（4 位或 12 位）")
    area.add_argument("--province", metavar="CODE", help="省代码（2 位或 12 位）")
    r.add_argument("-o", "--output", metavar="FILE", required=True, help="输出文件：.pdf 或 .xlsx")
    r.add_argument("--json", action="store_true", help="输出报表的总体数字（JSON）")
    r.set_defaults(func=run_report)


def _connect(url: str | None):
    from fieldapp.rollup.connection import connect

    return connect(url)


def run_init(args) -> int:
    from fieldapp.rollup.connection import describe, resolve_url
    from fieldapp.rollup.schema import init

    with _connect(args.to) as conn:
        before, after = init(conn)
    where = describe(resolve_url(args.to))
    if before == after:
        print(zh_en(f"汇总数据库 {where.zh} 的结构已是最新（版本 {after}）",
                    f"The roll-up database {where.en} is up to date (version {after})"),
              file=sys.stderr)
    else:
        print(zh_en(f"汇总数据库 {where.zh} 的结构：版本 {before} → {after}",
                    f"The roll-up database {where.en}: version {before} -> {after}"),
              file=sys.stderr)
    return 0


def run_push(args) -> int:
    from fieldapp.rollup.push import push

    if args.batch < 100:
        raise BadValue(ErrorCode.ROLLUP_BATCH)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print("\r" + zh_en("上报中", "Pushing") + f" {done}/{total}", end="", file=sys.stderr,
                  flush=True)

    with open_store(args.db, readonly=True) as store, _connect(args.to) as conn:
        result = push(store, conn, batch=args.batch, progress=progress, replace=args.replace)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    else:
        ins, upd = sum(result.inserted.values()), sum(result.updated.values())
        print(zh_en(f"已上报 {result.county_name}（{result.county_code}）：新增 {ins} 条，"
                    f"更新 {upd} 条，状态变化 {result.statuses} 户",
                    f"Pushed {result.county_name} ({result.county_code}): {ins} new, {upd} "
                    f"updated, {plural(result.statuses, 'household')} changed status"),
              file=sys.stderr)
    return 0


def _area(args) -> str | None:
    raw = args.city or args.province
    if not raw:
        return None
    digits = raw.strip()
    width = 4 if args.city else 2
    if digits.isdigit() and len(digits) == width:
        digits = digits + "0" * (12 - width)
    code = code_arg(digits)
    if code[width:] != "0" * (12 - width):
        raise BadValue(ErrorCode.ROLLUP_NOT_CITY if args.city else ErrorCode.ROLLUP_NOT_PROVINCE,
                       value=raw)
    return code


def run_report(args) -> int:
    from fieldapp.rollup.report import make_rollup_report

    code = _area(args)
    with _connect(args.source) as conn:
        data = make_rollup_report(conn, args.output, code)
    t = data.total
    rate = "—" if t.rate is None else f"{100 * t.rate:.1f}%"
    if args.json:
        from fieldapp.reports.report_tables import overview

        print_json({"path": args.output, "code": data.code, "name": data.name,
                    "counties": len(data.units), "overview": dict(overview(data))})
    else:
        print(zh_en(f"已生成 {args.output}: {data.name} {len(data.units)} 个区县 {t.households} 户，"
                    f"已覆盖 {t.covered}，覆盖率 {rate}",
                    f"Made {args.output}: {data.name} {len(data.units)} counties {t.households} "
                    f"households, {t.covered} covered, coverage {rate}"), file=sys.stderr)
    return 0
