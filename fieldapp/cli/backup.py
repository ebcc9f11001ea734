"""fieldapp backup DB -o FILE | fieldapp backup DB --list | fieldapp restore DB BACKUP"""

from __future__ import annotations

from fieldapp.jobs.backups import back_up, restore
from fieldapp.store.backups import backup as B

from .common import CliError, StderrProgress, print_json, zh_en
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（程序运行中也可安全备份）")
    p.add_argument("db")
    p.add_argument("-o", "--output", metavar="FILE", help="备份文件")
    p.add_argument("--force", action="store_true", help="覆盖已存在的备份文件")
    p.add_argument("--list", action="store_true", help="列出此数据库的自动备份")
    p.add_argument("--auto", metavar="REASON",
                   help="做一次自动备份（放入自动备份文件夹，滚动保留）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_backup)

    r = sub.add_parser("restore", help="用备份恢复数据库（恢复前自动备份当前数据库）")
    r.add_argument("db", help="要恢复的数据库")
    r.add_argument("backup", help="备份文件（fieldapp backup 或自动备份生成的）")
    r.set_defaults(func=run_restore)


def run_backup(args) -> int:
    if args.list:
        items = B.list_backups(args.db)
        if args.json:
            print_json([{"path": str(b.path), "created": b.created.isoformat(), "reason":
                         b.reason, "size": b.size} for b in items])
        elif not items:
            print(zh_en(f"没有自动备份（文件夹 {B.default_folder(args.db)}）",
                        f"No automatic backups (folder {B.default_folder(args.db)})"))
        else:
            for b in items:
                print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.reason:<15} {b.size / 1e6:8.1f} MB  "
                      f"{b.path}")
        return 0
    if not (args.auto or args.output):
        raise CliError(ErrorCode.CLI_BACKUP_OUTPUT)
    done = back_up(args.db, args.output, reason=args.auto, overwrite=args.force,
                   progress=StderrProgress(zh_en("备份", "Backing up")))
    if args.json:
        print_json({"backup": str(done.path), "size": done.size})
    else:
        print(zh_en(f"已备份到 {done.path}", f"Backed up to {done.path}"))
    return 0


def run_restore(args) -> int:
    done = restore(args.backup, args.db, progress=StderrProgress(zh_en("恢复", "Restoring")))
    print(zh_en(f"已用 {args.backup} 恢复 {args.db}", f"Restored {args.db} from {args.backup}"))
    if done.safety:
        print(zh_en(f"恢复前的数据库已备份到 {done.safety}",
                    f"The database as it was before is backed up to {done.safety}"))
    return 0
