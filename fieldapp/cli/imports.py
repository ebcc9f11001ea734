"""fieldapp imports DB [--undo ID [--dry-run]] — the register and paper-visit imports made into
this database, and undoing one (records it added are deleted, fields it changed get their old
values back; anything changed since stays and is listed)."""

from __future__ import annotations

from fieldapp.store.register_imports import import_log
from fieldapp.jobs.import_undo import undo_import

from .common import StderrProgress, open_store, print_json

_KIND = {"register": "花名册", "visits": "纸质走访"}


def register(sub) -> None:
    p = sub.add_parser("imports", help="导入记录：列出历次导入花名册/纸质走访；撤销某次导入")
    p.add_argument("db")
    p.add_argument("--undo", type=int, metavar="ID", help="撤销这次导入（编号见列表第一列）")
    p.add_argument("--dry-run", action="store_true", help="只列出撤销会做什么，不修改数据库")
    p.add_argument("--user", default=None, help="操作人（默认：设置中的核查员）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.undo is None:
        with open_store(args.db) as store:
            records = import_log.import_history(store)
        if args.json:
            print_json([_record_json(r) for r in records])
        elif not records:
            print("还没有导入记录")
        for r in records if not args.json else ():
            state = "已撤销" if r.undone_at else ("可撤销" if r.undoable else "—")
            print(f"{r.id:>4}  {r.at[:16].replace('T', ' ')}  {_KIND.get(r.kind, r.kind):<5}"
                  f"  新增 {r.added:>6}  更新 {r.updated:>6}  {state:<4}  {r.file}")
        return 0
    with open_store(args.db) as store:
        plan = undo_import(store, args.undo, user=args.user, dry_run=args.dry_run,
                           progress=StderrProgress("撤销"))
    if args.json:
        print_json({"import_id": args.undo, "dry_run": args.dry_run, **plan.counts(),
                    "kept_records": [{"table": t, "uuid": u, "reason": why}
                                     for t, u, why in plan.kept]})
        return 0
    verb = "将" if args.dry_run else "已"
    print(f"{verb}撤销第 {args.undo} 次导入：删除 {len(plan.deletes)} 条新增记录，"
          f"恢复 {len(plan.reverts)} 条记录的原值；保留 {len(plan.kept)} 条（导入后另有改动）")
    for tbl, uuid, why in plan.kept[:50]:
        print(f"  保留 {tbl} {uuid}: {why}")
    if len(plan.kept) > 50:
        print(f"  …… 另有 {len(plan.kept) - 50} 条")
    return 0


def _record_json(r: import_log.ImportRecord) -> dict:
    return {"id": r.id, "kind": r.kind, "file": r.file, "user": r.user, "at": r.at,
            "added": r.added, "updated": r.updated, "unchanged": r.unchanged,
            "rejected": r.rejected, "undone_at": r.undone_at, "undoable": r.undoable}
