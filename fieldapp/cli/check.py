"""fieldapp check DB [--quick] [--strict] [--json]"""

from __future__ import annotations

from fieldapp.store.check import check_database

from .common import CliError, StderrProgress, print_json


class CheckFailed(CliError):
    """Problems were found: the report is on stdout, this one line on stderr."""


def register(sub) -> None:
    p = sub.add_parser("check", help="检查数据库的完整性与一致性（只读，不做任何修改）")
    p.add_argument("db")
    p.add_argument("--quick", action="store_true",
                   help="SQLite 快速检查（quick_check）代替完整检查，大数据库更快")
    p.add_argument("--strict", action="store_true", help="提示（如未引用的照片）也算问题")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--repair-clock", action="store_true",
                   help="把无效或未来的变更时间戳改为现在的时间（会先自动备份）")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.repair_clock:
        return _repair_clock(args)
    report = check_database(args.db, quick=args.quick, progress=StderrProgress("检查"))
    failed = report.errors + (report.warnings if args.strict else [])
    if args.json:
        print_json(report.as_json())
    else:
        print(f"检查 {args.db}（数据库版本 {report.schema_version}）")
        for f in report.findings:
            mark = "正常" if f.ok else ("问题" if f.severity == "error" else "提示")
            line = f"  [{mark}] {f.title}"
            if not f.ok:
                line += f"：{f.message}"
            print(line)
            for example in ([] if f.ok else f.examples):
                print(f"         例：{example}")
        if report.cancelled:
            print("检查已取消，结果不完整")
        elif not failed:
            extra = f"（{len(report.warnings)} 条提示）" if report.warnings else ""
            print(f"结论：数据库完好{extra}")
        else:
            print(f"结论：发现 {len(failed)} 类问题。请先备份，再按 docs/backup.md 处理")
    if failed or report.cancelled:
        what = "、".join(f.title for f in failed) or "检查未完成"
        raise CheckFailed(f"{args.db}: 发现问题（{what}）")
    return 0


def _repair_clock(args) -> int:
    from fieldapp.jobs.policies import backup_before_change
    from fieldapp.store.clock_repair import repair_clock

    from .common import open_store

    with open_store(args.db) as store:
        backup = backup_before_change(args.db, "repair_clock")
        done = repair_clock(store)
    msg = (f"已修复：{done['changes']} 条变更、{done['records']} 条记录的时间戳"
           f"（修复前的备份：{backup}）")
    if args.json:
        print_json(dict(done, backup=str(backup)))
    else:
        print(msg)
    return 0
