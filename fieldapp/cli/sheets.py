"""fieldapp sheets DB (--village CODE | --township CODE | --county CODE | --household UUID) -o PATH
fieldapp sheets verify DB CODE_TEXT [--json]"""

from __future__ import annotations

import argparse
import sys

from .common import (
    CliError,
    english,
    StderrProgress,
    open_store,
    print_json,
    resolve_area_in,
    zh_en,
    plural,
)
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser(
        "sheets", help="打印入户核查确认表（PDF，每页带二维码）；sheets verify 核验已打印的页",
        description="生成入户核查确认表。村：一个 PDF；乡镇/区县：-o 为文件夹时每村一个 PDF，"
                    "-o 以 .pdf 结尾时合并为一个带书签的 PDF。"
                    "核验：fieldapp sheets verify DB 二维码内容",
        usage="fieldapp sheets DB (--village CODE | --township CODE | --county CODE | "
              "--household UUID) -o PATH\n       fieldapp sheets verify DB CODE_TEXT [--json]",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("db", help="数据库文件；或 verify")
    p.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    area = p.add_mutually_exclusive_group()
    area.add_argument("--village", metavar="CODE", help="村（社区）区划代码（12 位）")
    area.add_argument("--township", metavar="CODE", help="乡镇区划代码（9 或 12 位）")
    area.add_argument("--county", metavar="CODE", help="区县代码：全县所有村，每乡镇一个子文件夹")
    area.add_argument("--household", metavar="UUID", help="一户的入户确认单（一页）")
    p.add_argument("-o", "--output", metavar="PATH", help="输出 PDF 文件或文件夹")
    p.add_argument("--no-places", action="store_true", help="乡镇/区县不附公共场所核查表")
    p.add_argument("--processes", type=int, default=None, help="并行进程数（默认：全部 CPU 核）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.db == "verify":
        return _verify(args)
    if args.rest:
        raise CliError(ErrorCode.CLI_EXTRA_ARGUMENTS, arguments=" ".join(args.rest))
    from fieldapp.jobs.sheets import make_sheets, make_slip

    code = (resolve_area_in(args.db, args.village, ("village",), "--village")
            or resolve_area_in(args.db, args.township, ("township",), "--township")
            or resolve_area_in(args.db, args.county, ("county",), "--county"))
    if not code and not args.household:
        raise CliError(ErrorCode.CLI_SHEETS_WHICH)
    if not args.output:
        raise CliError(ErrorCode.CLI_SHEETS_OUTPUT)
    if args.processes is not None and args.processes < 1:
        raise CliError(ErrorCode.CLI_AT_LEAST, option="--processes", minimum=1)
    key = _county_signing_key(args.db)
    if args.household:
        res = make_slip(args.db, args.household, args.output, signing_key=key)
    else:
        res = make_sheets(args.db, code, args.output, places=not args.no_places,
                          processes=args.processes, progress=StderrProgress(zh_en("生成核查表", "Sheets")),
                          signing_key=key)
    if args.json:
        print_json({"path": str(res.path), "files": [str(f) for f in res.files],
                    "sheets": res.sheets, "pages": res.pages, "households": res.households})
    else:
        print(zh_en(f"已生成 {res.path}: {res.sheets} 张表，{res.pages} 页，{res.households} 户，"
                    f"用时 {res.seconds:.1f} 秒",
                    f"Made {res.path}: {plural(res.sheets, 'sheet')}, "
                    f"{plural(res.pages, 'page')}, {plural(res.households, 'household')} in "
                    f"{res.seconds:.1f} s"), file=sys.stderr)
    return 0


def _county_signing_key(db: str) -> bytes | None:
    """At the county: the county's Ed25519 private key (raw), unlocked with the passphrase from
    FIELDAPP_PASSPHRASE or a prompt. A township laptop cannot sign (its pages stay unsigned)."""
    from fieldapp.sync.identity import has_keys, signing_key_raw

    with open_store(db) as store:
        if store.role != "county":
            return None
        if not has_keys(store):
            print("fieldapp: " + zh_en(
                "警告：本县数据库还没有县级密钥，核查表二维码未签名（用 fieldapp init 创建密钥后重新打印）",
                "warning: this county database has no county key yet; the sheets' QR codes are "
                "unsigned (create the keys with fieldapp init and print again)"), file=sys.stderr)
            return None
        from fieldapp.sync.passphrase import read_passphrase

        return signing_key_raw(store, read_passphrase())


def _verify(args) -> int:
    from fieldapp.reports.verify import verify
    
    if len(args.rest) != 2:
        raise CliError(ErrorCode.CLI_SHEETS_VERIFY_USAGE)
    db, text = args.rest
    with open_store(db) as store:
        res = verify(store, text)
    language = "en" if english() else "zh"
    if args.json:
        print_json(res.to_json())
    else:
        print(res.text(language))
        for ch in res.changes + res.added:
            print("  " + ch.text(language))
    if not res.ok and not args.json:
        print("fieldapp: " + zh_en(f"核验未通过: {res.message}", f"not verified: {res.text('en')}"),
              file=sys.stderr)
    return 0 if res.ok else 1
