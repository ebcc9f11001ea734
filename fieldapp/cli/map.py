"""fieldapp map import DB FILE [--level county|township|village] [--crs EPSG:NNNN|gcj02]
fieldapp map export DB -o FILE.gpkg|FILE.geojson [--layer households|villages|facilities]
fieldapp map check DB [--area CODE] [--threshold METRES] [--json]
fieldapp map basemap FILE.mbtiles [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import StderrProgress, code_arg, english, open_store, plural, print_json, zh_en
from fieldapp.core.messages import ErrorCode, Words
from .labels import GEO_CHECK_LABELS_EN, label


def register(sub) -> None:
    p = sub.add_parser("map", help="地图：导入边界/户坐标、导出地图文件、空间检查")
    msub = p.add_subparsers(dest="map_command", metavar="ACTION")
    imp = msub.add_parser(
        "import", help="导入边界（.geojson .zip(Shapefile) .shp .gpkg .kml .kmz）或户坐标（.csv .gpx）")
    imp.add_argument("db")
    imp.add_argument("file")
    imp.add_argument("--level", choices=("county", "township", "village"),
                     help="只匹配这一级区划（默认按代码或名称自动判断）")
    imp.add_argument("--crs", help="文件坐标系：EPSG:4326、EPSG:4490、EPSG:4534–4554（3度带）或 gcj02；"
                                   "文件自带坐标系时以文件为准")
    imp.add_argument("--dry-run", action="store_true", help="只检查和匹配，不写入")
    imp.add_argument("--user", help="记入审计日志的操作人")
    imp.add_argument("--json", action="store_true", help="输出 JSON")
    imp.set_defaults(func=run_import)

    exp = msub.add_parser("export", help="导出 GeoPackage 1.3 或 GeoJSON：户图层和村图层")
    exp.add_argument("db")
    exp.add_argument("-o", "--output", required=True, help="FILE.gpkg 或 FILE.geojson")
    exp.add_argument("--layer", choices=("households", "villages", "facilities"),
                     help="只导出一个图层（facilities：服务网点和应急广播终端）")
    exp.add_argument("--json", action="store_true", help="输出 JSON")
    exp.set_defaults(func=run_export)

    chk = msub.add_parser("check", help="空间检查：户不在本村范围内、位置重复、未定位的户")
    chk.add_argument("db")
    chk.add_argument("--area", type=code_arg, help="只检查这个乡镇或村（区划代码）")
    chk.add_argument("--threshold", type=float, default=None,
                     help="位置重复的距离阈值，米（默认 1）")
    chk.add_argument("--json", action="store_true", help="输出 JSON")
    chk.set_defaults(func=run_check)

    base = msub.add_parser("basemap", help="检查离线底图（MBTiles）：能否打开、名称、缩放级别、范围"
                                           "（与地图打开底图时的检查相同）")
    base.add_argument("file")
    base.add_argument("--json", action="store_true", help="输出 JSON")
    base.set_defaults(func=run_basemap)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_import(args) -> int:
    from fieldapp.geo.boundary_import import apply_boundary_import, plan_boundary_import
    from fieldapp.geo.point_import import POINT_SUFFIXES, apply_point_import, plan_point_import

    points = Path(args.file).suffix.lower() in POINT_SUFFIXES
    with open_store(args.db) as store:
        if points:
            plan = plan_point_import(store, args.file, crs=args.crs)
            count = len(plan.positions)
        else:
            plan = plan_boundary_import(store, args.file, level=args.level, crs=args.crs)
            count = len(plan.matches)
        if count == 0:
            from .common import CliError

            first = Words(plan.rejected[0]["reason"], plan.rejected[0].get(
                "reason_en", plan.rejected[0]["reason"])) if plan.rejected \
                else ErrorCode.CLI_MAP_NO_DATA
            raise CliError(ErrorCode.CLI_MAP_NOTHING_MATCHED, first=first, where=args.file)
        if args.dry_run:
            result = {"kind": "households" if points else "boundaries", "matched": count,
                      "updated": 0, "unchanged": 0, "rejected": plan.rejected,
                      "crs": plan.crs.label, "crs_en": plan.crs.text("en"),
                      "crs_source": plan.crs_source,
                      "warnings": plan.warnings, "dry_run": True}
        elif points:
            result = apply_point_import(store, plan, user=args.user,
                                        progress=StderrProgress(zh_en("导入户坐标", "Importing positions")))
        else:
            result = apply_boundary_import(store, plan, user=args.user,
                                           progress=StderrProgress(zh_en("导入边界", "Importing boundaries")))
    if args.json:
        print_json(result)
        return 0
    _print_import(args, result, points, count)
    return 0


def _english(note) -> str:
    return note if isinstance(note, str) else note.text("en")


def _print_import(args, result, points: bool, count: int) -> None:
    if english():
        what = "household positions" if points else "boundaries"
        head = "Trial run, nothing written: " if args.dry_run else ""
        print(f"{head}{what}: coordinate system {result['crs_en']} "
              f"({_source(result['crs_source'])}), "
              + (f"{count} matched" if args.dry_run
                 else f"{result['updated']} updated, {result['unchanged']} unchanged")
              + f", {len(result['rejected'])} not imported")
    else:
        what = "户坐标" if points else "边界"
        head = "试运行，未写入：" if args.dry_run else ""
        print(f"{head}{what}：坐标系 {result['crs']}（{_source(result['crs_source'])}），"
              + (f"匹配 {count} 个" if args.dry_run
                 else f"更新 {result['updated']} 个，未变 {result['unchanged']} 个")
              + f"，未导入 {len(result['rejected'])} 个")
    for w in result["warnings"]:
        print(zh_en(f"  注意: {w}", f"  note: {_english(w)}"), file=sys.stderr)
    for r in result["rejected"][:50]:
        if isinstance(r["row"], int):
            where = zh_en(f"第 {r['row']} 行", f"row {r['row']}")
        else:
            where = zh_en(r["row"], r.get("row_en", r["row"]))
        print(zh_en(f"  未导入 {where}: {r['reason']}",
                    f"  not imported, {where}: {r.get('reason_en', r['reason'])}"),
              file=sys.stderr)
    if len(result["rejected"]) > 50:
        print(zh_en(f"  …… 另有 {len(result['rejected']) - 50} 个未导入（用 --json 查看全部）",
                    f"  ... {len(result['rejected']) - 50} more not imported (--json lists "
                    "them all)"), file=sys.stderr)
    return 0


def run_export(args) -> int:
    from fieldapp.geo.export import export_map

    with open_store(args.db) as store:
        result = export_map(store, args.output, layer=args.layer,
                            progress=StderrProgress(zh_en("导出地图", "Exporting the map")))
    if args.json:
        print_json(result)
        return 0
    if english():
        counts = ", ".join(f"{v} {k}" for k, v in result["counts"].items())
        print(f"Exported {', '.join(result['files'])}: {counts}")
    else:
        counts = "，".join(
            f"{ {'households': '户', 'villages': '村', 'facilities': '服务网点和终端'}[k] } {v} 个"
            for k, v in result["counts"].items())
        print(f"已导出 {'、'.join(result['files'])}：{counts}")
    return 0


def run_check(args) -> int:
    from fieldapp.geo.checks import DEFAULT_THRESHOLD_M, KIND_LABELS_ZH, run_checks

    threshold = DEFAULT_THRESHOLD_M if args.threshold is None else args.threshold
    if threshold < 0:
        from .common import CliError

        raise CliError(ErrorCode.CLI_NEGATIVE, option="--threshold")
    with open_store(args.db) as store:
        report = run_checks(store, area_code=args.area, threshold_m=threshold)
    if args.json:
        print_json(report.to_json())
        return 0
    counts = report.counts()
    print(zh_en(f"已定位 {report.located} 户，距离按 {report.crs} 计算",
                f"{plural(report.located, 'household')} located, distances in {report.crs_en}"))
    for kind, n in counts.items():
        print(f"  {label(kind, KIND_LABELS_ZH, GEO_CHECK_LABELS_EN)}: {n}")
    for f in report.findings[:30]:
        hh = ", ".join(h[:8] for h in f.households[:5])
        print(f"  [{label(f.kind, KIND_LABELS_ZH, GEO_CHECK_LABELS_EN)}] "
              + zh_en("村", "village") + f" {f.village_code}: {zh_en(f.detail, f.detail_en)}"
              + (zh_en(f"（{hh}）", f" ({hh})") if f.households else ""))
    if len(report.findings) > 30:
        print(zh_en(f"  …… 共 {len(report.findings)} 条（用 --json 查看全部）",
                    f"  ... {len(report.findings)} in all (--json lists them all)"))
    return 0


def run_basemap(args) -> int:
    from fieldapp.store.geo.mbtiles_basemap import basemap_info

    info = basemap_info(args.file)  # the same checks and time bounds as the map's
    if args.json:
        print_json(info)
        return 0
    if english():
        bounds = ", ".join(f"{v:g}" for v in info["bounds"]) if info["bounds"] else "not stated"
        print(f"Base map {info['name']} ({info['format']}): zoom levels {info['minzoom']}-"
              f"{info['maxzoom']}, bounds {bounds}")
    else:
        bounds = "、".join(f"{v:g}" for v in info["bounds"]) if info["bounds"] else "未说明"
        print(f"底图 {info['name']}（{info['format']}）：缩放级别 {info['minzoom']}–"
              f"{info['maxzoom']}，范围 {bounds}")
    return 0


def _source(source: str) -> str:
    if english():
        return {"file": "declared by the file", "option": "given by --crs",
                "assumed": "assumed"}.get(source, source)
    return {"file": "文件声明", "option": "--crs 指定", "assumed": "默认"}.get(source, source)
