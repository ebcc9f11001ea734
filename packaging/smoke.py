"""Smoke-test a built one-folder app, headless, the way a user's first minutes go:

    python packaging/smoke.py dist/fieldapp

1. `fieldapp --version` prints the package version;
2. `fieldapp demo` builds a small demo county, `fieldapp info --json` reads it back;
3. `fieldapp sheets` prints one township's PDF sheets (spawned worker processes in the build);
4. the window opens on the demo database (offscreen Qt), stays up, and writes no crash log.

Everything the app writes goes to a temporary app-data folder (FIELDAPP_HOME), the environment
is stripped of the developer's Python (no PYTHONPATH, no virtualenv on PATH).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"


def programs(dist: Path) -> tuple[Path, Path]:
    """(GUI program, command-line program) inside the build folder."""
    if WINDOWS:
        return dist / "fieldapp.exe", dist / "fieldapp-cli.exe"
    return dist / "fieldapp", dist / "fieldapp"


def clean_env(home: Path) -> dict[str, str]:
    keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LANG", "LC_ALL", "DISPLAY", "XAUTHORITY")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PATH"] = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                  if ".venv" not in p and "python" not in p.lower())
    env.update(FIELDAPP_HOME=str(home / "appdata"), HOME=str(home), USERPROFILE=str(home),
               QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return env


def run(cmd: list, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], check=False, env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                             f"{proc.stdout}\n{proc.stderr}")
    return proc


def check(dist: Path, work: Path, version: str | None = None, log=print) -> dict:
    dist = dist.resolve()
    gui, cli = programs(dist)
    env = clean_env(work)
    results: dict = {}

    out = run([cli, "--version"], env).stdout.strip()
    if version and out != f"fieldapp {version}":
        raise AssertionError(f"--version printed {out!r}, expected 'fieldapp {version}'")
    results["version"] = out
    log(f"ok  {out}")

    db = work / "demo.sqlite"
    t = time.monotonic()
    run([cli, "demo", db, "--households", "600", "--force"], env)
    info = json.loads(run([cli, "info", db, "--json"], env).stdout)
    if info["counts"]["households"] != 600 or info["counts"]["villages"] < 100:
        raise AssertionError(f"demo database looks wrong: {info['counts']}")
    results["demo"] = info["counts"]
    log(f"ok  demo: {info['counts']} in {time.monotonic() - t:.1f} s")

    sheets = work / "sheets"
    run([cli, "sheets", db, "--township", "140824100", "-o", sheets, "--processes", "2"], env)
    pdfs = sorted(sheets.glob("*.pdf"))
    if not pdfs or any(p.read_bytes()[:5] != b"%PDF-" for p in pdfs):
        raise AssertionError(f"no PDF sheets written to {sheets}")
    results["sheets"] = len(pdfs)
    log(f"ok  sheets: {len(pdfs)} PDFs")

    results["window"] = check_window(gui, db, env, work)
    log(f"ok  window opened {db.name} and stayed up")
    return results


def check_window(gui: Path, db: Path, env: dict, work: Path, wait: float = 60.0) -> bool:
    """Start the app on the database; it must record the database as opened (recent files in
    its settings file), stay up, and write no crash report."""
    appdata = Path(env["FIELDAPP_HOME"])
    with open(work / "gui-output.txt", "w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(gui), str(db)], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + wait
        opened = False
        while time.monotonic() < deadline and proc.poll() is None:
            settings = list((appdata / "settings").rglob("*.ini"))
            if settings and db.name in settings[0].read_text(encoding="utf-8", errors="replace"):
                opened = True
                time.sleep(2)  # and stays up a little while
                break
            time.sleep(0.3)
        alive = proc.poll() is None
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    crashes = list((appdata / "logs").glob("crash-*.log"))
    output = (work / "gui-output.txt").read_text(encoding="utf-8", errors="replace")
    if crashes:
        raise AssertionError(f"the window wrote a crash report:\n{crashes[0].read_text()}")
    if not (opened and alive):
        raise AssertionError(f"the window did not open the database (opened={opened}, "
                             f"alive={alive}):\n{output}")
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from fieldapp import __version__

    with tempfile.TemporaryDirectory(prefix="fieldapp-smoke-") as work:
        try:
            check(Path(argv[0]), Path(work), __version__)
        except AssertionError as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
    print("built app: all smoke checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
