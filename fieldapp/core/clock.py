"""Hybrid logical clock: a total order of changes across devices that never goes backwards.

A stamp is "<15-digit ms>-<6-digit logical>-<device id>" so plain string comparison orders it.
"""

from __future__ import annotations

import re
import time

# A change may be stamped at most this far ahead of the receiving computer's clock (a laptop whose
# date is wrong); the setting `max_clock_skew_seconds` overrides it per database.
DEFAULT_SKEW_S = 86_400
MAX_LOGICAL = 999_999  # six digits
_LOGICAL_SPAN = MAX_LOGICAL + 1
HLC_RE = re.compile(r"\d{15}-\d{6}-[A-Za-z0-9_.:\-]{1,64}")


HLC_GLOB = "[0-9]" * 15 + "-" + "[0-9]" * 6 + "-?*"  # SQLite GLOB: the shape of a stamp


def valid_hlc(stamp: object) -> bool:
    """A well-formed stamp ("<15-digit ms>-<6-digit logical>-<device id>")."""
    return isinstance(stamp, str) and HLC_RE.fullmatch(stamp) is not None


def hlc_bound(now_ms: int, skew_s: float = DEFAULT_SKEW_S) -> str:
    """The largest stamp accepted at `now_ms`: stamps compare as strings, so `stamp <= bound`
    exactly when the stamp is no more than `skew_s` ahead of now."""
    return f"{now_ms + int(skew_s * 1000):015d}-999999-~"


def now_ms() -> int:
    return int(time.time() * 1000)


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

    def reserve(self, n: int) -> tuple[int, int]:
        """Take n stamps at once, reading the time once: (ms, logical) of the first; stamp i
        (from 0) has logical + i, carried into the milliseconds past 999999. They are what n calls of tick() give within one
        millisecond; past the 6-digit logical counter the next millisecond goes on."""
        now = self._now()
        if now > self.ms:
            self.ms, self.logical = now, -1  # the first stamp gets logical 0, as tick() gives
        ms, first = self.ms, self.logical + 1
        if n > 0:
            self.ms, self.logical = divmod(ms * _LOGICAL_SPAN + first + n - 1, _LOGICAL_SPAN)
        return ms, first

    def ticks(self, n: int) -> list[str]:
        """n stamps at once, in order (reserve)."""
        if n <= 0:
            return []
        ms, first = self.reserve(n)
        tail = f"-{self.device}"
        out: list[str] = []
        while n:  # one millisecond at a time
            take = min(n, _LOGICAL_SPAN - first)
            head = f"{ms:015d}-"
            out += [f"{head}{i:06d}{tail}" for i in range(first, first + take)]
            ms, first, n = ms + 1, 0, n - take
        return out

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another device."""
        ms, logical, _ = parse_hlc(stamp)
        if (ms, logical) > (self.ms, self.logical):
            self.ms, self.logical = ms, logical
