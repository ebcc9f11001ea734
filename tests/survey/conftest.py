"""Inline XLSForm workbooks for tests: rows written as Python lists, saved to tmp_path."""

from __future__ import annotations

import pytest
from inline_xlsform import DEFAULT_SETTINGS, write_xlsform


@pytest.fixture
def xlsform(tmp_path):
    counter = iter(range(1000))

    def make(survey, choices=None, settings=DEFAULT_SETTINGS, name=None):
        return write_xlsform(tmp_path / (name or f"form{next(counter)}.xlsx"), survey, choices,
                             settings)
    return make
