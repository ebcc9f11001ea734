"""A wrong passphrase asks again (three tries) before any export starts, instead of aborting."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QWidget

from fieldapp.store import Store
from fieldapp.sync import setup
from fieldapp.ui.sync import sync_menu

pytestmark = pytest.mark.ui
PW = "correct horse battery 9"


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "county.sqlite"
    setup.init_county(path, "140824", PW)
    w = QWidget()
    qtbot.addWidget(w)
    w.store = Store.open(path)
    yield w
    w.store.close()


def _typed(monkeypatch, answers):
    prompts = []

    def get_text(_parent, _title, prompt, _mode):
        prompts.append(prompt)
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return prompts


def test_wrong_passphrase_asks_again(window, monkeypatch):
    prompts = _typed(monkeypatch, ["wrong one", "wrong two", PW])
    assert sync_menu._passphrase(window) == PW
    assert len(prompts) == 3
    assert "2" in prompts[1] and "1" in prompts[2]  # how many tries are left


def test_three_wrong_passphrases_stop_with_a_message(window, monkeypatch):
    shown = []
    monkeypatch.setattr(sync_menu, "show_error", lambda parent, exc, *a: shown.append(str(exc)))
    _typed(monkeypatch, ["a", "b", "c"])
    assert sync_menu._passphrase(window) is None
    assert shown and "口令不正确" in shown[0]
