"""Tokenizer and Pratt parser for the ODK expression subset used in relevant, constraint,
calculation, required and choice_filter columns. Never `eval`: text becomes a tree of
`expr_ast` nodes or an `ExpressionError` that says where and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import expr_ast as A
from .errors import ExpressionError
from fieldapp.core.messages import ErrorCode

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?")
# A choices-sheet column in one language, as a choice_filter names it: label::English, label::zh
_COLUMN_IN_LANGUAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*::[^\s()'\"=!<>,+*/\[\]]+")
# A sibling in XPath, `../x` or `current()/../x` (as pyxform writes ${x} in a choice_filter): the
# answer x beside the question, which ${x} reads (in the same repeat instance).
_SIBLING = re.compile(r"(?:current\(\s*\)\s*/\s*)?\.\.\s*/\s*([A-Za-z_][A-Za-z0-9_\-]*)(?![A-Za-z0-9_\-]|\s*/)")
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)")
_REF = re.compile(r"\$\{([^}]*)\}")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")
_WORD_OPERATORS = ("and", "or", "div", "mod")
# Typographic quotes, as Excel's autocorrect and Chinese input methods type them: a string opened
# with a straight quote closes with the next straight one (else a typographic one of its kind); one
# opened with a typographic quote closes with the nearest quote of its kind, so ‘…’, “…”, ’…’ and
# mixes such as ’…' and '…’ read as ODK authors meant them.
_SINGLE, _DOUBLE = "'‘’", '"“”'
CURLY_QUOTES = "‘’“”"


@dataclass(frozen=True)
class Token:
    kind: str  # num str ref dot name op end instance
    text: str
    pos: int
    extra: tuple = ()  # instance: (predicate source, its offset, column)


# ODK's lookup in a secondary instance, instance('list')/root/item[predicate]/column: one token,
# parsed into the call A.INSTANCE_PATH(list, predicate, column).
_INSTANCE_OPEN = re.compile(r"instance\s*\(\s*")
_INSTANCE_ITEMS = re.compile(r"\s*\)\s*/\s*root\s*/\s*item")
_INSTANCE_COLUMN = re.compile(r"\s*/\s*([A-Za-z_][A-Za-z0-9_.:\-]*)")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        if c in _SINGLE or c in _DOUBLE:
            token, i = _string(source, i)
        elif c == "$":
            token, i = _reference(source, i)
        elif c in ".c" and (m := _SIBLING.match(source, i)):
            token, i = Token("ref", m.group(1), i), m.end()
        elif (m := _NUMBER.match(source, i)) and (c != "." or m.end() > i + 1):
            token, i = Token("num", m.group(), i), m.end()
        elif c == ".":
            token, i = _dot(tokens, source, i)
        elif c == "/":
            raise ExpressionError(ErrorCode.EXPR_PATH, i)
        elif c == "i" and (found := _instance_path(source, i)):
            token, i = found
        else:
            token, i = _word_or_operator(source, i)
        tokens.append(token)
    tokens.append(Token("end", "", n))
    return tokens


def _string(source: str, i: int) -> tuple[Token, int]:
    c = source[i]
    family = _SINGLE if c in _SINGLE else _DOUBLE
    first, then = (family[0], family[1:]) if c == family[0] else (family, "")
    end = -1
    for closers in (first, then):
        end = min((e for e in (source.find(q, i + 1) for q in closers) if e >= 0), default=-1)
        if end >= 0:
            break
    if end < 0:
        raise ExpressionError(ErrorCode.EXPR_UNTERMINATED, i)
    return Token("str", source[i + 1:end], i), end + 1


def _instance_path(source: str, i: int) -> tuple[Token, int] | None:
    """instance('list')/root/item[predicate]/column as one token; None when it is not one."""
    m = _INSTANCE_OPEN.match(source, i)
    if not m or m.end() >= len(source) or source[m.end()] not in _SINGLE + _DOUBLE:
        return None
    name, j = _string(source, m.end())
    m = _INSTANCE_ITEMS.match(source, j)
    if not m:
        return None
    j, predicate, at = m.end(), "", m.end()
    if source.startswith("[", j):
        end = _closing_bracket(source, j)
        predicate, at, j = source[j + 1:end], j + 1, end + 1
    m = _INSTANCE_COLUMN.match(source, j)
    column = m.group(1) if m else ""
    return Token("instance", name.text, i, (predicate, at, column)), m.end() if m else j


def _closing_bracket(source: str, i: int) -> int:
    """The `]` closing the `[` at i (strings and nested brackets skipped)."""
    depth, j = 0, i
    while j < len(source):
        c = source[j]
        if c in _SINGLE or c in _DOUBLE:
            j = _string(source, j)[1]
            continue
        depth += (c == "[") - (c == "]")
        if depth == 0:
            return j
        j += 1
    raise ExpressionError(ErrorCode.EXPR_NEED_BRACKET, i)


def _reference(source: str, i: int) -> tuple[Token, int]:
    m = _REF.match(source, i)
    if not m:
        raise ExpressionError(ErrorCode.EXPR_BAD_REFERENCE, i)
    if not _FIELD_NAME.fullmatch(m.group(1)):
        raise ExpressionError(ErrorCode.EXPR_BAD_FIELD_NAME, i, name=m.group(1))
    return Token("ref", m.group(1), i), m.end()


def _dot(tokens: list[Token], source: str, i: int) -> tuple[Token, int]:
    if source.startswith("..", i):
        if not _position_of_parent(tokens, source, i):
            raise ExpressionError(ErrorCode.EXPR_PARENT_PATH, i)
        return Token("parent", "..", i), i + 2
    return Token("dot", ".", i), i + 1


def _word_or_operator(source: str, i: int) -> tuple[Token, int]:
    m = _COLUMN_IN_LANGUAGE.match(source, i) or _NAME.match(source, i)
    if m:
        word = m.group()
        return Token("op" if word in _WORD_OPERATORS else "name", word, i), m.end()
    for op in _OPERATORS:
        if source.startswith(op, i):
            return Token("op", op, i), i + len(op)
    raise ExpressionError(ErrorCode.EXPR_BAD_CHARACTER, i, char=source[i])


def _position_of_parent(tokens: list[Token], source: str, i: int) -> bool:
    """`..` is read only as ODK's `position(..)`: the number of the current repeat instance."""
    before = [(t.kind, t.text) for t in tokens[-2:]]
    return before == [("name", "position"), ("op", "(")] and \
        source[i + 2:].lstrip().startswith(")")


