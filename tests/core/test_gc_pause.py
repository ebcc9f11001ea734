"""The import pauses the cyclic garbage collector and always turns it back on."""

from __future__ import annotations

import gc
import threading

import pytest

from fieldapp.core.gc_pause import gc_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_restored_after():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_when_the_job_fails():
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("bad row")
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_nested_pause_restores_only_at_the_outer_end():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_two_threads_overlapping_restore_once_both_end():
    inside, release = threading.Event(), threading.Event()

    def other_job():
        with gc_paused():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other_job)
    with gc_paused():
        t.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other job still runs
    release.set()
    t.join(5)
    assert gc.isenabled()


def test_as_decorator_each_call_pauses_afresh():
    @gc_paused()
    def job():
        return gc.isenabled()

    assert job() is False and job() is False
    assert gc.isenabled()
