"""Translations: collect the UI strings, check them against the zh_CN tables, build .ts and .qm.

The Chinese translations are kept as small tab-separated tables, one per area of the UI
(resources/i18n/zh_CN/*.tsv: context, English source, Chinese), so parallel work never edits the
same file. `python tools/i18n.py build` writes resources/i18n/fieldapp_zh_CN.ts (the Qt Linguist
source) and compiles it to fieldapp_zh_CN.qm with pyside6-lrelease.

    python tools/i18n.py check    list UI strings without a zh_CN translation (exit 1 if any)
    python tools/i18n.py build    write the .ts and compile the .qm
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "fieldapp" / "ui"
I18N = ROOT / "resources" / "i18n"


def extract(ui_dir: Path = UI) -> dict[tuple[str, str], str]:
    """(context, source) -> "file:line" for every self.tr(...) / translate(ctx, ...) literal."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(ui_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _visit(tree, None, path, found)
        helper = _helper_context(tree)
        if helper:  # module helper `def _t(text): return translate("Ctx", text)`
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_t"
                        and node.args and isinstance(node.args[0], ast.Constant)):
                    found.setdefault((helper, node.args[0].value),
                                     f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _helper_context(tree) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_t":
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "translate" and call.args
                        and isinstance(call.args[0], ast.Constant)):
                    return call.args[0].value
    return None


def _visit(node, cls, path, found) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            _visit(child, child.name, path, found)
            continue
        if isinstance(child, ast.Call):
            key = _message(child, cls)
            if key:
                found.setdefault(key, f"{path.relative_to(ROOT)}:{child.lineno}")
        _visit(child, cls, path, found)


def _message(call: ast.Call, cls: str | None) -> tuple[str, str] | None:
    func = call.func
    args = call.args
    if isinstance(func, ast.Attribute) and func.attr == "tr" and cls and args:
        if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            return cls, args[0].value
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "translate" and len(args) >= 2 and all(
        isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]
    ):
        return args[0].value, args[1].value
    return None


def load_tables(lang: str = "zh_CN") -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for tsv in sorted((I18N / lang).glob("*.tsv")):
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{tsv}:{n}: expected 3 tab-separated fields")
            ctx, src, dst = (p.replace("\\n", "\n") for p in parts)
            table[(ctx, src)] = dst
    return table


def missing(lang: str = "zh_CN") -> list[str]:
    table = load_tables(lang)
    return [f"{where}: [{ctx}] {src!r}" for (ctx, src), where in sorted(extract().items())
            if not table.get((ctx, src))]


def write_ts(lang: str = "zh_CN") -> Path:
    table = load_tables(lang)
    contexts: dict[str, list[tuple[str, str]]] = {}
    for (ctx, src), dst in sorted(table.items()):
        contexts.setdefault(ctx, []).append((src, dst))
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{lang}">']
    for ctx, messages in contexts.items():
        out.append(f"<context>\n    <name>{escape(ctx)}</name>")
        for src, dst in messages:
            if "%n" in src:
                out.append(f'    <message numerus="yes">\n        <source>{escape(src)}</source>\n'
                           f"        <translation>\n            <numerusform>{escape(dst)}"
                           f"</numerusform>\n        </translation>\n    </message>")
            else:
                out.append(f"    <message>\n        <source>{escape(src)}</source>\n"
                           f"        <translation>{escape(dst)}</translation>\n    </message>")
        out.append("</context>")
    out.append("</TS>\n")
    ts = I18N / f"fieldapp_{lang}.ts"
    text = "\n".join(out)
    if not ts.exists() or ts.read_text(encoding="utf-8") != text:
        tmp = ts.with_suffix(f".ts.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, ts)
    return ts


def lrelease() -> str:
    here = Path(sys.executable).parent
    for cand in (here / "pyside6-lrelease", shutil.which("pyside6-lrelease"), shutil.which("lrelease")):
        if cand and Path(cand).exists():
            return str(cand)
    raise SystemExit("pyside6-lrelease not found (pip install PySide6-Essentials)")


def build(lang: str = "zh_CN") -> Path:
    ts = write_ts(lang)
    qm = ts.with_suffix(".qm")
    # A running app keeps the .qm memory-mapped: write a new file and swap it in, never rewrite
    # the mapped one in place.
    tmp = qm.with_suffix(f".qm.{os.getpid()}.tmp")
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(tmp)], check=True)
    os.replace(tmp, qm)
    return qm


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "build"
    if cmd == "check":
        gaps = missing()
        print("\n".join(gaps) or "every UI string has a zh_CN translation")
        sys.exit(1 if gaps else 0)
    print(build())
