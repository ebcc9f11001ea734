"""Run the real `fieldapp` command in a subprocess whose address space is capped (RLIMIT_AS) and
whose own peak RSS is measured (wait4), for the hostile-input tests of issue 14 item 4: every
bomb ends in a clear message, a non-zero exit, no traceback and a peak under 1 GB."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

FIELDAPP = Path(sys.executable).with_name("fieldapp")
ADDRESS_SPACE = 1536 * 2**20  # a runaway allocation fails here instead of swapping the machine
PEAK_LIMIT = 2**30


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak: int  # bytes, the child's own maximum resident set size


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_bounded(*args, timeout: float = 300) -> Run:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(FIELDAPP), *map(str, args)], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, env=env, preexec_fn=_cap)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(code, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024)


def assert_refused(run: Run, *words: str) -> None:
    """Refused the way a user should see it: exit 1-ish, one clear message, bounded memory."""
    said = run.stderr + run.stdout  # --json puts the reasons on stdout
    assert run.returncode > 0, (run.returncode, said[-2000:])
    assert "Traceback" not in said and "MemoryError" not in said, said[-2000:]
    assert run.peak < PEAK_LIMIT, f"peak RSS {run.peak / 2**20:.0f} MiB"
    for word in words:
        assert word in said, (word, said[-2000:])
