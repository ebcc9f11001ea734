"""fieldapp import-register DB FILE [--village CODE] [--dry-run] [--report REJECTS.xlsx] [--json]"""

from __future__ import annotations

import sys

from fieldapp.core.messages import ErrorCode
from fieldapp.core.register_columns import FIELD_LABELS_ZH, FIELDS
from fieldapp.tabular.read import read_table
from fieldapp.jobs.register_import import import_register, write_rejects

from .common import (
    CliError,
    english,
    zh_en,
    StderrProgress,
    open_store,
    print_json,
    resolve_area_in,
    warn_backup_failed,
    plural,
)


def register(sub) -> None:
    p = sub.add_parser(
        "import-register", help="导入户籍花名册（.xlsx/.xls/.csv）",
        description="导入花名册：自动找表头行、识别常见列名，校验身份证号和电话，"
                    "同一文件再次导入不会重复添加，修改过的文件只更新改动的户。")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--village", help="整个文件都属于这个村（区划代码）")
    p.add_argument("--township", help="整个文件都属于这个乡镇：村名只在该乡镇内查找（区划代码）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入数据库")
    p.add_argument("--report", metavar="REJECTS.xlsx", help="把未导入的行（含行号和原因）存成表格")
    p.add_argument("--sheet", help="工作表名称（默认第一个有数据的表）")
    p.add_argument("--header-row", type=int, metavar="N", help="表头所在行号（默认自动识别）")
    p.add_argument("--column", action="append", default=[], metavar="FIELD=COL",
                   help="手动指定列，如 head_name=D 或 phone=6；字段: " + ", ".join(FIELDS))
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def _columns(specs: list[str]) -> dict[str, int] | None:
    if not specs:
        return None
    out: dict[str, int] = {}
    for spec in specs:
        name, _, col = spec.partition("=")
        if name not in FIELDS or not col:
            raise CliError(ErrorCode.CLI_COLUMN_SPEC, spec=spec, fields=", ".join(FIELDS))
        col = col.strip().upper()
        if col.isdigit() and int(col) >= 1:
            out[name] = int(col) - 1
        elif col.isalpha():
            n = 0
            for ch in col:
                n = n * 26 + ord(ch) - 64
            out[name] = n - 1
        else:
            raise CliError(ErrorCode.CLI_COLUMN_LETTER, spec=spec)
    return out


def run(args) -> int:
    if args.header_row is not None and args.header_row < 1:
        raise CliError(ErrorCode.CLI_HEADER_ROW)
    overrides = _columns(args.column)
    if args.village and args.township:
        raise CliError(ErrorCode.CLI_VILLAGE_OR_TOWNSHIP)
    village = (resolve_area_in(args.db, args.village, ("village",), "--village")
               or resolve_area_in(args.db, args.township, ("township",), "--township"))
    table = read_table(args.file, args.sheet)
    with open_store(args.db) as store:
        columns = None
        if overrides is not None:
            from fieldapp.jobs.register_import import find_layout

            columns = {**find_layout(table, args.header_row).columns, **overrides}
        result = import_register(
            store, args.file, village=village, dry_run=args.dry_run, sheet=args.sheet,
            header_row=args.header_row, columns=columns, table=table,
            progress=StderrProgress(zh_en("导入花名册", "Importing the register")),
            back_up_first=True, on_backup_failure=warn_backup_failed)
    if args.report:
        write_rejects(args.report, table, result)
    if args.json:
        print_json(result.to_json())
        return 0
    _print_summary(args, result)
    return 0


def _print_summary(args, result) -> None:
    if english():
        verb = "Checked (nothing written)" if args.dry_run else "Imported"
        cols = ", ".join(result.columns)
        print(f"{verb}: {args.file} [{result.sheet}] header in row {result.header_row} ({cols})")
        print(f"{plural(result.added, 'household')} added, {result.updated} updated, "
              f"{result.unchanged} "
              f"unchanged, {plural(len(result.rejected), 'row')} not imported, "
              f"{plural(len(result.warnings), 'note')}, {result.blank} blank or total rows "
              f"skipped"
              + (f", {result.members} family member rows" if result.members else ""))
    else:
        verb = "检查（未写入）" if args.dry_run else "导入完成"
        cols = "、".join(FIELD_LABELS_ZH[f] for f in result.columns)
        print(f"{verb}: {args.file} [{result.sheet}] 表头在第 {result.header_row} 行（{cols}）")
        print(f"新增 {result.added} 户，更新 {result.updated} 户，未变 {result.unchanged} 户，"
              f"未导入 {len(result.rejected)} 行，提示 {len(result.warnings)} 条，"
              f"跳过空行/合计行 {result.blank} 行" +
              (f"，家庭成员行 {result.members} 行" if result.members else ""))
    language = "en" if english() else "zh"
    for p in result.rejected[:50]:
        print(zh_en(f"  第 {p.row} 行: {p.reason}", f"  row {p.row}: {p.text(language)}"))
    if len(result.rejected) > 50:
        print(zh_en(f"  …… 另有 {len(result.rejected) - 50} 行，见 --report 或 --json",
                    f"  ... {len(result.rejected) - 50} more rows: see --report or --json"))
    for p in result.warnings[:20]:
        print(zh_en(f"  提示 第 {p.row} 行: {p.reason}", f"  note, row {p.row}: {p.text(language)}"),
              file=sys.stderr)
