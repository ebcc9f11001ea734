"""fieldapp imports DB [--undo ID [--dry-run]] — the register and paper-visit imports made into
this database, and undoing one (records it added are deleted, fields it changed get their old
values back; anything changed since stays and is listed)."""

from __future__ import annotations

from fieldapp.store.register_imports import import_log
from fieldapp.jobs.import_undo import undo_import

from .common import StderrProgress, english, open_store, print_json, zh_en, plural

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
            print(zh_en("还没有导入记录", "No imports yet"))
        for r in records if not args.json else ():
            state = (zh_en("已撤销", "undone") if r.undone_at
                     else zh_en("可撤销", "undoable") if r.undoable else "-")
            kind = _KIND.get(r.kind, r.kind) if not english() else r.kind
            print(f"{r.id:>4}  {r.at[:16].replace('T', ' ')}  {kind:<5}  "
                  + zh_en(f"新增 {r.added:>6}  更新 {r.updated:>6}",
                          f"added {r.added:>6}  updated {r.updated:>6}")
                  + f"  {state:<4}  {r.file}")
        return 0
    with open_store(args.db) as store:
        plan = undo_import(store, args.undo, user=args.user, dry_run=args.dry_run,
                           progress=StderrProgress(zh_en("撤销", "Undoing")))
    if args.json:
        print_json({"import_id": args.undo, "dry_run": args.dry_run, **plan.counts(),
                    "kept_records": [{"table": t, "uuid": u, "reason": why.text("zh"),
                                      "reason_en": why.text("en")} for t, u, why in plan.kept]})
        return 0
    verb = "将" if args.dry_run else "已"
    print(zh_en(f"{verb}撤销第 {args.undo} 次导入：删除 {len(plan.deletes)} 条新增记录，"
                f"恢复 {len(plan.reverts)} 条记录的原值；保留 {len(plan.kept)} 条（导入后另有改动）",
                f"{'Would undo' if args.dry_run else 'Undid'} import {args.undo}: "
                f"{plural(len(plan.deletes), 'added record')} deleted, "
                f"{plural(len(plan.reverts), 'record')} given "
                f"back their values; {len(plan.kept)} kept (changed after the import)"))
    for tbl, uuid, why in plan.kept[:50]:
        print(zh_en(f"  保留 {tbl} {uuid}: {why}", f"  kept {tbl} {uuid}: {why.text('en')}"))
    if len(plan.kept) > 50:
        print(zh_en(f"  …… 另有 {len(plan.kept) - 50} 条", f"  ... {len(plan.kept) - 50} more"))
    return 0


def _record_json(r: import_log.ImportRecord) -> dict:
    return {"id": r.id, "kind": r.kind, "file": r.file, "user": r.user, "at": r.at,
            "added": r.added, "updated": r.updated, "unchanged": r.unchanged,
            "rejected": r.rejected, "undone_at": r.undone_at, "undoable": r.undoable}
