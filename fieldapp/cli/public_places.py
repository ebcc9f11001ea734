"""fieldapp public-places DB [--township CODE | --village CODE] [--json]"""

from __future__ import annotations

from typing import Any

from fieldapp.store import public_places as P
from fieldapp.store.form_source import current_form
from fieldapp.survey.registry import PUBLIC_PLACE_FORM

from .common import english, open_store, print_json, resolve_area, zh_en, plural


def register(sub) -> None:
    p = sub.add_parser("public-places", help="列出公共场所（党政机关、企事业单位、宾馆、医院、学校、"
                                             "住宅小区等）及其有线电视接入核查情况")
    p.add_argument("db")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--township", help="只列这个乡镇（9 或 12 位区划代码）")
    where.add_argument("--village", help="只列这个村（社区）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    raw = args.township or args.village
    wanted = "township" if args.township else "village"
    with open_store(args.db, readonly=True) as store:
        code = resolve_area(store, raw, (wanted,), f"--{wanted}") if raw else None
        places = P.list_places(store, code)
        label = _labeller(store)
    if args.json:
        print_json([_json_row(p) for p in places])
        return 0
    if not places:
        print(zh_en("没有登记公共场所", "No public places recorded"))
        return 0
    for p in places:
        a = p["answers"]
        where = " ".join(n for n in (p["township_name"], p["village_name"]) if n)
        print("\t".join((
            label("place_type", p["place_type"]), p["name"] or zh_en("（未填名称）", "(no name)"),
            where, _cable(a.get("cable_opened")),
            label("channels", a.get("channels") if a.get("cable_opened") == "yes" else ""),
            zh_en("已完成", "complete") if p["state"] == "complete"
            else zh_en("未完成", "incomplete"))))
    done = sum(p["state"] == "complete" for p in places)
    opened = sum(p["state"] == "complete" and p["answers"].get("cable_opened") == "yes"
                 for p in places)  # a draft's answer is not yet a finding (as the report)
    print(zh_en(f"共 {len(places)} 处，有线电视已开通 {opened} 处，核查已完成 {done} 处",
                f"{plural(len(places), 'place')}, cable TV open at {opened}, {done} "
                f"checks complete"))
    return 0


def _json_row(p: dict[str, Any]) -> dict[str, Any]:
    a = p["answers"]
    return {
        "uuid": p["uuid"], "township_code": p["township_code"],
        "township_name": p["township_name"], "village_code": p["village_code"],
        "village_name": p["village_name"], "place_type": p["place_type"], "name": p["name"],
        "cable_opened": a.get("cable_opened"),
        "channels": str(a.get("channels") or "").split() if a.get("cable_opened") == "yes"
        else [],
        "state": p["state"], "surveyor": p["surveyor"], "lon": p["lon"], "lat": p["lat"],
        "form_id": p["form_id"], "form_version": p["form_version"],
        "updated_at": p["updated_at"], "answers": a,
    }


def _labeller(store):
    """Choice labels from the public-place checklist; the codes if it cannot be loaded."""
    try:
        form = current_form(store, PUBLIC_PLACE_FORM)
    except Exception:  # noqa: BLE001 - the list is still useful with codes
        form = None

    def label(field: str, value: Any) -> str:
        if not value:
            return ""
        if form is None or field not in form.fields:
            return str(value)
        f = form.fields[field]
        language = "en" if english() else "zh"
        return zh_en("、", ", ").join(form.choice_label(f, v, language) for v in str(value).split())

    return label


def _cable(opened) -> str:
    if opened == "yes":
        return zh_en("有线已开通", "cable open")
    return zh_en("未开通", "not open") if opened == "no" else zh_en("未填", "not filled in")