class _Parser:
    """Operator-precedence parsing with explicit stacks (no recursion): any nesting depth and any
    chain length parse, as in JavaRosa. `pending` holds markers: ("bin", op), ("neg",),
    ("paren",), ("call", name, first output index)."""

    def __init__(self, source: str, allow_choice_columns: bool, nesting: int = 0):
        self.nesting = nesting  # instance() lookups this one is the condition of
        self.tokens = tokenize(source)
        self.i = 0
        self.allow_choice_columns = allow_choice_columns
        self.output: list[A.Node] = []
        self.pending: list[tuple] = []

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    @staticmethod
    def _unexpected(tok: Token, entry: ErrorCode, at_end: ErrorCode) -> ExpressionError:
        if tok.kind == "end":
            return ExpressionError(at_end, tok.pos)
        return ExpressionError(entry, tok.pos, found=repr(tok.text))

    def _is(self, text: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == text

    def parse(self) -> A.Node:
        if self.tok.kind == "end":
            raise ExpressionError(ErrorCode.EXPR_EMPTY, 0)
        expect_operand = True
        while True:
            if expect_operand:
                expect_operand = self.operand()
            elif self.tok.kind == "end":
                return self.finish()
            else:
                expect_operand = self.operator()

    def operand(self) -> bool:
        """Read a value or a prefix (-, '(', 'name('); True while an operand is still due."""
        tok = self.advance()
        if tok.kind == "num":
            self.output.append(A.Num(float(tok.text)))
        elif tok.kind == "str":
            self.output.append(A.Str(tok.text))
        elif tok.kind == "ref":
            self.output.append(A.Ref(tok.text))
        elif tok.kind == "dot":
            self.output.append(A.Current())
        elif tok.kind == "parent":
            self.output.append(A.Parent())
        elif tok.kind == "op" and tok.text in ("-", "("):
            self.pending.append(("neg",) if tok.text == "-" else ("paren", tok.pos))
            return True
        elif tok.kind == "name":
            return self.name(tok)
        elif tok.kind == "instance":
            self.output.append(_instance_node(tok, self.nesting + 1))
        else:
            raise self._unexpected(tok, ErrorCode.EXPR_UNEXPECTED, ErrorCode.EXPR_UNEXPECTED_END)
        return False

    def name(self, tok: Token) -> bool:
        if self._is("("):
            self.advance()
            if self._is(")"):
                self.advance()
                self.output.append(A.Call(tok.text, ()))
                return False
            self.pending.append(("call", tok.text, len(self.output)))
            return True
        if self.allow_choice_columns:
            self.output.append(A.ChoiceColumn(tok.text))
            return False
        raise ExpressionError(ErrorCode.EXPR_BARE_NAME, tok.pos, name=tok.text)

    def operator(self) -> bool:
        """After an operand: a binary operator, ',' or ')'; True when an operand is due next."""
        tok = self.tok
        if tok.kind == "op" and tok.text in A.PRECEDENCE:
            self.reduce(A.PRECEDENCE[tok.text])
            self.pending.append(("bin", self.advance().text))
            return True
        if self._is(",") and self.open_call() is not None:
            self.reduce(0)
            self.advance()
            return True
        if self._is(")") and any(m[0] in ("paren", "call") for m in self.pending):
            self.reduce(0)
            self.close(self.pending.pop())
            self.advance()
            return False
        if any(m[0] in ("paren", "call") for m in self.pending):
            raise self._unexpected(tok, ErrorCode.EXPR_NEED_PAREN, ErrorCode.EXPR_NEED_PAREN_END)
        raise ExpressionError(ErrorCode.EXPR_TRAILING, tok.pos, found=repr(tok.text))

    def open_call(self) -> tuple | None:
        """The innermost open '(' or 'name(' if it is a call."""
        for marker in reversed(self.pending):
            if marker[0] in ("paren", "call"):
                return marker if marker[0] == "call" else None
        return None

    def reduce(self, min_prec: int) -> None:
        """Build nodes for pending operators that bind at least as tightly as `min_prec`."""
        while self.pending:
            marker = self.pending[-1]
            if marker[0] == "neg":
                self.pending.pop()
                self.output.append(A.Unary("-", self.output.pop()))
            elif marker[0] == "bin" and A.PRECEDENCE[marker[1]] >= min_prec:
                self.pending.pop()
                right, left = self.output.pop(), self.output.pop()
                self.output.append(A.Binary(marker[1], left, right))
            else:
                return

    def close(self, marker: tuple) -> None:
        if marker[0] == "call":
            args = tuple(self.output[marker[2]:])
            del self.output[marker[2]:]
            self.output.append(A.Call(marker[1], args))

    def finish(self) -> A.Node:
        self.reduce(0)
        if self.pending:
            raise self._unexpected(self.tok, ErrorCode.EXPR_NEED_PAREN,
                                   ErrorCode.EXPR_NEED_PAREN_END)
        return self.output[0]


MAX_INSTANCE_NESTING = 8  # real forms nest two at most; each level is parsed (and run) again


def _instance_node(tok: Token, nesting: int) -> A.Call:
    predicate, at, column = tok.extra
    if nesting > MAX_INSTANCE_NESTING:
        raise ExpressionError(ErrorCode.EXPR_INSTANCE_NESTING, tok.pos, limit=MAX_INSTANCE_NESTING)
    try:
        test = _Parser(predicate, True, nesting).parse() if predicate.strip() \
            else A.Call("true", ())
    except ExpressionError as exc:
        exc.pos += at  # where in the whole expression
        raise
    return A.Call(A.INSTANCE_PATH, (A.Str(tok.text), test, A.Str(column)))


def curly_quoted(source: str) -> bool:
    """True when a string of the expression is quoted with typographic quotes (‘…’, “…”)."""
    try:
        return any(t.kind == "str" and (source[t.pos] in CURLY_QUOTES or
                                        source[t.pos + len(t.text) + 1] in CURLY_QUOTES)
                   for t in tokenize(source))
    except ExpressionError:
        return False


def parse(source: str, *, allow_choice_columns: bool = False) -> A.Node:
    """Parse one expression; raises ExpressionError (with the offset) when it is not valid."""
    return _Parser(source, allow_choice_columns).parse()
