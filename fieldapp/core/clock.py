"""Hybrid logical clock: a total order of changes across devices that never goes backwards.

A stamp is "<15-digit ms>-<6-digit logical>-<device id>" so plain string comparison orders it.
"""

from __future__ import annotations

import time


def format_hlc(ms: int, logical: int, device: str) -> str:
    return f"{ms:015d}-{logical:06d}-{device}"


def parse_hlc(stamp: str) -> tuple[int, int, str]:
    ms, logical, device = stamp.split("-", 2)
    return int(ms), int(logical), device


class HybridClock:
    def __init__(self, device: str, last: str | None = None, now_ms=None):
        self.device = device
        self._now = now_ms or (lambda: int(time.time() * 1000))
        self.ms, self.logical = (0, 0)
        if last:
            self.ms, self.logical, _ = parse_hlc(last)

    def tick(self) -> str:
        now = self._now()
        if now > self.ms:
            self.ms, self.logical = now, 0
        else:
            self.logical += 1
        return format_hlc(self.ms, self.logical, self.device)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another device."""
        ms, logical, _ = parse_hlc(stamp)
        if (ms, logical) > (self.ms, self.logical):
            self.ms, self.logical = ms, logical
