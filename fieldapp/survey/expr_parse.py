"""Tokenizer and Pratt parser for the ODK expression subset used in relevant, constraint,
calculation, required and choice_filter columns. Never `eval`: text becomes a tree of
`expr_ast` nodes or an `ExpressionError` that says where and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import expr_ast as A
from .errors import ExpressionError

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?")
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)")
_REF = re.compile(r"\$\{([^}]*)\}")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")
_WORD_OPERATORS = ("and", "or", "div", "mod")


@dataclass(frozen=True)
class Token:
    kind: str  # num str ref dot name op end
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        if c in "'\"":
            end = source.find(c, i + 1)
            if end < 0:
                raise ExpressionError("字符串缺少结束引号", i, code="unterminated_string")
            tokens.append(Token("str", source[i + 1:end], i))
            i = end + 1
            continue
        if c == "$":
            m = _REF.match(source, i)
            if not m:
                raise ExpressionError("字段引用应写成 ${字段名}", i, code="bad_reference")
            if not _FIELD_NAME.fullmatch(m.group(1)):
                raise ExpressionError(f"字段名无效: ${{{m.group(1)}}}", i, code="bad_reference")
            tokens.append(Token("ref", m.group(1), i))
            i = m.end()
            continue
        m = _NUMBER.match(source, i)
        if m and (c != "." or m.end() > i + 1):
            tokens.append(Token("num", m.group(), i))
            i = m.end()
            continue
        if c == ".":
            if source.startswith("..", i):
                raise ExpressionError("不支持路径表达式 ..", i, code="unsupported_path")
            tokens.append(Token("dot", ".", i))
            i += 1
            continue
        if c == "/":
            raise ExpressionError("不支持路径表达式（/…），请用 ${字段名}", i, code="unsupported_path")
        m = _NAME.match(source, i)
        if m:
            word = m.group()
            kind = "op" if word in _WORD_OPERATORS else "name"
            tokens.append(Token(kind, word, i))
            i = m.end()
            continue
        for op in _OPERATORS:
            if source.startswith(op, i):
                tokens.append(Token("op", op, i))
                i += len(op)
                break
        else:
            raise ExpressionError(f"无法识别的字符 {c!r}", i, code="bad_character")
    tokens.append(Token("end", "", n))
    return tokens


# Nesting and operator-chain limit: far beyond any real form, well inside Python's stack for the
# recursive parser and evaluator.
MAX_DEPTH = 200


class _Parser:
    def __init__(self, source: str, allow_choice_columns: bool):
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0
        self.allow_choice_columns = allow_choice_columns

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        if self.tok.kind != "op" or self.tok.text != text:
            raise ExpressionError(f"此处应为 {text!r}，实际是 {self._describe(self.tok)}",
                                  self.tok.pos, code="syntax")
        return self.advance()

    @staticmethod
    def _describe(tok: Token) -> str:
        return "表达式结尾" if tok.kind == "end" else repr(tok.text)

    def parse(self) -> A.Node:
        if self.tok.kind == "end":
            raise ExpressionError("表达式为空", 0, code="empty")
        node = self.expression(0)
        if self.tok.kind != "end":
            raise ExpressionError(f"多余的内容: {self.tok.text!r}", self.tok.pos, code="syntax")
        return node

    def expression(self, min_prec: int) -> A.Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"表达式嵌套过深（超过 {MAX_DEPTH} 层）", self.tok.pos,
                                  code="too_deep")
        left = self.prefix()
        chain = 0
        while self.tok.kind == "op" and self.tok.text in A.PRECEDENCE:
            prec = A.PRECEDENCE[self.tok.text]
            if prec <= min_prec:
                break
            op = self.advance().text
            right = self.expression(prec)
            left = A.Binary(op, left, right)
            chain += 1
            if self.depth + chain > MAX_DEPTH:  # a long chain makes a deep (left-leaning) tree
                raise ExpressionError(f"表达式过长（超过 {MAX_DEPTH} 个运算）", self.tok.pos,
                                      code="too_deep")
        self.depth -= 1
        return left

    def prefix(self) -> A.Node:
        tok = self.advance()
        if tok.kind == "num":
            return A.Num(float(tok.text))
        if tok.kind == "str":
            return A.Str(tok.text)
        if tok.kind == "ref":
            return A.Ref(tok.text)
        if tok.kind == "dot":
            return A.Current()
        if tok.kind == "op" and tok.text == "-":
            return A.Unary("-", self.expression(A.UNARY_PRECEDENCE - 1))
        if tok.kind == "op" and tok.text == "(":
            inner = self.expression(0)
            self.expect(")")
            return inner
        if tok.kind == "name":
            if self.tok.kind == "op" and self.tok.text == "(":
                return self.call(tok)
            if self.allow_choice_columns:
                return A.ChoiceColumn(tok.text)
            raise ExpressionError(
                f"不支持的写法 {tok.text!r}：引用字段请写 ${{{tok.text}}}，函数要带括号",
                tok.pos, code="bare_name")
        raise ExpressionError(f"此处不应出现 {self._describe(tok)}", tok.pos, code="syntax")

    def call(self, name: Token) -> A.Node:
        self.expect("(")
        args: list[A.Node] = []
        if not (self.tok.kind == "op" and self.tok.text == ")"):
            args.append(self.expression(0))
            while self.tok.kind == "op" and self.tok.text == ",":
                self.advance()
                args.append(self.expression(0))
        self.expect(")")
        return A.Call(name.text, tuple(args))


def parse(source: str, *, allow_choice_columns: bool = False) -> A.Node:
    """Parse one expression; raises ExpressionError (with the offset) when it is not valid."""
    return _Parser(source, allow_choice_columns).parse()
