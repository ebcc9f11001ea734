"""`regex(value, pattern)` as JavaRosa evaluates it, in linear time.

JavaRosa (getodk/javarosa, XPathFuncExpr.regex) returns `Pattern.matches(re, str)`: the pattern
must match the WHOLE string, so `regex('138001380001', '[0-9]{11}')` is false. We match with
RE2 (google-re2), whose running time is linear in the text whatever the pattern, so a hostile
constraint such as `regex(., '(a+)+b')` cannot freeze the window. Patterns RE2 does not support
(back-references, look-around) are reported as invalid when the form is loaded.
"""

from __future__ import annotations

from functools import lru_cache

import re2

RegexError = re2.error
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a bad pattern is reported to the form author, not logged to stderr


@lru_cache(maxsize=256)
def compile_regex(pattern: str) -> object:
    """The compiled pattern; raises RegexError when RE2 cannot compile it."""
    return re2.compile(pattern, options=_OPTIONS)


def regex_matches(text: str, pattern: str) -> bool:
    """True when the whole of `text` matches `pattern`; an invalid pattern matches nothing."""
    try:
        return compile_regex(pattern).fullmatch(text) is not None
    except RegexError:
        return False
