"""Issue 15 item 7: export and merge never leave plaintext behind. The plaintext payload exists
only in a private 0700 folder under the app data (never in the output folder, next to the input
or in the system temp folder); it is removed on success, on failure, and by the next command
after a kill -9."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sync_helpers import COUNTY_PW, LAPTOP_PW, all_tables

from fieldapp.core.private_temp import clean_leftovers, private_root, private_workdir
from fieldapp.jobs import bundle_export
from fieldapp.store import Store
from fieldapp.sync import container

ZIP_MAGIC = b"PK\x03\x04"


def _env(tmp: Path, passphrase: str, pause: str | None = None) -> dict[str, str]:
    env = dict(os.environ, FIELDAPP_HOME=str(tmp / "appdata"), FIELDAPP_PASSPHRASE=passphrase,
               TMPDIR=str(tmp / "system-temp"))
    (tmp / "system-temp").mkdir(exist_ok=True)
    env.pop("FIELDAPP_TEST_PAUSE_AT", None)
    if pause:
        env["FIELDAPP_TEST_PAUSE_AT"] = f"{pause}:60"
    return env


def _fieldapp(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120)


def _start_paused(env, *args) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("paused"):
            return proc
    proc.wait()
    raise AssertionError(f"the job never reached its pause point (exit {proc.returncode})")


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _plaintext_zips(folder: Path) -> list[Path]:
    out = []
    for p in _files(folder):
        with open(p, "rb") as fh:
            if fh.read(4) == ZIP_MAGIC:
                out.append(p)
    return out


def _private(tmp: Path) -> Path:
    return tmp / "appdata" / "tmp"


def test_export_killed_mid_way_leaves_no_plaintext_on_the_stick_and_next_start_cleans(
        field_setup):
    f = field_setup
    laptop = f.laptop("甲")
    stick = f.tmp / "usb-stick"
    stick.mkdir()
    proc = _start_paused(_env(f.tmp, LAPTOP_PW, "export-payload"),
                         "bundle", "export", laptop, "-o", stick / "甲.fab")
    try:
        # the plaintext payload exists, but only in the private folder, owner-only
        leftovers = _plaintext_zips(_private(f.tmp))
        assert [p.name for p in leftovers] == ["payload.zip"]
        assert stat.S_IMODE(_private(f.tmp).stat().st_mode) == 0o700
        assert stat.S_IMODE(leftovers[0].parent.stat().st_mode) == 0o700
        assert _files(stick) == []
        assert _files(f.tmp / "system-temp") == []
        # another command started meanwhile does not take the running job's folder away
        assert _fieldapp(_env(f.tmp, LAPTOP_PW), "info", laptop).returncode == 0
        assert _plaintext_zips(_private(f.tmp)) == leftovers
    finally:
        _kill(proc)
    assert _plaintext_zips(_private(f.tmp)) == leftovers  # kill -9: nobody cleaned up
    assert _plaintext_zips(stick) == []
    res = _fieldapp(_env(f.tmp, LAPTOP_PW), "info", laptop)  # the next command cleans up
    assert res.returncode == 0, res.stderr
    assert _files(_private(f.tmp)) == []
    # and an export that runs through leaves exactly the bundle, nothing else anywhere
    res = _fieldapp(_env(f.tmp, LAPTOP_PW), "bundle", "export", laptop, "-o", stick / "甲.fab")
    assert res.returncode == 0, res.stderr
    assert [p.name for p in _files(stick)] == ["甲.fab"]
    assert _files(_private(f.tmp)) == [] and _files(f.tmp / "system-temp") == []


def test_merge_killed_after_decrypting_leaves_no_plaintext_and_next_start_cleans(field_setup):
    f = field_setup
    (f.tmp / "inbox").mkdir()
    bundle = f.export(f.laptop("甲"), "inbox/甲.fab")
    before = all_tables(f.county_path)
    proc = _start_paused(_env(f.tmp, COUNTY_PW, "merge-decrypted"),
                         "bundle", "merge", f.county_path, bundle)
    try:
        assert [p.name for p in _plaintext_zips(_private(f.tmp))] == ["payload.zip"]
        assert _files(bundle.parent) == [bundle]  # nothing next to the input
        assert _files(f.tmp / "system-temp") == []
    finally:
        _kill(proc)
    assert all_tables(f.county_path) == before
    assert _plaintext_zips(_private(f.tmp)) != []
    res = _fieldapp(_env(f.tmp, COUNTY_PW), "info", f.county_path)
    assert res.returncode == 0, res.stderr
    assert _files(_private(f.tmp)) == []
    res = _fieldapp(_env(f.tmp, COUNTY_PW), "bundle", "merge", f.county_path, bundle)
    assert res.returncode == 0, res.stderr
    assert _files(_private(f.tmp)) == [] and _files(f.tmp / "system-temp") == []


def _watch(folder: Path, seen: dict[str, bytes], stop: threading.Event) -> None:
    """Every file that appears in `folder` while a job runs, with its first bytes."""
    while not stop.is_set():
        for p in folder.iterdir():
            try:
                with open(p, "rb") as fh:
                    head = fh.read(4)
            except OSError:
                continue  # renamed or removed between listing and opening
            if head or p.name not in seen:
                seen[p.name] = head


@pytest.mark.parametrize("fail", [False, True], ids=["success", "failure"])
def test_the_output_folder_never_holds_a_plaintext_zip(field_setup, monkeypatch, fail):
    f = field_setup
    laptop = f.laptop("甲")
    monkeypatch.setenv("FIELDAPP_HOME", str(f.tmp / "appdata"))
    out = f.tmp / "out"
    out.mkdir()
    if fail:
        def disk_full(*a, **k):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(container.crypto, "encrypt_stream", disk_full)
    seen: dict[str, bytes] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(out, seen, stop))
    watcher.start()
    try:
        with Store.open(laptop) as s:
            if fail:
                with pytest.raises(Exception, match="无法写入同步包"):
                    bundle_export.export_bundle(s, out / "甲.fab", LAPTOP_PW)
            else:
                bundle_export.export_bundle(s, out / "甲.fab", LAPTOP_PW)
    finally:
        stop.set()
        watcher.join()
    assert not any(head.startswith(ZIP_MAGIC) for head in seen.values()), seen
    assert all(head in (b"", container.MAGIC[:4]) for head in seen.values()), seen
    assert [p.name for p in _files(out)] == ([] if fail else ["甲.fab"])
    assert _files(_private(f.tmp)) == []  # removed on success and on failure


def test_cleaning_keeps_folders_of_running_jobs(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path))
    with private_workdir() as running:
        (running / "payload.zip").write_bytes(ZIP_MAGIC)
        stray = private_root() / "stray.zip"
        stray.write_bytes(ZIP_MAGIC)
        assert clean_leftovers() == ["stray.zip"]
        assert (running / "payload.zip").exists()
    assert not running.exists()
