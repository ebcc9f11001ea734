"""fieldapp init DB --role county --county CODE | --role township --from REFERENCE_BUNDLE"""

from __future__ import annotations

import sys

from fieldapp.sync.passphrase import read_passphrase

from .common import CliError, print_json, zh_en, plural
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("init", help="新建县级数据库（含密钥），或用县里的参考包新建乡镇数据库",
                       description="私钥口令从环境变量 FIELDAPP_PASSPHRASE 读取，或在终端中输入。"
                                   "乡镇笔记本：先 fieldapp devices request DB -o 申请文件，县里"
                                   "登记后发回参考包，再 init DB --role township --from 参考包"
                                   "（口令与申请时相同）。")
    p.add_argument("db")
    p.add_argument("--role", required=True, choices=("county", "township"))
    p.add_argument("--county", help="区县代码（--role county 时必填），如 140824")
    p.add_argument("--from", dest="source", metavar="REFERENCE_BUNDLE",
                   help="县里发来的参考包（--role township 时必填）")
    p.add_argument("--device-name", default="", help="本机名称，如“稷峰镇 笔记本1”")
    p.add_argument("--surveyor", default="", help="使用人姓名")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from fieldapp.core.divisions import CodeError, level_of, normalize_code
    from fieldapp.sync import setup

    if args.role == "county":
        if not args.county or args.source:
            raise CliError(ErrorCode.CLI_INIT_COUNTY)
        try:
            code = normalize_code(args.county)
        except CodeError as exc:
            raise CliError.again(exc) from None
        if level_of(code) != "county":
            raise CliError(ErrorCode.CLI_NOT_A_COUNTY, value=args.county)
        result = setup.init_county(args.db, code[:6], read_passphrase(confirm=True),
                                   device_name=args.device_name, surveyor=args.surveyor)
    else:
        if not args.source or args.county:
            raise CliError(ErrorCode.CLI_INIT_TOWNSHIP)
        result = setup.init_township(args.db, args.source, read_passphrase(),
                                     device_name=args.device_name, surveyor=args.surveyor)
    data = {"db": result.path, "role": result.role, "device_id": result.device_id,
            "fingerprint": result.fingerprint, "county_code": result.county[:6],
            "township_code": result.township, "county_fingerprint": result.county_fingerprint,
            "records": result.report.applied if result.report else 0}
    if args.json:
        print_json(data)
        return 0
    if result.role == "county":
        print(zh_en(f"已创建县级数据库 {result.path}（设备 {result.device_id}）",
                    f"Created the county database {result.path} (device {result.device_id})"),
              file=sys.stderr)
    else:
        print(zh_en(f"已创建乡镇数据库 {result.path}：乡镇 {result.township}，设备 "
                    f"{result.device_id}，导入 {data['records']} 条记录。县级密钥指纹 "
                    f"{result.county_fingerprint}",
                    f"Created the township database {result.path}: township {result.township}, "
                    f"device {result.device_id}, {plural(data['records'], 'record')} "
                    f"imported. County key "
                    f"fingerprint {result.county_fingerprint}"), file=sys.stderr)
    print(zh_en(f"本机密钥指纹: {result.fingerprint}", f"This computer's key fingerprint: "
                f"{result.fingerprint}"))
    return 0
