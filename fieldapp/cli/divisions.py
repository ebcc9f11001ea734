"""fieldapp divisions DB [--township NAME|CODE] [--json]: codes and names of townships and
villages, so nobody has to know a 12-digit code by heart."""

from __future__ import annotations

from .common import open_store, print_json, resolve_area


def register(sub) -> None:
    p = sub.add_parser("divisions", help="列出乡镇和村（社区）的区划代码与名称",
                       description="列出本库的乡镇和村（社区）的区划代码与名称。"
                                   "凡是接受 --village/--township 的命令，都可以用代码、名称或拼音。")
    p.add_argument("db", help="数据库文件")
    p.add_argument("--township", metavar="NAME|CODE", help="只列这个乡镇的村（代码、名称或拼音）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from fieldapp.store.divisions_list import divisions

    with open_store(args.db, readonly=True) as store:
        under = resolve_area(store, args.township, ("township",), "--township") \
            if args.township else None
        rows = [d for d in divisions(store, under) if d.level != "county"]
    if args.json:
        print_json([{"code": d.code, "name": d.name, "level": d.level,
                     "parent_name": d.parent_name} for d in rows])
        return 0
    for d in rows:
        indent = "  " if d.level == "village" else ""
        print(f"{indent}{d.code}  {d.name}")
    return 0
