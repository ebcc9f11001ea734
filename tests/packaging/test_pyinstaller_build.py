"""The one-folder PyInstaller build: it builds, and the built program runs headless from a
copy of its folder (`fieldapp --version`, `fieldapp demo`, `info`, `sheets`, the window).

About a minute on two cores, so it runs in `make test` (marked slow)."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _smoke():
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "packaging" / "smoke.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "build"], check=True,
                   capture_output=True)
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "fieldapp.spec"),
         "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build")],
        check=False, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-4000:]
    # The user gets a copy of the folder (installer): run it from somewhere else.
    moved = work / "installed" / "fieldapp"
    shutil.copytree(work / "dist" / "fieldapp", moved, symlinks=True)
    shutil.rmtree(work / "dist")
    return moved


def test_build_ships_resources_forms_translations_and_guide(built):
    internal = built / "_internal" if (built / "_internal").is_dir() else built
    for rel in ("resources/i18n/fieldapp_zh_CN.qm", "resources/fonts/wqy-microhei.ttc",
                "resources/data/villages_140824.csv", "resources/data/villages_330411.csv",
                "resources/icons/fieldapp.ico", "forms/huhutong_household.xlsx",
                "docs/user-guide-zh.md"):
        assert (internal / rel).is_file(), rel
    assert not list(internal.rglob("*.tsv")), "translation tables are sources, not shipped"
    qt_translations = list(internal.rglob("qtbase_*.qm"))
    assert qt_translations and all("zh_CN" in p.name or "_en" in p.name
                                   for p in qt_translations)


def test_built_app_runs_headless(built, tmp_path):
    results = _smoke().check(built, tmp_path, __version__, log=lambda *_: None)
    assert results["version"] == f"fieldapp {__version__}"
    assert results["demo"]["households"] == 600
    assert results["sheets"] > 5
    assert results["window"]
