"""fieldapp import-visits DB FILE [--json]"""

from __future__ import annotations

import sys

from fieldapp.jobs.visits_import import import_visits

from .common import StderrProgress, open_store, print_json, warn_backup_failed, zh_en, plural


def register(sub) -> None:
    p = sub.add_parser(
        "import-visits", help="导入纸质走访记录（录入到表格，每行一次走访）",
        description="每行一次走访：household_id（或 村区划代码 + 户主姓名 + 身份证号（脱敏））、"
                    "走访日期、核查人，以及与表单字段同名的各列。按与程序相同的表单规则校验。")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_store(args.db) as store:
        result = import_visits(store, args.file,
                               progress=StderrProgress(zh_en("导入走访", "Importing visits")),
                               back_up_first=True, on_backup_failure=warn_backup_failed)
    if args.json:
        print_json(result.to_json())
        return 0
    print(zh_en(f"导入完成: {args.file}（表头在第 {result.header_row} 行）",
                f"Imported: {args.file} (header in row {result.header_row})"))
    print(zh_en(f"新增 {result.added} 次走访，更新 {result.updated} 次，未变 {result.unchanged} 次，"
                f"未导入 {len(result.rejected)} 行",
                f"{plural(result.added, 'visit')} added, {result.updated} updated, "
                f"{result.unchanged} "
                f"unchanged, {plural(len(result.rejected), 'row')} not imported"))
    for p in result.rejected[:50]:
        print(zh_en(f"  第 {p.row} 行: {p.reason}", f"  row {p.row}: {p.text('en')}"))
    if len(result.rejected) > 50:
        print(zh_en(f"  …… 另有 {len(result.rejected) - 50} 行，见 --json",
                    f"  ... {len(result.rejected) - 50} more rows: see --json"), file=sys.stderr)
    return 0
