"""fieldapp form check FORM.xlsx|FORM.xls | publish DB FORM.xlsx | list DB  [--json]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fieldapp.survey.errors import FormError
from fieldapp.survey.expression import Expression
from fieldapp.survey.loader import load_form
from fieldapp.survey.model import Form

from .common import english, in_language, open_store, plural, print_json, zh_en


def register(sub) -> None:
    p = sub.add_parser("form", help="核查表（XLSForm）工具")
    form_sub = p.add_subparsers(dest="form_command", metavar="SUBCOMMAND")
    c = form_sub.add_parser("check", help="检查核查表工作簿（XLSForm .xlsx 或 .xls）能否使用")
    c.add_argument("form", help="XLSForm 工作簿 (.xlsx 或 .xls)")
    c.add_argument("--json", action="store_true", help="输出 JSON")
    c.set_defaults(func=run_check)
    pub = form_sub.add_parser("publish", help="县级：发布修订的核查表（检查、版本必须更新，存入数据库，"
                              "随参考包发到笔记本）")
    pub.add_argument("db", help="县级数据库")
    pub.add_argument("form", help="XLSForm 工作簿；select_*_from_file 的选项文件放在它旁边")
    pub.add_argument("--json", action="store_true", help="输出 JSON")
    pub.set_defaults(func=run_publish)
    ls = form_sub.add_parser("list", help="列出已发布的核查表版本，以及各笔记本的走访用的是哪个版本")
    ls.add_argument("db", help="数据库")
    ls.add_argument("--json", action="store_true", help="输出 JSON")
    ls.set_defaults(func=run_list)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def describe(form: Form) -> dict[str, Any]:
    """The `form check --json` result (keys per DESIGN.md, more may be added)."""
    fields = []
    for f in form.fields.values():
        item: dict[str, Any] = {
            "name": f.name, "type": f.type, "required": f.required is not False,
            "choices": [c.name for c in form.choices_of(f)] if f.is_select else [],
            "label": form.text(f.labels), "group": f.groups[-1] if f.groups else None,
            "repeat": f.repeat or None,
        }
        if isinstance(f.required, Expression):
            item["required_if"] = f.required.source
        if f.relevant is not None:
            item["relevant"] = f.relevant.source
        fields.append(item)
    return {"form_id": form.form_id, "version": form.version, "title": form.title,
            "default_language": form.default_language, "languages": list(form.languages),
            "fields": fields, "warnings": [str(w) for w in form.warnings],
            "warnings_en": [w.text("en") for w in form.warnings]}


def pyxform_result(path: Path) -> dict[str, Any] | None:
    """What pyxform (if installed) says: ODK tools will accept the workbook too."""
    try:
        from pyxform.xls2xform import convert
    except ImportError:
        return None
    warnings: list[str] = []
    try:
        convert(str(path), warnings=warnings)
    except Exception as exc:  # noqa: BLE001 - pyxform raises many types; report them
        return {"ok": False, "error": str(exc), "warnings": warnings}
    return {"ok": True, "error": None, "warnings": warnings}


def run_check(args) -> int:
    path = Path(args.form)
    try:
        form = load_form(path)
    except FormError as exc:
        if args.json:
            print_json({"ok": False, "errors": [p.as_dict() for p in exc.problems]})
        print(f"fieldapp: {in_language(exc)}", file=sys.stderr)
        language = "en" if english() else "zh"
        for p in exc.problems[1:]:
            print(f"  {p.text(language)}", file=sys.stderr)
        return 1
    data = describe(form)
    data["ok"] = True
    data["pyxform"] = pyxform_result(path)
    if args.json:
        print_json(data)
        return 0
    print(f"{form.title}  form_id={form.form_id}  version={form.version}  "
          + zh_en("语言", "languages") + f": {', '.join(form.languages)}")
    required = sum(1 for f in data["fields"] if f["required"])
    print(zh_en(f"{len(data['fields'])} 个字段（{required} 个必填），{len(form.groups)} 个分组，"
                f"{len(form.choices)} 个选项列表",
                f"{plural(len(data['fields']), 'field')} ({required} required), {len(form.groups)} "
                f"groups, {plural(len(form.choices), 'choice list')}"))
    for f in data["fields"]:
        mark = "*" if f["required"] else " "
        choices = f"  [{' '.join(f['choices'])}]" if f["choices"] else ""
        print(f"  {mark} {f['name']:<24} {f['type']:<16} {f['label']}{choices}")
    for w in form.warnings:
        print(zh_en(f"注意: {w}", f"Note: {w.text('en')}"))
    px = data["pyxform"]
    if px is not None:
        if px["ok"]:
            n = len(px["warnings"])
            print(zh_en("pyxform: 可以转换为 ODK XForm" + (f"（{n} 条提示）" if n else ""),
                        "pyxform: converts to an ODK XForm"
                        + (f" ({plural(n, 'note')})" if n else "")))
        else:
            print(zh_en(f"注意: pyxform 不能转换（ODK 工具不接受）: {px['error']}",
                        f"Note: pyxform cannot convert it (ODK tools refuse it): {px['error']}"))
        for w in px["warnings"]:
            print(f"  pyxform: {w}")
    print(zh_en("检查通过", "Check passed"))
    return 0


_ORIGIN = {"shipped": ("程序附带", "shipped with the program"),
           "published": ("本库发布", "published here"),
           "received": ("参考包收到", "from a reference bundle")}


def run_publish(args) -> int:
    from fieldapp.jobs.form_publish import publish_form

    with open_store(args.db) as store:
        res = publish_form(store, args.form)
    if args.json:
        print_json(res.as_dict())
        return 0
    for w in res.warnings:
        print(zh_en(f"注意: {w}", f"Note: {w.text('en')}"), file=sys.stderr)
    files = f"，选项文件 {'、'.join(res.files)}" if res.files else ""
    files_en = f", choice files {', '.join(res.files)}" if res.files else ""
    print(zh_en(f"已发布 {res.title}  form_id={res.form_id}  版本 {res.version}"
                f"（原来用的是 {res.previous or '无'}{files}）。下一次生成的参考包会把它带到笔记本",
                f"Published {res.title}  form_id={res.form_id}  version {res.version} (before: "
                f"{res.previous or 'none'}{files_en}). The next reference bundle takes it to the "
                f"laptops"))
    return 0


def run_list(args) -> int:
    from fieldapp.jobs.form_publish import list_forms

    with open_store(args.db, readonly=True) as store:
        data = list_forms(store)
    if args.json:
        print_json(data)
        return 0
    en = english()
    _section(zh_en("正在使用:", "In use:"), zh_en("没有", "none"), data["in_use"], lambda u: (
        f"{_head(u)}{u['title']}（{'数据库' if u['source'] == 'database' else '程序附带'}）"
        if not en else f"{_head(u)}{u['title']} ("
        f"{'database' if u['source'] == 'database' else 'shipped with the program'})"))
    _section(zh_en("本库保存的版本:", "Versions kept in this database:"),
             zh_en("没有：使用程序附带的核查表", "none: the checklists shipped with the program are used"),
             data["forms"], lambda f: (
                 f"{_head(f)}{f['title'] or f['file_name']}  "
                 f"{_ORIGIN.get(f['origin'], (f['origin'],) * 2)[en]}  {(f['added_at'] or '')[:16]}"
                 + (zh_en(f"  选项文件: {'、'.join(f['files'])}",
                          f"  choice files: {', '.join(f['files'])}") if f["files"] else "")))
    _section(zh_en("走访和公共场所记录使用的版本（按乡镇、笔记本）:",
                   "Versions used by visits and public place records (by township, laptop):"),
             zh_en("还没有记录", "no records yet"), data["usage"], _usage_line)
    return 0


def _usage_line(u: dict[str, Any]) -> str:
    place, latest = u["township"] or u["township_code"], (u["latest"] or "")[:16]
    if english():
        drafts = f", {u['drafts']} of them drafts" if u["drafts"] else ""
        return (f"{_head(u)}{place}  {u['device']}: {plural(u['records'], 'record')}{drafts}, "
                f"latest {latest}")
    drafts = f"，其中草稿 {u['drafts']}" if u["drafts"] else ""
    return f"{_head(u)}{place}  {u['device']}: {u['records']} 条{drafts}，最近 {latest}"


def _head(row: dict[str, Any]) -> str:
    return f"  {row['form_id']:<22} {zh_en('版本', 'version')} {row['version']:<12} "


def _section(title: str, empty: str, rows: list[dict[str, Any]], line) -> None:
    print(title)
    if not rows:
        print(zh_en(f"  （{empty}）", f"  ({empty})"))
    for row in rows:
        print(line(row))
