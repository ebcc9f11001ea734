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
    # ---- long jobs: one function each, shared by CLI and GUI (fieldapp/jobs) ----
    "fieldapp.tabular.register_job": "fieldapp.jobs.register_import",
    "fieldapp.tabular.visits_job": "fieldapp.jobs.visits_import",
    "fieldapp.reports.sheets_job": "fieldapp.jobs.sheets",
    "fieldapp.reports.report_job": "fieldapp.jobs.coverage_report",
    "fieldapp.demo.build": "fieldapp.jobs.demo_build",
    "fieldapp.sync.export": "fieldapp.jobs.bundle_export",
    "fieldapp.sync.reference": "fieldapp.jobs.reference_bundle",
    # ---- store by aggregate ----
    "fieldapp.store.changes": "fieldapp.store.sync_log.changes",
    "fieldapp.store.change_record": "fieldapp.store.sync_log.change_record",
    "fieldapp.store.sync_export": "fieldapp.store.sync_log.export_reads",
    "fieldapp.store.sync_state": "fieldapp.store.sync_log.merge_reads",
    "fieldapp.store.sync_apply": "fieldapp.store.sync_log.merge_writes",
    "fieldapp.store.sync_keys": "fieldapp.store.sync_log.keys",
    "fieldapp.store.sync_resolve": "fieldapp.store.sync_log.resolve",
    "fieldapp.store.sync_conflicts": "fieldapp.store.conflicts",
    "fieldapp.store.register_import": "fieldapp.store.register_imports.plan_apply",
    "fieldapp.store.import_log": "fieldapp.store.register_imports.import_log",
    "fieldapp.store.register_visits": "fieldapp.store.visits_import",
    "fieldapp.store.geo_queries": "fieldapp.store.geo.queries",
    "fieldapp.store.geo_mbtiles": "fieldapp.store.geo.mbtiles_basemap",
    "fieldapp.store.report_queries": "fieldapp.store.reports.answer_counts",
    "fieldapp.store.register_counts": "fieldapp.store.reports.reconciliation_counts",
    "fieldapp.store.sheets_register": "fieldapp.store.reports.printed_sheets",
    "fieldapp.store.sheets_rows": "fieldapp.store.reports.sheet_rows",
    "fieldapp.store.export_households": "fieldapp.store.households.export_rows",
    "fieldapp.store.status": "fieldapp.store.households.status",
    "fieldapp.store.gaps": "fieldapp.store.households.gaps",
    "fieldapp.store.queries": "fieldapp.store.households.queries",
    "fieldapp.store.backup": "fieldapp.store.backups.backup",
    "fieldapp.store.backup_content": "fieldapp.store.backups.content",
    # ---- ui in rooms: one sub-package per screen, shell assembles, widgets are shared ----
    "fieldapp.ui.app": "fieldapp.ui.shell.app",
    "fieldapp.ui.app_resources": "fieldapp.ui.shell.app_resources",
    "fieldapp.ui.main_window": "fieldapp.ui.shell.main_window",
    "fieldapp.ui.first_run": "fieldapp.ui.shell.first_run",
    "fieldapp.ui.help_menu": "fieldapp.ui.shell.settings_help_menus",
    "fieldapp.ui.help_window": "fieldapp.ui.shell.help_window",
    "fieldapp.ui.about": "fieldapp.ui.shell.about",
    "fieldapp.ui.crash": "fieldapp.ui.shell.crash",
    "fieldapp.ui.i18n": "fieldapp.ui.shell.i18n",
    "fieldapp.ui.new_database_dialog": "fieldapp.ui.shell.new_database_dialog",
    "fieldapp.ui.import_job": "fieldapp.ui.widgets.job_runner",
    "fieldapp.ui.first_run_job": "fieldapp.ui.widgets.busy_runner",
    "fieldapp.ui.output_dialog": "fieldapp.ui.widgets.output_dialog",
    "fieldapp.ui.errors": "fieldapp.ui.widgets.errors",
    "fieldapp.ui.labels": "fieldapp.ui.widgets.labels",
    "fieldapp.ui.area_tree": "fieldapp.ui.households.area_tree",
    "fieldapp.ui.household_detail": "fieldapp.ui.households.household_detail",
    "fieldapp.ui.household_model": "fieldapp.ui.households.household_model",
    "fieldapp.ui.household_table": "fieldapp.ui.households.household_table",
    "fieldapp.ui.new_household_dialog": "fieldapp.ui.households.new_household_dialog",
    "fieldapp.ui.devices_dialog": "fieldapp.ui.sync.devices_dialog",
    "fieldapp.sync.devices": "fieldapp.jobs.devices",
    "fieldapp.ui.history_dialog": "fieldapp.ui.households.history_dialog",
    "fieldapp.ui.visit_form": "fieldapp.ui.visit.visit_form",
    "fieldapp.ui.visit_form_dialog": "fieldapp.ui.visit.visit_form_dialog",
    "fieldapp.ui.visit_form_editors": "fieldapp.ui.visit.visit_form_editors",
    "fieldapp.ui.visit_form_layout": "fieldapp.ui.visit.visit_form_layout",
    "fieldapp.ui.visit_form_photo": "fieldapp.ui.visit.visit_form_photo",
    "fieldapp.ui.visit_form_record": "fieldapp.ui.visit.visit_form_record",
    "fieldapp.ui.visit_form_rows": "fieldapp.ui.visit.visit_form_rows",
    "fieldapp.ui.map_canvas": "fieldapp.ui.map.map_canvas",
    "fieldapp.ui.map_checks": "fieldapp.ui.map.map_checks",
    "fieldapp.ui.map_commands": "fieldapp.ui.map.map_commands",
    "fieldapp.ui.map_import_dialog": "fieldapp.ui.map.map_import_dialog",
    "fieldapp.ui.map_jobs": "fieldapp.ui.map.map_jobs",
    "fieldapp.ui.map_layers": "fieldapp.ui.map.map_layers",
    "fieldapp.ui.map_overlay": "fieldapp.ui.map.map_overlay",
    "fieldapp.ui.map_raster": "fieldapp.ui.map.map_raster",
    "fieldapp.ui.map_tab": "fieldapp.ui.map.map_tab",
    "fieldapp.ui.map_view": "fieldapp.ui.map.map_view",
    "fieldapp.ui.merge_dialog": "fieldapp.ui.sync.merge_dialog",
    "fieldapp.ui.merge_menu": "fieldapp.ui.sync.sync_menu",
    "fieldapp.ui.merge_model": "fieldapp.ui.sync.merge_model",
    "fieldapp.ui.conflict_dialog": "fieldapp.ui.sync.conflict_dialog",
    "fieldapp.ui.conflict_model": "fieldapp.ui.sync.conflict_model",
    "fieldapp.ui.import_wizard": "fieldapp.ui.register.import_wizard",
    "fieldapp.ui.import_pages": "fieldapp.ui.register.import_pages",
    "fieldapp.ui.import_history": "fieldapp.ui.register.import_history",
    "fieldapp.ui.report_dialog": "fieldapp.ui.reports.report_dialog",
    "fieldapp.ui.sheets_dialog": "fieldapp.ui.reports.sheets_dialog",
    "fieldapp.ui.sheets_menu": "fieldapp.ui.reports.print_menu",
    "fieldapp.ui.sheets_print": "fieldapp.ui.reports.sheets_print",
    "fieldapp.ui.sheets_verify": "fieldapp.ui.reports.sheets_verify",
    "fieldapp.ui.workorder_dialog": "fieldapp.ui.reports.workorder_dialog",
    "fieldapp.ui.settings_dialog": "fieldapp.ui.settings.settings_dialog",
    "fieldapp.ui.backup_dialog": "fieldapp.ui.settings.backup_dialog",
    "fieldapp.ui.dashboard": "fieldapp.ui.overview.dashboard",
    "fieldapp.ui.dashboard_chart": "fieldapp.ui.overview.dashboard_chart",
    "fieldapp.ui.dashboard_models": "fieldapp.ui.overview.dashboard_models",
    "fieldapp.ui.dashboard_spotcheck": "fieldapp.ui.overview.dashboard_spotcheck",
    "fieldapp.ui.dashboard_tab": "fieldapp.ui.overview.dashboard_tab",
    "fieldapp.ui.public_places_dialog": "fieldapp.ui.places.public_places_dialog",
    "fieldapp.ui.public_places_model": "fieldapp.ui.places.public_places_model",
    "fieldapp.ui.public_places_record": "fieldapp.ui.places.public_places_record",
    "fieldapp.ui.public_places_tab": "fieldapp.ui.places.public_places_tab",
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
TEST_MOVES: dict[str, str] = {
    "tests/ui/test_backup_dialog.py": "tests/ui/settings/test_backup_dialog.py",
    "tests/ui/test_crash.py": "tests/ui/shell/test_crash.py",
    "tests/ui/test_dashboard.py": "tests/ui/overview/test_dashboard.py",
    "tests/ui/test_first_run.py": "tests/ui/shell/test_first_run.py",
    "tests/ui/test_import_history.py": "tests/ui/register/test_import_history.py",
    "tests/ui/test_import_wizard.py": "tests/ui/register/test_import_wizard.py",
    "tests/ui/test_main_window.py": "tests/ui/shell/test_main_window.py",
    "tests/ui/test_counts_agree.py": "tests/ui/overview/test_counts_agree.py",
    "tests/ui/test_new_household.py": "tests/ui/households/test_new_household.py",
    "tests/ui/test_devices_dialog.py": "tests/ui/sync/test_devices_dialog.py",
    "tests/ui/test_map_import.py": "tests/ui/map/test_map_import.py",
    "tests/ui/test_map_tab.py": "tests/ui/map/test_map_tab.py",
    "tests/ui/test_map_view.py": "tests/ui/map/test_map_view.py",
    "tests/ui/test_merge_screens.py": "tests/ui/sync/test_merge_screens.py",
    "tests/ui/test_public_places_tab.py": "tests/ui/places/test_public_places_tab.py",
    "tests/ui/test_settings.py": "tests/ui/settings/test_settings.py",
    "tests/ui/test_sheets_ui.py": "tests/ui/reports/test_sheets_ui.py",
    "tests/ui/test_translations.py": "tests/ui/shell/test_translations.py",
    "tests/ui/test_visit_form.py": "tests/ui/visit/test_visit_form.py",
    "tests/ui/test_visit_form_autosave.py": "tests/ui/visit/test_visit_form_autosave.py",
    "tests/ui/test_visit_form_keystrokes.py": "tests/ui/visit/test_visit_form_keystrokes.py",
}

