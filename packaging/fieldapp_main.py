"""Entry point of the PyInstaller build (fieldapp / fieldapp.exe / fieldapp-cli.exe)."""

import multiprocessing
import os
import sys


def _ensure_streams() -> None:
    """A windowed Windows build has no console: sys.stdout/stderr are None there, and a print
    would raise. Send them nowhere instead (errors still reach the log file and the dialog)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    multiprocessing.freeze_support()  # sheets are drawn on all cores with spawned workers
    _ensure_streams()
    from fieldapp.cli import main

    sys.exit(main())
