"""The app-data folder: per user, per platform (no Linux-only paths), overridable, and the only
place the app writes by itself."""

import re
import sys
from pathlib import Path

import pytest

from fieldapp.core import appdata

PKG = Path(__file__).resolve().parents[2] / "fieldapp"


def test_override_and_subfolders(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "home"))
    dirs = appdata.all_dirs()
    assert dirs["app_data"] == tmp_path / "home"
    for name in ("databases", "backups", "logs", "settings"):
        assert dirs[name] == tmp_path / "home" / name and dirs[name].is_dir()


def test_qt_and_fallback_agree_on_this_platform(tmp_path, monkeypatch):
    monkeypatch.delenv("FIELDAPP_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert appdata._generic_data_location() == appdata._fallback_generic_data_location()
    assert appdata.app_data_dir(create=False) == tmp_path / "xdg" / "fieldapp"


def test_windows_uses_local_appdata(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert appdata._fallback_generic_data_location() == tmp_path / "Local"
    monkeypatch.delenv("LOCALAPPDATA")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert appdata._fallback_generic_data_location() == tmp_path / "Roaming"


def test_macos_uses_application_support(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert appdata._fallback_generic_data_location().parts[-2:] == ("Library",
                                                                    "Application Support")


def test_unusable_folder_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FIELDAPP_HOME", str(blocker / "inside"))
    with pytest.raises(appdata.AppDataError) as err:
        appdata.databases_dir()
    assert "数据文件夹" in str(err.value) and str(blocker) in str(err.value)


def test_new_database_names_never_collide(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path))
    first = appdata.default_database_path("140824000000")
    assert first.name == "county-140824.sqlite"
    first.write_bytes(b"")
    assert appdata.default_database_path("140824").name == "county-140824-2.sqlite"
    assert appdata.default_database_path("140824", "140824100000").name == \
        "township-140824100.sqlite"
    assert appdata.existing_databases() == [first]


def test_no_hard_coded_user_folders_in_the_app():
    """Folders the app writes to come from appdata.py (or tempfile): no Linux-only data
    paths such as /tmp, /home or /var written into the package."""
    pattern = re.compile(r"""["'](/tmp|/home/|/var/|~/\.)""")
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if p.name != "appdata.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert bad == []
