"""HybridClock.ticks(n): n change stamps at once, as n calls of tick() would give them."""

from __future__ import annotations

from fieldapp.core.clock import HybridClock, parse_hlc, valid_hlc


def _clock(now: list[int], last: str | None = None) -> HybridClock:
    return HybridClock("dev-1", last, now_ms=lambda: now[0])


def test_ticks_equal_as_many_ticks_at_the_same_instant():
    now = [1_700_000_000_000]
    one, many = _clock(now), _clock(now)
    expected = [one.tick() for _ in range(5)]
    assert many.ticks(5) == expected
    assert many.tick() == one.tick()  # both go on from the same point


def test_ticks_go_on_after_a_stamp_from_the_future_and_stay_ordered():
    now = [1_000]
    clock = _clock(now, last="000000000005000-000007-other")
    stamps = clock.ticks(3)
    assert [parse_hlc(s)[:2] for s in stamps] == [(5000, 8), (5000, 9), (5000, 10)]
    now[0] = 6_000
    later = clock.ticks(2)
    assert [parse_hlc(s)[:2] for s in later] == [(6000, 0), (6000, 1)]
    assert stamps + later == sorted(stamps + later)


def test_ticks_past_the_logical_counter_move_to_the_next_millisecond():
    clock = _clock([1_000], last="000000000001000-999998-other")
    stamps = clock.ticks(4)
    assert [parse_hlc(s)[:2] for s in stamps] == [(1000, 999999), (1001, 0), (1001, 1),
                                                  (1001, 2)]
    assert all(valid_hlc(s) for s in stamps) and stamps == sorted(stamps)
    assert clock.ticks(0) == []
