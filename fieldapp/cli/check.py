"""fieldapp check DB [--quick] [--strict] [--json]"""

from __future__ import annotations

from fieldapp.store.check import check_database

from fieldapp.core.messages import ErrorCode

from .common import CliError, StderrProgress, english, print_json, zh_en, plural


class CheckFailed(CliError):
    """Problems were found: the report is on stdout, this one line on stderr."""

    json_error = False  # with --json the report itself is on stdout


# The checks' titles in English (store.check names them in Chinese), by check code.
_TITLES_EN = {
    "integrity": "SQLite integrity", "foreign_keys": "Foreign keys (referenced records exist)",
    "identity": "This computer's identity", "counters": "Change counters",
    "record_versions": "Record versions are in the change log",
    "change_targets": "Change log entries point at existing records",
    "json": "JSON fields", "clock": "Change time stamps (format, not in the future, rising)",
    "attachments": "Attachments (photos, signatures, recordings, videos, files) match their "
                   "checksums",
    "attachment_refs": "Attachments referenced by visits exist",
    "orphan_attachments": "Attachments nothing refers to",
    "status": "Households' status agrees with their visits",
}


def _title(f) -> str:
    return _TITLES_EN.get(f.check, f.title) if english() else f.title


def _problem(f) -> str:
    return f"{f.count} found" if english() else f.message


def _in_english(example) -> str:
    return example if isinstance(example, str) else example.text("en")


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
    report = check_database(args.db, quick=args.quick,
                            progress=StderrProgress(zh_en("检查", "Checking")))
    failed = report.errors + (report.warnings if args.strict else [])
    if args.json:
        print_json(report.as_json())
    else:
        print(zh_en(f"检查 {args.db}（数据库版本 {report.schema_version}）",
                    f"Checking {args.db} (database version {report.schema_version})"))
        for f in report.findings:
            if f.ok:
                mark = zh_en("正常", "ok")
            elif f.severity == "error":
                mark = zh_en("问题", "problem")
            else:
                mark = zh_en("提示", "note")
            line = f"  [{mark}] {_title(f)}"
            if not f.ok:
                line += f"：{_problem(f)}" if not english() else f": {_problem(f)}"
            print(line)
            for example in ([] if f.ok else f.examples):
                print(zh_en(f"         例：{example}", f"         e.g. {_in_english(example)}"))
        if report.cancelled:
            print(zh_en("检查已取消，结果不完整", "Check cancelled; the results are incomplete"))
        elif not failed:
            n = len(report.warnings)
            print(zh_en(f"结论：数据库完好{f'（{n} 条提示）' if n else ''}",
                        "Result: the database is sound" + (f" ({plural(n, 'note')})" if n else "")))
        else:
            print(zh_en(f"结论：发现 {len(failed)} 类问题。请先备份，再按 docs/backup.md 处理",
                        f"Result: {len(failed)} kinds of problem found. Back up first, then "
                        "follow docs/backup.md"))
    if failed or report.cancelled:
        what = zh_en("、", ", ").join(_title(f) for f in failed) or ErrorCode.CLI_CHECK_UNFINISHED
        raise CheckFailed(ErrorCode.CLI_CHECK_FAILED, what=what, where=args.db)
    return 0


def _repair_clock(args) -> int:
    from fieldapp.jobs.policies import backup_before_change
    from fieldapp.store.clock_repair import repair_clock

    from .common import open_store

    with open_store(args.db) as store:
        backup = backup_before_change(args.db, "repair_clock")
        done = repair_clock(store)
    msg = zh_en(f"已修复：{done['changes']} 条变更、{done['records']} 条记录的时间戳"
                f"（修复前的备份：{backup}）",
                f"Repaired the time stamps of {plural(done['changes'], 'change')} "
                f"and {plural(done['records'], 'record')} (backup made before: {backup})")
    if args.json:
        print_json(dict(done, backup=str(backup)))
    else:
        print(msg)
    return 0
