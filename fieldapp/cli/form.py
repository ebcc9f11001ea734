"""fieldapp form check FORM.xlsx|FORM.xls [--json]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fieldapp.survey.errors import FormError
from fieldapp.survey.expression import Expression
from fieldapp.survey.loader import load_form
from fieldapp.survey.model import Form

from .common import print_json


def register(sub) -> None:
    p = sub.add_parser("form", help="核查表（XLSForm）工具")
    form_sub = p.add_subparsers(dest="form_command", metavar="SUBCOMMAND")
    c = form_sub.add_parser("check", help="检查核查表工作簿（XLSForm .xlsx 或 .xls）能否使用")
    c.add_argument("form", help="XLSForm 工作簿 (.xlsx 或 .xls)")
    c.add_argument("--json", action="store_true", help="输出 JSON")
    c.set_defaults(func=run_check)
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
            "fields": fields, "warnings": list(form.warnings)}


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
        print(f"fieldapp: {exc}", file=sys.stderr)
        for p in exc.problems[1:]:
            print(f"  {p}", file=sys.stderr)
        return 1
    data = describe(form)
    data["ok"] = True
    data["pyxform"] = pyxform_result(path)
    if args.json:
        print_json(data)
        return 0
    print(f"{form.title}  form_id={form.form_id}  version={form.version}  "
          f"语言: {', '.join(form.languages)}")
    required = sum(1 for f in data["fields"] if f["required"])
    print(f"{len(data['fields'])} 个字段（{required} 个必填），{len(form.groups)} 个分组，"
          f"{len(form.choices)} 个选项列表")
    for f in data["fields"]:
        mark = "*" if f["required"] else " "
        choices = f"  [{' '.join(f['choices'])}]" if f["choices"] else ""
        print(f"  {mark} {f['name']:<24} {f['type']:<16} {f['label']}{choices}")
    for w in form.warnings:
        print(f"注意: {w}")
    px = data["pyxform"]
    if px is not None:
        if px["ok"]:
            print("pyxform: 可以转换为 ODK XForm" + (f"（{len(px['warnings'])} 条提示）"
                                                   if px["warnings"] else ""))
        else:
            print(f"注意: pyxform 不能转换（ODK 工具不接受）: {px['error']}")
        for w in px["warnings"]:
            print(f"  pyxform: {w}")
    print("检查通过")
    return 0
