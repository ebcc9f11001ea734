"""fieldapp devices request|enrol|list|revoke: laptops of the county and their keys."""

from __future__ import annotations

import sys

from fieldapp.sync.passphrase import read_passphrase

from .common import code_arg, open_store, print_json, zh_en
from .labels import label

STATUS = {"enrolled": "已登记", "revoked": "已停用", "needs_reenrol": "旧方式登记，需重新登记"}
STATUS_EN = {"enrolled": "enrolled", "revoked": "revoked",
             "needs_reenrol": "enrolled the old way: enrol again"}


def register(sub) -> None:
    p = sub.add_parser("devices", help="笔记本登记：申请（乡镇）、登记/列表/停用（县级）",
                       description="私钥口令从环境变量 FIELDAPP_PASSPHRASE 读取，或在终端中输入。")
    ds = p.add_subparsers(dest="devices_command", required=True)
    r = ds.add_parser("request", help="乡镇笔记本：生成本机密钥和登记申请文件，交给县里")
    r.add_argument("db", help="将要创建的乡镇数据库（或已有的乡镇数据库）")
    r.add_argument("-o", "--output", required=True, help="登记申请文件（.json）")
    r.add_argument("--name", default="", help="本机名称，如“稷峰镇 笔记本1”")
    r.add_argument("--json", action="store_true", help="输出 JSON")
    r.set_defaults(func=run_request)
    e = ds.add_parser("enrol", help="县级：登记一台笔记本（申请文件或已知的密钥指纹），写出参考包")
    e.add_argument("db")
    e.add_argument("source", metavar="FINGERPRINT|REQUEST-FILE")
    e.add_argument("--township", required=True, type=code_arg, help="乡镇代码或名称")
    e.add_argument("--fingerprint", default="", help="笔记本屏幕上显示的指纹（核对申请文件）")
    e.add_argument("--name", default="", help="笔记本名称")
    e.add_argument("-o", "--output", help="写出带证书的参考包（交给这台笔记本）")
    e.add_argument("--json", action="store_true", help="输出 JSON")
    e.set_defaults(func=run_enrol)
    ls = ds.add_parser("list", help="县级：列出笔记本及其密钥指纹、状态")
    ls.add_argument("db")
    ls.add_argument("--json", action="store_true", help="输出 JSON")
    ls.set_defaults(func=run_list)
    rv = ds.add_parser("revoke", help="县级：停用一台笔记本（下次合并起拒收它的同步包）")
    rv.add_argument("db")
    rv.add_argument("device", metavar="DEVICE_ID|FINGERPRINT|SERIAL")
    rv.add_argument("--reason", default="", help="停用原因，如“笔记本丢失”")
    rv.add_argument("--json", action="store_true", help="输出 JSON")
    rv.set_defaults(func=run_revoke)


def run_request(args) -> int:
    from fieldapp.jobs import devices

    res = devices.request(args.db, args.output, read_passphrase(confirm=True), name=args.name)
    if args.json:
        print_json({"request": res.request, "device_id": res.device_id,
                    "device_name": res.device_name, "fingerprint": res.fingerprint})
        return 0
    print(zh_en(f"已写出登记申请 {res.request}（设备 {res.device_id}）。把它交给县里，并请县里核对"
                "指纹；登记后用县里发回的参考包建库：fieldapp init DB --role township --from 参考包",
                f"Wrote the enrolment request {res.request} (device {res.device_id}). Give it to "
                "the county and have them check the fingerprint; once enrolled, set up from the "
                "reference bundle they send back: fieldapp init DB --role township --from BUNDLE"),
          file=sys.stderr)
    print(zh_en(f"本机密钥指纹: {res.fingerprint}", f"This laptop's key fingerprint: {res.fingerprint}"))
    return 0


def run_enrol(args) -> int:
    from fieldapp.jobs import devices

    with open_store(args.db) as store:
        res = devices.enrol(store, args.source, args.township, read_passphrase(),
                            out=args.output, name=args.name,
                            expect_fingerprint=args.fingerprint)
    if args.json:
        print_json({"serial": res.serial, "device_id": res.device_id, "name": res.device_name,
                    "township": res.township, "fingerprint": res.fingerprint,
                    "reference": res.reference.path if res.reference else None})
        return 0
    print(zh_en(f"已登记笔记本 {res.device_name}（{res.device_id}，指纹 {res.fingerprint}）到乡镇 "
                f"{res.township[:9]}，证书序号 {res.serial}",
                f"Enrolled the laptop {res.device_name} ({res.device_id}, fingerprint "
                f"{res.fingerprint}) in township {res.township[:9]}, certificate {res.serial}"),
          file=sys.stderr)
    if res.reference:
        print(zh_en(f"参考包 {res.reference.path} 只有这台笔记本（和本乡镇其他已登记的笔记本）能打开；"
                    "交给笔记本：fieldapp init DB --role township --from 参考包",
                    f"Only this laptop (and the township's other enrolled laptops) can open the "
                    f"reference bundle {res.reference.path}; on the laptop run: fieldapp init DB "
                    "--role township --from BUNDLE"), file=sys.stderr)
    return 0


def run_list(args) -> int:
    from fieldapp.jobs import devices

    with open_store(args.db, readonly=True) as store:
        rows = devices.list_devices(store)
    if args.json:
        print_json(rows)
        return 0
    for d in rows:
        print(f"{d['device_id']}\t{d['name'] or ''}\t{d['township'] or ''}\t{d['fingerprint']}\t"
              f"{label(d['status'], STATUS, STATUS_EN)}\t"
              + zh_en("证书", "certificate") + f" {d['serial'] or '-'}")
    return 0


def run_revoke(args) -> int:
    from fieldapp.jobs import devices

    with open_store(args.db) as store:
        rows = devices.revoke(store, args.device, args.reason)
    if args.json:
        print_json(rows)
        return 0
    for d in rows:
        print(zh_en(f"已停用 {d['device_id']}（{d['name'] or ''}，指纹 {d['fingerprint']}）：下次合并起"
                    "拒收它签名的同步包；停用名单随参考包发给各乡镇",
                    f"Revoked {d['device_id']} ({d['name'] or ''}, fingerprint {d['fingerprint']}): "
                    "bundles it signs are refused from the next merge on; the list of revoked "
                    "laptops goes to the townships with the reference bundles"), file=sys.stderr)
    return 0
