"""A merge pauses automatic garbage collection per bundle: it must come back on however the
bundle ends (a refused bundle raises), and a caller that had it off keeps it off."""

from __future__ import annotations

import gc

import pytest

from fieldapp.core.gc_pause import gc_paused


def test_collection_is_off_inside_and_back_on_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with gc_paused():
            assert not gc.isenabled()
            raise ValueError("bundle refused")
    assert gc.isenabled()


def test_a_caller_that_turned_collection_off_keeps_it_off():
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
