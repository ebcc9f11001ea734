"""fieldapp info DB [--json]"""

from __future__ import annotations

from fieldapp.core.reconcile import COUNT_KEYS, COUNT_LABELS_ZH
from fieldapp.store.households import queries

from .common import open_store, print_json, zh_en, plural
from .labels import COUNT_LABELS_EN, label


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
    print(zh_en(f"角色: {data['role']}  区县: {data['county_code']}  "
                f"数据库版本: {data['schema_version']}",
                f"Role: {data['role']}  County: {data['county_code']}  "
                f"Database version: {data['schema_version']}"))
    print(zh_en(f"乡镇 {c['townships']} 个，村（社区） {c['villages']} 个，户 {c['households']}，"
                f"走访 {c['visits']}，已定位 {c['located_households']} 户",
                f"{plural(c['townships'], 'township')}, {plural(c['villages'], 'village')}, "
                f"{plural(c['households'], 'household')}, {plural(c['visits'], 'visit')}, "
                f"{c['located_households']} located"))
    print("  " + zh_en("，", ", ").join(
        f"{label(k, COUNT_LABELS_ZH, COUNT_LABELS_EN)} {data['status'][k]}" for k in COUNT_KEYS))
    return 0
