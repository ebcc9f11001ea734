"""Seed 2's registers on the command line, one pattern for both:

  fieldapp service-points import DB FILE.xlsx|.csv [--sheet S] [--json]
  fieldapp service-points list DB [--township CODE | --village CODE] [--json]
  fieldapp service-points add DB --kind station|agency --township T [--village V] --name N ...
  fieldapp terminals import|list|add DB ...      (public-area emergency-broadcast terminals)
"""

from __future__ import annotations

from typing import Any

from fieldapp.core.facilities import (
    KIND_LABELS_ZH,
    LAT_RANGE,
    LON_RANGE,
    POINT_KINDS,
    STATUS_LABELS_ZH,
    STATUSES,
    TERMINAL,
    FacilityError,
    coordinate,
)
from fieldapp.core.messages import ErrorCode
from fieldapp.jobs.facilities_import import import_facilities
from fieldapp.store.facilities import list_facilities, save_facilities

from .common import english, open_store, plural, print_json, resolve_area, zh_en
from .labels import FACILITY_KIND_LABELS_EN as KIND_LABELS_EN
from .labels import TERMINAL_STATUS_LABELS_EN as STATUS_LABELS_EN

_REGISTERS = {
    "service-points": (POINT_KINDS, "广电服务网点：乡镇服务站（一镇一站）和村级代办点"),
    "terminals": ((TERMINAL,), "公共区域应急广播终端（安装位置、是否正常）"),
}


def register(sub) -> None:
    for command, (kinds, help_text) in _REGISTERS.items():
        p = sub.add_parser(command, help=help_text)
        act = p.add_subparsers(dest="action", metavar="ACTION", required=True)
        i = act.add_parser("import", help="从 .xlsx/.csv 导入（同类型、同乡镇村、同名称的更新，不重复）")
        i.add_argument("db")
        i.add_argument("file")
        i.add_argument("--sheet", help="工作表名（默认第一个有数据的）")
        i.add_argument("--user", default=None, help="登记人")
        i.add_argument("--json", action="store_true")
        ls = act.add_parser("list", help="列出")
        ls.add_argument("db")
        where = ls.add_mutually_exclusive_group()
        where.add_argument("--township", help="只列这个乡镇")
        where.add_argument("--village", help="只列这个村（社区）")
        ls.add_argument("--json", action="store_true")
        a = act.add_parser("add", help="登记一处")
        a.add_argument("db")
        if len(kinds) > 1:
            a.add_argument("--kind", required=True, choices=kinds,
                           help="station 乡镇服务站 / agency 村级代办点")
        a.add_argument("--township", required=True, help="乡镇（代码、名称或拼音）")
        a.add_argument("--village", help="村（社区）；代办点必填")
        a.add_argument("--name", required=True, help="名称或安装位置")
        for opt, text in (("--address", "地址"), ("--contact", "联系人"), ("--phone", "电话"),
                          ("--notes", "备注")):
            a.add_argument(opt, help=text)
        if TERMINAL in kinds:
            a.add_argument("--status", choices=STATUSES, help="working 正常 / broken 故障")
        a.add_argument("--lat", type=float, help="纬度（WGS-84）")
        a.add_argument("--lon", type=float, help="经度（WGS-84）")
        a.add_argument("--user", default=None, help="登记人")
        a.add_argument("--json", action="store_true")
        p.set_defaults(func=run, kinds=kinds, register_name=command)


def run(args) -> int:
    if args.action == "import":
        with open_store(args.db) as store:
            done = import_facilities(store, args.file, args.kinds, user=args.user,
                                     sheet=args.sheet)
        if args.json:
            print_json(done.to_json())
        else:
            print(zh_en(f"已导入 {args.file}：{done.rows} 行，新增 {done.added} 处，更新 {done.updated} 处",
                        f"Imported {args.file}: {plural(done.rows, 'row')}, {done.added} added, "
                        f"{done.updated} updated"))
        return 0
    if args.action == "add":
        return _add(args)
    return _list(args)


def _add(args) -> int:
    kind = getattr(args, "kind", None) or args.kinds[0]
    with open_store(args.db) as store:
        town = resolve_area(store, args.township, ("township",), "--township")
        village = None
        if args.village:
            village = resolve_area(store, args.village, ("village",), "--village")
            if village[:9] != town[:9]:
                raise FacilityError(ErrorCode.FACILITY_VILLAGE_OUTSIDE, value=args.village,
                                    township=town)
        elif kind == "agency":
            raise FacilityError(ErrorCode.FACILITY_AGENCY_VILLAGE)
        for option, value, (low, high) in (("--lon", args.lon, LON_RANGE),
                                           ("--lat", args.lat, LAT_RANGE)):
            if value is not None and coordinate(value, low, high) is False:
                raise FacilityError(ErrorCode.FACILITY_COORDINATE, option=option, value=value,
                                    low=f"{low:g}", high=f"{high:g}")
        added, _updated = save_facilities(store, args.user, [{
            "kind": kind, "township_code": town, "village_code": village, "name": args.name,
            "address": args.address, "contact": args.contact, "phone": args.phone,
            "notes": args.notes, "status": getattr(args, "status", None) or "",
            "lon": args.lon, "lat": args.lat}])
    if args.json:
        print_json({"uuid": added[0] if added else None, "added": bool(added)})
    else:
        if english():
            print(f"Registered a {KIND_LABELS_EN[kind]}: {args.name}" if added
                  else "Already registered; updated")
        else:
            print(f"已登记{KIND_LABELS_ZH[kind]}：{args.name}" if added else "已有这一处，已更新")
    return 0


def _list(args) -> int:
    raw = args.township or args.village
    wanted = "township" if args.township else "village"
    with open_store(args.db, readonly=True) as store:
        code = resolve_area(store, raw, (wanted,), f"--{wanted}") if raw else None
        rows = list_facilities(store, args.kinds, code)
    if args.json:
        print_json([_json_row(r) for r in rows])
        return 0
    if not rows:
        print(zh_en("没有登记", "none registered"))
        return 0
    kinds, states = (KIND_LABELS_EN, STATUS_LABELS_EN) if english() \
        else (KIND_LABELS_ZH, STATUS_LABELS_ZH)
    for r in rows:
        where = " ".join(n for n in (r["township_name"], r["village_name"]) if n)
        cells = [kinds[r["kind"]], r["name"], where, r["address"] or "",
                 " ".join(x for x in (r["contact"], r["phone"]) if x)]
        if r["kind"] == TERMINAL:
            cells.append(states.get(r["status"] or "", r["status"]))
        print("\t".join(cells))
    counted = {k: sum(r["kind"] == k for r in rows) for k in args.kinds}
    working = sum(r["status"] == "working" for r in rows if r["kind"] == TERMINAL)
    if english():
        print("In all: " + ", ".join(plural(n, KIND_LABELS_EN[k]) for k, n in counted.items())
              + (f" ({working} working)" if TERMINAL in args.kinds else ""))
    else:
        counts = "，".join(f"{KIND_LABELS_ZH[k]} {n} 处" for k, n in counted.items())
        print(f"共 {counts}" + (f"（正常 {working} 处）" if TERMINAL in args.kinds else ""))
    return 0


def _json_row(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in ("uuid", "kind", "township_code", "township_name", "village_code",
                              "village_name", "name", "address", "contact", "phone", "status",
                              "lon", "lat", "notes", "updated_at")}
