"""Every window and dialog fits a 1366x768 laptop screen at 100% and at 125% scaling (a logical
1093x614), taskbar and title bar included: the app opened under Xvfb at each scale, every
screen class of fieldapp.ui shown as the app shows it (tests/ui/screens_probe.py), its size and
the smallest size its layout allows compared with the screen. Screenshots of each are kept in
$FIELDAPP_SCREENS_DIR when set, to be looked at."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.jobs.demo_build import build_demo

PROBE = Path(__file__).with_name("screens_probe.py")
SCREEN_W, SCREEN_H, TASKBAR, TITLE_BAR = 1366, 768, 40, 32

pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None,
                                reason="needs xvfb-run (make test installs xvfb)")


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("screens") / "稷山县.sqlite"
    build_demo(path, "140824", households=300, seed=7)
    return path


def _probe(db: Path, scale: float, out: Path, home: Path, language: str) -> dict:
    env = {**os.environ, "QT_SCALE_FACTOR": str(scale), "FIELDAPP_HOME": str(home),
           "LANG": "zh_CN.UTF-8"}
    env.pop("QT_QPA_PLATFORM", None)  # a real X screen of 1366x768, not offscreen's 800x600
    r = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN_W}x{SCREEN_H}x24",
                        sys.executable, str(PROBE), str(db), str(out), language],
                       capture_output=True, text=True, env=env, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("scale", "language"), [(1.0, "zh_CN"), (1.25, "zh_CN"), (1.25, "en")])
def test_every_screen_fits_a_1366x768_laptop(county, scale, language, tmp_path):
    keep = os.environ.get("FIELDAPP_SCREENS_DIR")
    out = Path(keep) / f"{language}-{scale:g}" if keep else tmp_path / "shots"
    result = _probe(county, scale, out, tmp_path / "home", language)
    assert abs(result["screen"][0] - SCREEN_W / scale) <= 1  # the scale really applied
    assert result["missing"] == [], "add a factory to tests/ui/screens_probe.py"
    assert result["failed"] == {}
    room_w = SCREEN_W / scale
    room_h = (SCREEN_H - TASKBAR) / scale - TITLE_BAR
    too_big = {name.rsplit(".", 1)[-1]: (s["frame_width"], s["frame_height"])
               for name, s in result["screens"].items()
               if s["frame_width"] > room_w or s["frame_height"] > room_h}
    assert too_big == {}, f"room {room_w:.0f}x{room_h:.0f}"
    cramped = {name.rsplit(".", 1)[-1]: (s["min_width"], s["min_height"])
               for name, s in result["screens"].items()
               if s["min_width"] > room_w or s["min_height"] > room_h}
    assert cramped == {}, f"their layouts cannot shrink into {room_w:.0f}x{room_h:.0f}"
    assert len(result["screens"]) >= 20
    assert all((out / s["shot"]).stat().st_size > 2000 for s in result["screens"].values())
