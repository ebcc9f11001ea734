"""Module moves for issue 16, as data, and a re-runnable tool that applies them.

    python tools/module_moves.py apply     # git mv what is still at an old path, rewrite imports
    python tools/module_moves.py check     # exit 1 if anything still refers to an old module
    python tools/module_moves.py list      # print the mapping

The mapping is the record of every move: old dotted module -> new dotted module (``MODULE_MOVES``),
and old test path -> new test path (``TEST_MOVES``).  ``apply`` is idempotent: run it again after
merging code written in the old layout and it moves any file still at an old path and rewrites

* absolute imports (``from fieldapp.ui.about import X``, ``import fieldapp.ui.about``),
* ``from fieldapp.ui import about`` (a moved module imported by name from its package),
* relative imports (``from .about import X``, ``from . import about``) -- made absolute when they
  point at a moved module or sit in a moved file (resolved against the file's old place when they
  do not resolve at the new one, so code written in the old layout still lands right),
* dotted strings (``mock.patch("fieldapp.ui.about.X")``) and paths (``fieldapp/ui/about.py``,
  ``tests/ui/test_about.py``) in code, tests and docs,

across fieldapp/, tests/, bench/, tools/, packaging/ and docs/.  Only whole files move; no function
body is touched except for the import lines and the dotted strings above.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("fieldapp", "tests", "bench", "tools", "packaging")
TEXT_DIRS = ("docs", "resources/i18n", "packaging")
TEXT_FILES = ("README.md", "Makefile", "pyproject.toml", ".importlinter")
# The tool and its test name old modules on purpose.
SKIP = ("tools/module_moves.py", "tests/tools/test_module_moves.py")
TEXT_SUFFIXES = (".md", ".tsv", ".spec", ".txt", ".toml", ".cfg", ".ini", ".yml", ".yaml")

# Old dotted module -> new dotted module.  Moves are applied in this order.
MODULE_MOVES: dict[str, str] = {
    # top-level helpers go down into core (the lowest layer)
    "fieldapp.paths": "fieldapp.core.paths",
    "fieldapp.appdata": "fieldapp.core.appdata",
    "fieldapp.gazetteer": "fieldapp.core.gazetteer",
    # the synthetic register is demo data: tabular must not import demo
    "fieldapp.tabular.sample_register": "fieldapp.demo.sample_register",
}

# Names that moved between modules: (old module, old name) -> (new module, new name).  An import
# of the old name becomes ``from new_module import new_name as old_name`` (so code using the old
# name keeps working); the one Progress and the one Cancelled of fieldapp.core.progress.
_PROGRESS = ("fieldapp.core.progress", "Progress")
_CANCELLED = ("fieldapp.core.progress", "Cancelled")
NAME_MOVES: dict[tuple[str, str], tuple[str, str]] = {
    **{(m, "Progress"): _PROGRESS for m in (
        "fieldapp.core.register_rows", "fieldapp.demo.build", "fieldapp.geo.boundary_import",
        "fieldapp.geo.checks", "fieldapp.geo.export", "fieldapp.geo.point_import",
        "fieldapp.reports.report_data", "fieldapp.reports.report_job",
        "fieldapp.reports.sheets_job", "fieldapp.reports.village_sheet", "fieldapp.store.backup",
        "fieldapp.store.check", "fieldapp.store.register_import",
        "fieldapp.store.register_visits", "fieldapp.sync.export", "fieldapp.sync.merge",
        "fieldapp.sync.plan", "fieldapp.sync.reference", "fieldapp.tabular.register_job",
        "fieldapp.tabular.visits_job")},
    ("fieldapp.geo.errors", "Cancelled"): _CANCELLED,
    ("fieldapp.reports.errors", "Cancelled"): _CANCELLED,
    ("fieldapp.sync.errors", "MergeCancelled"): _CANCELLED,
    ("fieldapp.store.backup", "BackupCancelled"): _CANCELLED,
    ("fieldapp.store.register_import", "ImportCancelled"): _CANCELLED,
    ("fieldapp.store.import_log", "UndoCancelled"): _CANCELLED,
}

# Old test file path -> new test file path (tests mirror the package layout).
TEST_MOVES: dict[str, str] = {}

# Docstrings for the packages the moves create.
PACKAGE_DOCS: dict[str, str] = {}


# ---- names and paths ---------------------------------------------------------------------------

def module_path(module: str, root: Path = ROOT) -> Path | None:
    """The file or package folder of a dotted module under root, or None if absent."""
    base = root.joinpath(*module.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base
    return None


def module_of(path: Path, root: Path = ROOT) -> str | None:
    """Dotted module of a .py file under fieldapp/ (packages give their own name)."""
    rel = path.relative_to(root)
    if rel.parts[0] != "fieldapp" or rel.suffix != ".py":
        return None
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _longest_prefix(name: str, modules) -> str | None:
    best = None
    for mod in modules:
        if (name == mod or name.startswith(mod + ".")) and (best is None or len(mod) > len(best)):
            best = mod
    return best


def map_module(name: str, moves: dict[str, str] | None = None) -> str:
    """The new dotted name for name (a module or module.attribute); unchanged if not moved.

    Idempotent because no new name sits under an old one (``validate``).
    """
    moves = MODULE_MOVES if moves is None else moves
    old = _longest_prefix(name, moves)
    return name if old is None else moves[old] + name[len(old):]


def old_name_of(module: str, moves: dict[str, str]) -> str | None:
    """The old dotted name of a module now at a new place (inverse of the mapping)."""
    for old, new in moves.items():
        if module == new or module.startswith(new + "."):
            return old + module[len(new):]
    return None


# ---- moving files ------------------------------------------------------------------------------

def _git(*args: str, root: Path) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)


def _ensure_package(pkg_dir: Path, root: Path, docs: dict[str, str]) -> None:
    """Create pkg_dir (and its parents under fieldapp/) as packages with an __init__.py."""
    rel_parts = pkg_dir.relative_to(root).parts
    for i in range(1, len(rel_parts) + 1):
        d = root.joinpath(*rel_parts[:i])
        d.mkdir(exist_ok=True)
        init = d / "__init__.py"
        if not init.exists():
            dotted = ".".join(rel_parts[:i])
            init.write_text(f'"""{docs.get(dotted, rel_parts[i - 1])}"""\n', encoding="utf-8")
            _git("add", str(init.relative_to(root)), root=root)


def validate(moves: dict[str, str]) -> None:
    """A new name must never sit under an old one (``ui.dashboard`` -> ``ui.dashboard.tab``):
    the old name would then also name the new package and a re-run could not tell them apart."""
    for new in moves.values():
        clash = _longest_prefix(new, moves)
        if clash is not None:
            raise ValueError(f"{new} sits under the old module {clash}; choose another package")


def move_files(root: Path = ROOT, moves=None, test_moves=None, docs=None) -> list[str]:
    """git mv every module and test file still at an old path; returns what moved."""
    moves = MODULE_MOVES if moves is None else moves
    validate(moves)
    test_moves = TEST_MOVES if test_moves is None else test_moves
    docs = PACKAGE_DOCS if docs is None else docs
    done = []
    for old, new in moves.items():
        src = module_path(old, root)
        if src is None or module_path(new, root) is not None:
            continue
        dst = root.joinpath(*new.split("."))
        if src.suffix == ".py":
            dst = dst.with_suffix(".py")
        _ensure_package(dst.parent, root, docs)
        _git("mv", str(src.relative_to(root)), str(dst.relative_to(root)), root=root)
        done.append(f"{old} -> {new}")
    for old, new in test_moves.items():
        src, dst = root / old, root / new
        if src.exists() and not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            _git("mv", old, new, root=root)
            done.append(f"{old} -> {new}")
    return done


# ---- rewriting imports ---------------------------------------------------------------------------

_DOTTED = re.compile(r"(?<![\w.])fieldapp(?:\.\w+)+")
_PATH = re.compile(r"(?<![\w/])fieldapp(?:/\w+)+(?:\.py)?(?![\w/])")


def _resolve_relative(node: ast.ImportFrom, package: str) -> str:
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join(base + ([node.module] if node.module else []))


def _package_of(path: Path, module: str) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


class _FileContext:
    """Where a source file sits now and where it sat before the moves (for relative imports)."""

    def __init__(self, path: Path, root: Path, moves: dict[str, str]):
        self.module = module_of(path, root) if path.is_relative_to(root / "fieldapp") else None
        self.old_module = old_name_of(self.module, moves) if self.module else None
        self.package = _package_of(path, self.module) if self.module else None
        self.old_package = _package_of(path, self.old_module) if self.old_module else None


def _absolute_target(node: ast.ImportFrom, ctx: _FileContext, root: Path, moves) -> tuple:
    """(absolute module, came from a relative import that must become absolute).

    A relative import in a moved file is read at the file's new place if it resolves there, else
    at its old place (code written in the old layout and merged after the move).
    """
    if node.level == 0:
        return node.module or "", False
    if ctx.package is None:
        return None, False
    here = _resolve_relative(node, ctx.package)
    if ctx.old_package is None:
        return here, False
    if _resolves(node, here, root, moves):
        return here, True
    before = _resolve_relative(node, ctx.old_package)
    return (before if _resolves(node, before, root, moves) else here), True


def _exists(name: str, root: Path, moves) -> bool:
    return module_path(name, root) is not None or _longest_prefix(name, moves) is not None


def _resolves(node: ast.ImportFrom, target: str, root: Path, moves) -> bool:
    if not _exists(target, root, moves):
        return False
    return node.module is not None or all(_exists(f"{target}.{a.name}", root, moves)
                                          for a in node.names)


def _split_names(node, target, spelt, renamed, names, moves) -> str:
    """Rewrite an import some of whose names moved to another module (the others stay
    imported from spelt, the module as the rewritten file names it)."""
    lines = []
    rest = [a for a in node.names if a not in renamed]
    if rest:
        lines.append(f"from {spelt} import "
                     + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in rest))
    for a in renamed:
        mod, name = names.get((target, a.name)) or names[(map_module(target, moves), a.name)]
        alias = a.asname or a.name
        lines.append(f"from {map_module(mod, moves)} import {name}"
                     + (f" as {alias}" if alias != name else ""))
    return ("\n" + " " * node.col_offset).join(lines)


def _rewrite_import(node, text_seg, ctx, root, moves, names) -> str | None:
    target, force_abs = _absolute_target(node, ctx, root, moves)
    if not target:
        return None
    new_target = map_module(target, moves)
    moved_names = [a for a in node.names
                   if a.name != "*" and f"{target}.{a.name}" in moves]
    renamed = [a for a in node.names if (target, a.name) in names or (new_target, a.name) in names]
    if renamed:
        keep_relative = node.level and not force_abs and new_target == target
        spelt = "." * node.level + (node.module or "") if keep_relative else new_target
        return _split_names(node, target, spelt, renamed, names, moves)
    if not moved_names:
        if new_target == target and not force_abs:
            return None
        head = re.match(r"from\s+[.\w]*\s+import", text_seg)
        return f"from {new_target} import" + text_seg[head.end():]
    lines = []
    rest = [a for a in node.names if a not in moved_names]
    if rest:
        names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in rest)
        lines.append(f"from {new_target} import {names}")
    for a in moved_names:
        new_mod = map_module(f"{target}.{a.name}", moves)
        parent, _, leaf = new_mod.rpartition(".")
        alias = a.asname or (a.name if leaf != a.name else None)
        lines.append(f"from {parent} import {leaf}" + (f" as {alias}" if alias else ""))
    indent = " " * node.col_offset
    return ("\n" + indent).join(lines)


def _offsets(source: str) -> list[int]:
    starts, pos = [0], 0
    for line in source.splitlines(keepends=True):
        pos += len(line)
        starts.append(pos)
    return starts


def rewrite_python(source: str, path: Path, root: Path = ROOT, moves=None, names=None) -> str:
    """Rewrite the from-imports of one Python file, then its dotted names and paths."""
    moves = MODULE_MOVES if moves is None else moves
    names = NAME_MOVES if names is None else names
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return rewrite_text(source, moves)
    ctx = _FileContext(path, root, moves)
    starts = _offsets(source)
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        a = starts[node.lineno - 1] + node.col_offset
        b = starts[node.end_lineno - 1] + node.end_col_offset
        new = _rewrite_import(node, source[a:b], ctx, root, moves, names)
        if new is not None:
            edits.append((a, b, new))
    for a, b, new in sorted(edits, reverse=True):
        source = source[:a] + new + source[b:]
    return rewrite_text(source, moves)


def rewrite_text(text: str, moves=None, test_moves=None) -> str:
    """Rewrite dotted module names and file paths in any text."""
    moves = MODULE_MOVES if moves is None else moves
    test_moves = TEST_MOVES if test_moves is None else test_moves
    text = _DOTTED.sub(lambda m: map_module(m.group(0), moves), text)

    def path_sub(m):
        p = m.group(0)
        is_py = p.endswith(".py")
        dotted = (p[:-3] if is_py else p).replace("/", ".")
        new = map_module(dotted, moves)
        if new == dotted:
            return p
        return new.replace(".", "/") + (".py" if is_py else "")

    text = _PATH.sub(path_sub, text)
    for old, new in test_moves.items():
        text = re.sub(rf"(?<![\w/]){re.escape(old)}(?![\w/])", new, text)
    return text


def _files(root: Path):
    seen = set()
    for d in CODE_DIRS + TEXT_DIRS:
        base = root / d
        if not base.exists():
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and (p.suffix == ".py" or p.suffix in TEXT_SUFFIXES) and p not in seen:
                seen.add(p)
                yield p
    for name in TEXT_FILES:
        if (root / name).is_file():
            yield root / name


def rewrite_all(root: Path = ROOT, moves=None, test_moves=None) -> list[str]:
    """Rewrite imports, dotted names and paths in every code and text file; returns changed files."""
    moves = MODULE_MOVES if moves is None else moves
    test_moves = TEST_MOVES if test_moves is None else test_moves
    changed = []
    for p in _files(root):
        if str(p.relative_to(root)) in SKIP:
            continue
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".py":
            new = rewrite_python(text, p, root, moves)
            new = rewrite_text(new, moves, test_moves)
        else:
            new = rewrite_text(text, moves, test_moves)
        if new != text:
            p.write_text(new, encoding="utf-8")
            changed.append(str(p.relative_to(root)))
    return changed


def apply(root: Path = ROOT, moves=None, test_moves=None, docs=None) -> tuple[list, list]:
    moved = move_files(root, moves, test_moves, docs)
    changed = rewrite_all(root, moves, test_moves)
    return moved, changed


def leftovers(root: Path = ROOT, moves=None) -> list[str]:
    """Old modules still present as files (apply not yet run)."""
    moves = MODULE_MOVES if moves is None else moves
    return [old for old, new in moves.items()
            if module_path(old, root) is not None and module_path(new, root) is None]


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "list"
    if cmd == "apply":
        moved, changed = apply()
        for line in moved:
            print("moved", line)
        print(f"{len(moved)} moved, {len(changed)} files rewritten")
        return 0
    if cmd == "check":
        left = leftovers()
        changed = [p for p in _files(ROOT) if p.suffix == ".py"
                   and str(p.relative_to(ROOT)) not in SKIP
                   and rewrite_python(p.read_text(encoding="utf-8"), p)
                   != p.read_text(encoding="utf-8")]
        for item in left + [str(p) for p in changed]:
            print("old layout:", item)
        return 1 if left or changed else 0
    for old, new in {**MODULE_MOVES, **TEST_MOVES}.items():
        print(f"{old} -> {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
