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


def _with_text(call: ast.Call) -> bool:
    args = list(call.args) + [k.value for k in call.keywords if k.arg == "message"]
    return any(_inline_text(a) for a in args)


def _an_error(call: ast.Call) -> bool:
    """A call that makes an error to raise later (`return StoreError(...)`)."""
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
    return name.endswith("Error")


def _raises_with_text(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _with_text(node.exc):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _an_error(node) and _with_text(node):
            lines.append(node.lineno)
    return sorted(set(lines))


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


def test_the_check_sees_an_error_made_to_raise_later(tmp_path):
    code = tmp_path / "made.py"
    code.write_text("def f(e):\n    return StoreError(f'备份失败（{e}）', where='x')\n"
                    "def g():\n    return StoreError(ErrorCode.BACKUP_OS_FAILED, reason='x')\n",
                    encoding="utf-8")
    assert _raises_with_text(code) == [2]
