"""fieldapp household add DB --village CODE --name NAME ... — a household found in the field (新发现户)."""

from __future__ import annotations

from fieldapp.core.field_household import NewHousehold
from fieldapp.store.household_add import add_field_household, household_summary

from .common import CliError, code_arg, english, open_store, print_json
from fieldapp.core.messages import ErrorCode


def register(sub) -> None:
    p = sub.add_parser("household", help="户：登记走访中新发现的户（花名册上没有的）")
    act = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = act.add_parser("add", help="登记一户新发现户")
    a.add_argument("db")
    a.add_argument("--village", required=True, type=code_arg, help="村的区划代码")
    a.add_argument("--name", required=True, help="户主姓名")
    a.add_argument("--group", default="", help="村民小组")
    a.add_argument("--door", default="", help="门牌号")
    a.add_argument("--phone", default="", help="联系电话")
    a.add_argument("--id-number", default="", help="户主身份证号（只保存掩码和哈希）")
    a.add_argument("--lat", type=float, help="纬度（WGS84）")
    a.add_argument("--lon", type=float, help="经度（WGS84）")
    a.add_argument("--user", default=None, help="登记人")
    a.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    if (args.lat is None) != (args.lon is None):
        raise CliError(ErrorCode.CLI_LAT_LON)
    new = NewHousehold(args.village, args.name, args.group, args.door, args.phone,
                       args.id_number, args.lat, args.lon)
    with open_store(args.db) as store:
        uuid = add_field_household(store, new, user=args.user)
        info = household_summary(store, uuid)
    if args.json:
        print_json(info)
    else:
        if english():
            group = f", group {info['group_no']}" if info["group_no"] else ""
            print(f"Added the household found in the field {info['head_name']} "
                  f"({info['village_name']}{group}): {uuid}")
        else:
            group = f"第 {info['group_no']} 组" if info["group_no"] else ""
            print(f"已登记新发现户 {info['head_name']}（{info['village_name']}{group}）: {uuid}")
    return 0
