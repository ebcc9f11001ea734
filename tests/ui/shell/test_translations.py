"""Every UI string has a zh_CN translation, and the app shows Chinese by default."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_ui_string_has_zh_cn_translation():
    assert _tool().missing() == []


@pytest.mark.ui
def test_chinese_by_default(qapp):
    tool = _tool()
    tool.build()
    from PySide6.QtCore import QCoreApplication

    from fieldapp.ui.shell.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("Labels", "Covered") == "已覆盖"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
