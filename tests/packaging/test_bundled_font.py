"""Chinese shows on a machine without a CJK font: the app registers the bundled one."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="restricts fonts through fontconfig")

SCRIPT = r"""
import sys
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
if sys.argv[1] == "with":
    from fieldapp.ui.shell.app_resources import load_bundled_fonts
    load_bundled_fonts()
print(len(QFontDatabase.families(QFontDatabase.SimplifiedChinese)))
"""


def _chinese_families(tmp_path: Path, mode: str) -> int:
    conf = tmp_path / "fonts.conf"
    empty = tmp_path / "no-fonts"
    empty.mkdir(exist_ok=True)
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{empty}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    env = {"FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path), "FIELDAPP_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    return int(proc.stdout.strip().splitlines()[-1])


def test_bundled_font_gives_chinese_without_system_fonts(tmp_path):
    assert _chinese_families(tmp_path, "without") == 0
    assert _chinese_families(tmp_path, "with") >= 1
