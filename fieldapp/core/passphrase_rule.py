"""The strength bar for a new passphrase (the county key, a laptop key): at least 10 characters,
not a common password, not one character or a short piece repeated, not a run of the keyboard or
of the digits, not a common word with digits or symbols around it, not digits alone unless
16 or more. A passphrase that passes is still only as good
as it is unguessable; the rule catches what a guesser tries first (the private keys it protects
are derived with scrypt, n=2^15, r=8, p=1: see docs/threat-model.md).

Only new passphrases are checked: keys protected by an older, weaker passphrase still open.
"""

from __future__ import annotations

from .common_passwords import COMMON, WORDS
from .errors import FieldappError
from .messages import ErrorCode

MIN_LENGTH = 10
MIN_DIGITS_ONLY = 16
MIN_DISTINCT = 4
_PADDING = "0123456789!@#$%^&*._-+=?~"  # what people add before or after a word
_RUNS = ("0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyz",
         "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")


class WeakPassphrase(FieldappError):
    code = "weak_passphrase"


def _normal(passphrase: str) -> str:
    return "".join(passphrase.split()).lower()


def _is_run(text: str) -> bool:
    """A slice of the digits, the alphabet or a keyboard row, forwards or backwards."""
    return any(text in run or text in run[::-1] for run in _RUNS)


def _is_repeat(text: str) -> bool:
    """A piece of at most 5 characters repeated (abcabcabca, 1212121212, 12341234...)."""
    for size in range(1, 6):
        piece = text[:size]
        if (piece * (len(text) // size + 1))[:len(text)] == text:
            return True
    return False


def weakness(passphrase: str) -> ErrorCode | None:
    """What makes a new passphrase too weak, or None when it passes."""
    text = _normal(passphrase)
    if len(passphrase.strip()) < MIN_LENGTH or len(text) < MIN_LENGTH:
        return ErrorCode.PASSPHRASE_TOO_SHORT
    if text.isdigit() and len(text) < MIN_DIGITS_ONLY:
        return ErrorCode.PASSPHRASE_DIGITS_ONLY
    if (text in COMMON or len(set(text)) < MIN_DISTINCT or _is_run(text) or _is_repeat(text)
            or text.strip(_PADDING) in WORDS):
        return ErrorCode.PASSPHRASE_COMMON
    return None


def check_new_passphrase(passphrase: str) -> None:
    """Raise WeakPassphrase (Chinese message explaining the rule) unless the passphrase passes."""
    problem = weakness(passphrase)
    if problem is not None:
        raise WeakPassphrase(problem, min_length=MIN_LENGTH, min_digits=MIN_DIGITS_ONLY)
