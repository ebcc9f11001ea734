"""fieldapp info DB [--json]"""

from __future__ import annotations

from fieldapp.core.reconcile import COUNT_KEYS, COUNT_LABELS_ZH
from fieldapp.store.households import queries

from .common import open_store, print_json


def register(sub) -> None:
    p = sub.add_parser("info", help="数据库概况：角色、版本、各级数量")
    p.add_argument("db")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_store(args.db, readonly=True) as store:
        data = queries.info(store)
    if args.json:
        print_json(data)
        return 0
    c = data["counts"]
    print(f"角色: {data['role']}  区县: {data['county_code']}  数据库版本: {data['schema_version']}")
    print(f"乡镇 {c['townships']} 个，村（社区） {c['villages']} 个，"
          f"户 {c['households']}，走访 {c['visits']}，已定位 {c['located_households']} 户")
    print("  " + "，".join(f"{COUNT_LABELS_ZH[k]} {data['status'][k]}" for k in COUNT_KEYS))
    return 0
