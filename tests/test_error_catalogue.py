"""Errors a user sees are raised with a catalogue code and parameters (fieldapp.core.messages),
not with inline text, so every message has its Chinese and its English."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "fieldapp"


def _inline_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_inline_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _inline_text(node.left) or _inline_text(node.right)
    return False


def _raises_with_text(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            args = list(call.args) + [k.value for k in call.keywords if k.arg == "message"]
            if any(_inline_text(a) for a in args):
                lines.append(node.lineno)
    return lines


def _offenders() -> dict[str, list[int]]:
    found = {}
    for path in sorted(PKG.rglob("*.py")):
        if lines := _raises_with_text(path):
            found[path.relative_to(PKG.parent).as_posix()] = lines
    return found


def test_no_file_raises_with_inline_text():
    assert _offenders() == {}, "raise with an ErrorCode from fieldapp/core/messages.py instead"


def test_the_check_sees_inline_text():
    tree = "raise FieldappError(f'文件 {p} 不存在')\nraise Cancelled(ErrorCode.CANCELLED)\n"
    tmp = ast.parse(tree)
    found = [n.lineno for n in ast.walk(tmp) if isinstance(n, ast.Raise)
             and any(_inline_text(a) for a in n.exc.args)]
    assert found == [1]
