"""fieldapp bundle reference|export|merge — sync bundles between the county and townships."""

from __future__ import annotations

import os
import sys

from fieldapp.sync.passphrase import TRANSFER_CODE_ENV, read_passphrase

from .common import (
    StderrProgress,
    code_arg,
    english,
    open_store,
    print_json,
    warn_backup_failed,
    zh_en,
    plural,
)


def register(sub) -> None:
    p = sub.add_parser("bundle", help="同步包：参考包（县→乡镇）、导出（乡镇→县）、合并",
                       description="需要私钥的命令从环境变量 FIELDAPP_PASSPHRASE 读取口令，"
                                   "或在终端中输入。")
    bs = p.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)

    r = bs.add_parser("reference", help="县级：为一个乡镇生成参考包（村、户、表单、县级公钥）")
    r.add_argument("db")
    r.add_argument("--township", required=True, type=code_arg, help="乡镇代码，如 140824100")
    r.add_argument("-o", "--output", required=True, help="参考包文件")
    r.add_argument("--json", action="store_true", help="输出 JSON")
    r.set_defaults(func=run_reference)

    e = bs.add_parser("export", help="乡镇：导出县里尚未确认收到的全部变更（含照片）")
    e.add_argument("db")
    e.add_argument("-o", "--output", required=True, help="同步包文件")
    e.add_argument("--full", action="store_true", help="导出本机的全部变更")
    e.add_argument("--json", action="store_true", help="输出 JSON")
    e.set_defaults(func=run_export)

    m = bs.add_parser("merge", help="合并同步包（县级合并乡镇的包；乡镇合并县里的新参考包）")
    m.add_argument("db")
    m.add_argument("files", nargs="+", metavar="FILE")
    m.add_argument("--code", help="参考包传输码（乡镇合并未发给本机密钥的参考包时）")
    m.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    m.add_argument("--json", action="store_true", help="输出 JSON")
    m.set_defaults(func=run_merge)


def run_reference(args) -> int:
    from fieldapp.jobs.reference_bundle import reference_bundle

    with open_store(args.db) as store:
        res = reference_bundle(store, args.township, args.output, read_passphrase(),
                               progress=StderrProgress(zh_en("生成参考包", "Reference bundle")))
    if args.json:
        print_json({"file": res.path, "bundle_uuid": res.bundle_uuid, "sha256": res.sha256,
                    "township": res.township,
                    "changes": res.changes, "households": res.households,
                    "villages": res.villages, "enrolled_devices": res.recipients})
        return 0
    print(zh_en(f"已写出参考包 {res.path}：{res.township_name}（{res.township}），{res.villages} "
                f"个村，{res.households} 户，{res.changes} 条变更",
                f"Wrote the reference bundle {res.path}: {res.township_name} ({res.township}), "
                f"{plural(res.villages, 'village')}, {plural(res.households, 'household')}, "
                f"{plural(res.changes, 'change')}"),
          file=sys.stderr)
    print(zh_en(f"只有本乡镇已登记的 {res.recipients} 台笔记本能打开它；新笔记本先用 fieldapp "
                "devices enrol 登记",
                f"Only the {res.recipients} enrolled laptops of this township can open it; "
                "enrol a new laptop first with fieldapp devices enrol"), file=sys.stderr)
    return 0


def run_export(args) -> int:
    from fieldapp.jobs.bundle_export import export_bundle

    with open_store(args.db) as store:
        res = export_bundle(store, args.output, read_passphrase(), full=args.full,
                            progress=StderrProgress(zh_en("导出同步包", "Exporting")))
    if args.json:
        print_json({"file": res.path, "bundle_uuid": res.bundle_uuid, "sha256": res.sha256,
                    "changes": res.changes, "attachments": res.attachments,
                    "from_counter": res.from_counter, "to_counter": res.to_counter})
        return 0
    print(zh_en(f"已写出同步包 {res.path}：{res.changes} 条变更，{res.attachments} 张照片"
                f"（第 {res.from_counter}–{res.to_counter} 号）",
                f"Wrote the bundle {res.path}: {plural(res.changes, 'change')}, "
                f"{plural(res.attachments, 'photo')} "
                f"(numbers {res.from_counter}-{res.to_counter})"), file=sys.stderr)
    return 0


def run_merge(args) -> int:
    from fieldapp.jobs.merge_bundles import merge_bundles

    with open_store(args.db) as store:
        code = args.code or os.environ.get(TRANSFER_CODE_ENV)
        result = merge_bundles(store, args.files, read_passphrase(), code=code,
                               dry_run=args.dry_run, progress=StderrProgress(zh_en("合并", "Merging")),
                               on_backup_failure=warn_backup_failed)
    data = result.as_json()
    if args.json:
        print_json(data)
    else:
        _print_merge(result)
    return 1 if result.rejected else 0


def _print_merge(result) -> None:
    en = english()
    for r in result.reports:
        t = r.totals()
        if en:
            state = {"merged": "merged", "already_merged": "merged before",
                     "preview": "preview"}.get(r.status, r.status)
            print(f"{r.file}: {state}, device {r.device_name} ({r.device_id}), {r.applied} "
                  f"changes written: {t.new} new, {t.updated} updated, {t.unchanged} unchanged, "
                  f"{plural(r.conflicts, 'conflict')}"
                  + (f", {r.duplicates} possible duplicate pairs" if r.duplicates else ""),
                  file=sys.stderr)
        else:
            state = {"merged": "已合并", "already_merged": "以前已合并过",
                     "preview": "预览"}.get(r.status, r.status)
            print(f"{r.file}: {state}，设备 {r.device_name}"
                  f"（{r.device_id}），写入 {r.applied} 条变更：新增 {t.new}、更新 {t.updated}、"
                  f"未变 {t.unchanged}、冲突 {r.conflicts}"
                  + (f"，疑似重复户 {r.duplicates} 对" if r.duplicates else ""), file=sys.stderr)
        for c in r.refused:
            print(zh_en(f"  拒绝一条变更（{c['table']} {c['record']}，第 {c['counter']} 号）："
                        f"{c['reason']}",
                        f"  refused a change ({c['table']} {c['record']}, number "
                        f"{c['counter']}): {c['reason_en']}"), file=sys.stderr)
    for rej in result.rejected:
        print("fieldapp: " + zh_en(f"{rej['file']}: 已拒绝：{rej['reason']}",
                                   f"{rej['file']}: refused: {rej.get('reason_en') or rej['reason']}"),
              file=sys.stderr)