# Docstrings for the packages the moves create.
PACKAGE_DOCS: dict[str, str] = {
    "fieldapp.store.sync_log": "The change log and what sync reads from and writes to the database.",
    "fieldapp.store.register_imports": "Household register imports: plan, apply, log and undo.",
    "fieldapp.store.geo": "Map data in the database: boundaries, positions, MBTiles basemaps.",
    "fieldapp.store.reports": "Read queries behind reports, reconciliation and printed sheets.",
    "fieldapp.store.households": "Households: lists, derived status, gaps and work orders, export rows.",
    "fieldapp.store.backups": "Backups of a database file and what a backup holds.",
    "fieldapp.ui.shell": "The application shell: start-up, main window (assembles the rooms), menus.",
    "fieldapp.ui.widgets": "Shared GUI pieces: the job runners, output dialog, error text, labels.",
    "fieldapp.ui.households": "Area tree, household table and household detail.",
    "fieldapp.ui.visit": "The visit form.",
    "fieldapp.ui.map": "The map tab and map imports/checks.",
    "fieldapp.ui.sync": "The Sync menu: merge, conflicts, bundles.",
    "fieldapp.ui.register": "Register import wizard and import history.",
    "fieldapp.ui.reports": "The Print / Reports menu: sheets, slips, verification, coverage report.",
    "fieldapp.ui.settings": "Settings and backups dialogs.",
    "fieldapp.ui.overview": "The dashboard (对账与查缺补漏): reconciliation and gap follow-up.",
    "fieldapp.ui.places": "Public places tab and checklist.",
}


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

    A relative import in a moved file was written for its old place (code in the old layout,
    merged after the move): it is read there if it resolves there, else at the new place.
    """
    if node.level == 0:
        return node.module or "", False
    if ctx.package is None:
        return None, False
    here = _resolve_relative(node, ctx.package)
    if ctx.old_package is None:
        return here, False
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


def file_relative(root: Path = ROOT, moves=None, test_moves=None) -> list[str]:
    """Moved files that use __file__ (a path relative to the file changes with its depth and is
    not rewritten: check these by hand)."""
    moves = MODULE_MOVES if moves is None else moves
    test_moves = TEST_MOVES if test_moves is None else test_moves
    paths = [module_path(new, root) for new in moves.values()]
    paths += [root / new for new in test_moves.values()]
    return [str(p.relative_to(root)) for p in paths
            if p is not None and p.is_file() and "__file__" in p.read_text(encoding="utf-8")]


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
        for path in file_relative():
            print(f"check by hand (uses __file__): {path}")
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
