"""fieldapp conflicts DB [--json] — list and resolve merge conflicts and duplicate households."""

from __future__ import annotations

import json
import sys

from .common import CliError, open_store, print_json, zh_en, plural
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("conflicts", help="合并冲突与疑似重复户：列出、处理")
    p.add_argument("db")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--all", action="store_true", help="包括已处理的冲突")
    p.add_argument("--resolve", type=int, metavar="ID", help="处理编号为 ID 的冲突")
    p.add_argument("--keep", choices=("ours", "theirs"), help="保留本库的值 / 对方的值")
    p.add_argument("--value", help="改为这个值（JSON 或文本）")
    p.add_argument("--user", help="处理人（默认取数据库设置）")
    p.add_argument("--duplicates", action="store_true", help="列出疑似重复户")
    p.add_argument("--merge-households", nargs=2, metavar=("KEEP", "DROP"),
                   help="把户 DROP 合并到户 KEEP（走访记录都保留）")
    p.add_argument("--dismiss", nargs=2, metavar=("A", "B"), help="标记这一对不是重复户")
    p.set_defaults(func=run)


def _value(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return text


def run(args) -> int:
    from fieldapp.sync import conflicts, duplicates

    if args.resolve is not None:
        if bool(args.keep) == (args.value is not None):
            raise CliError(ErrorCode.CLI_RESOLVE_HOW)
        with open_store(args.db) as store:
            res = conflicts.resolve(store, args.resolve, args.keep or "value",
                                    value=None if args.value is None else _value(args.value),
                                    user=args.user)
        if args.json:
            print_json(res)
        else:
            value = json.dumps(res["value"], ensure_ascii=False)
            print(zh_en(f"冲突 {res['id']} 已处理：取值 {value}",
                        f"Conflict {res['id']} resolved: value {value}"), file=sys.stderr)
        return 0
    if args.merge_households:
        keep, drop = args.merge_households
        with open_store(args.db) as store:
            moved = duplicates.merge_households(store, keep, drop, user=args.user)
        print(zh_en(f"已把户 {drop} 合并到 {keep}，移过去 {moved} 条走访记录",
                    f"Merged household {drop} into {keep}; {plural(moved, 'visit')} moved"),
              file=sys.stderr)
        return 0
    if args.dismiss:
        with open_store(args.db) as store:
            duplicates.dismiss(store, *args.dismiss)
        return 0
    with open_store(args.db, readonly=True) as store:
        if args.duplicates:
            rows = duplicates.list_duplicates(store, status=None if args.all else "open")
            if args.json:
                print_json(rows)
            else:
                for d in rows:
                    group = zh_en("（{}组）", " (group {})")
                    print(f"{d['village_name'] or d['village_code']}  {d['head_a']}"
                          f"{group.format(d['group_a'])} {d['household_a']}  ~  {d['head_b']}"
                          f"{group.format(d['group_b'])} {d['household_b']}  "
                          f"[{d['reason']}, {d['status']}]")
            return 0
        rows = conflicts.list_conflicts(store, status=None if args.all else "open")
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(zh_en("没有待处理的冲突", "No open conflicts"), file=sys.stderr)
    for r in rows:
        def show(v):
            return json.dumps(v, ensure_ascii=False)
        ours, theirs = r["devices"]["ours"], r["devices"]["theirs"]
        print(f"#{r['id']} {r['village_name'] or ''} {r['household'] or r['record']} "
              f"{r['field']}: " + zh_en(
                  f"原值 {show(r['base'])}，本库 {show(r['ours'])}（{ours}），"
                  f"对方 {show(r['theirs'])}（{theirs}）",
                  f"was {show(r['base'])}, here {show(r['ours'])} ({ours}), "
                  f"theirs {show(r['theirs'])} ({theirs})") + f" [{r['status']}]")
    return 0
