"""A wrong passphrase asks again (three tries) before any export starts, instead of aborting."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QWidget

from fieldapp.store import Store
from fieldapp.sync import identity, setup
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
    keys = sync_menu._passphrase(window)
    assert keys is not None and keys.public == identity.unlock(window.store, PW).public
    assert len(prompts) == 3
    assert "2" in prompts[1] and "1" in prompts[2]  # how many tries are left


def test_three_wrong_passphrases_stop_with_a_message(window, monkeypatch):
    shown = []
    monkeypatch.setattr(sync_menu, "show_error", lambda parent, exc, *a: shown.append(str(exc)))
    _typed(monkeypatch, ["a", "b", "c"])
    assert sync_menu._passphrase(window) is None
    assert shown and "口令不正确" in shown[0]


def test_an_opened_key_is_not_opened_again_by_the_job(window, monkeypatch):
    """Opening the key is slow on purpose (scrypt): the window opens it to check the
    passphrase, and the job uses that key instead of opening it a second time."""
    from fieldapp.sync.keys import KeyPair

    opened = []
    real = KeyPair.unprotect
    monkeypatch.setattr(KeyPair, "unprotect",
                        staticmethod(lambda *a: opened.append(1) or real(*a)))
    _typed(monkeypatch, [PW])
    keys = sync_menu._passphrase(window)
    assert identity.unlock(window.store, keys) is keys
    assert len(opened) == 1
