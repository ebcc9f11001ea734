"""A command asks for the key's passphrase on the terminal in the user's language."""

import pytest

from fieldapp.sync import passphrase


@pytest.mark.parametrize("lang, asked", [
    ("en_US.UTF-8", ["Passphrase of this computer's private key: ", "Type it again to confirm: "]),
    ("zh_CN.UTF-8", ["本机私钥口令: ", "再输入一次确认: "]),
])
def test_the_prompts_follow_the_locale(monkeypatch, lang, asked):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", passphrase.PASSPHRASE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    prompts = []
    monkeypatch.setattr(passphrase.getpass, "getpass",
                        lambda prompt: prompts.append(prompt) or "a long passphrase 42")
    assert passphrase.read_passphrase(confirm=True) == "a long passphrase 42"
    assert prompts == asked
