"""Fast random draws that give exactly what `random.Random.randint`, `.choice` and `.choices(...,
weights)[0]` give for the same generator state, so a seed keeps giving the same demo county.

The stdlib methods re-check their arguments and rebuild cumulative weights on every call, which is
most of the demo generator's time at county scale. The equivalence is checked once at import
against the stdlib on this interpreter; if it ever differs, the stdlib methods are used instead.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Any


class Weighted:
    """`Weighted(items, weights)(rng)` == `rng.choices(items, weights)[0]`, with the cumulative
    weights worked out once."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]):
        self.items = tuple(items)
        self.weights = tuple(weights)
        self.cum = list(accumulate(self.weights))
        self.total = self.cum[-1] + 0.0
        self.hi = len(self.cum) - 1

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cum, rng.random() * self.total, 0, self.hi)]

    def stdlib(self, rng: random.Random) -> Any:
        return rng.choices(self.items, self.weights)[0]


def _randint(rng: random.Random, a: int, b: int) -> int:
    # What randint(a, b) does after checking its arguments: rng._randbelow(n), written out here
    # (one Python call a draw instead of three).
    n = b - a + 1
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return a + r


def _choice(rng: random.Random, seq: Sequence[Any]) -> Any:
    n = len(seq)  # rng._randbelow(n), written out as in _randint
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return seq[r]


def _same_as_stdlib() -> bool:
    w = Weighted("abcdef", (8, 24, 26, 22, 13, 7))
    for seed in (1, 2, 99):
        fast, std = random.Random(seed), random.Random(seed)
        for i in range(300):
            if (_randint(fast, 1, 160 + i) != std.randint(1, 160 + i)
                    or _choice(fast, "abcdefg"[: 1 + i % 7]) != std.choice("abcdefg"[: 1 + i % 7])
                    or w(fast) != w.stdlib(std)):
                return False
    return True


if _same_as_stdlib():
    randint = _randint
    choice = _choice
else:  # pragma: no cover - another interpreter's random module: stay exact, if slower
    def randint(rng: random.Random, a: int, b: int) -> int:
        return rng.randint(a, b)

    def choice(rng: random.Random, seq: Sequence[Any]) -> Any:
        return rng.choice(seq)

    Weighted.__call__ = Weighted.stdlib  # type: ignore[method-assign]
