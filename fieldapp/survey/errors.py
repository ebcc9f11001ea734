"""Form errors are values: a code, the place (file, sheet, row, column) and a Chinese message.

`FormError` is one problem; `FormErrors` carries every problem a workbook has, so `form check`
can list them all at once instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode


_WHERE_ZH = ("工作表 {}", "第 {} 行", "{} 列", "（{}）")
_WHERE_EN = ("sheet {}", "row {}", "column {}", " ({})")


@dataclass(frozen=True)
class Problem:
    """One problem in a workbook; row is the 1-based spreadsheet row, column its header name."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    column_letter: str = ""

    @property
    def where(self) -> str:
        return self.where_in("zh")

    def where_in(self, language: str = "zh") -> str:
        """"form.xlsx 工作表 survey 第 3 行 type 列（A）", or in English "form.xlsx sheet survey
        row 3 column type (A)"."""
        words = _WHERE_EN if language.startswith("en") else _WHERE_ZH
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(words[0].format(self.sheet))
        if self.row is not None:
            parts.append(words[1].format(self.row))
        if self.column:
            col = words[2].format(self.column)
            if self.column_letter:
                col += words[3].format(self.column_letter)
            parts.append(col)
        return " ".join(parts)

    def text(self, language: str = "zh") -> str:
        """The problem with its place, the place in the user's language."""
        where = self.where_in(language)
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "file": self.file,
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "column_letter": self.column_letter}


class FormError(FieldappError):
    """A workbook that cannot be used as a checklist."""

    code = "form"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0]
        more = f"（共 {len(self.problems)} 处问题）" if len(self.problems) > 1 else ""
        super().__init__(first.message + more, code=first.code, where=first.where or None)
        self.where_en = first.where_in("en") or None  # the place as in_language prints it

    @classmethod
    def of(cls, entry: ErrorCode, *, file: str, **params) -> FormError:
        """One problem with the file itself, from the catalogue (so it has its English too)."""
        exc = cls([Problem(entry.code, entry.text("zh", **params), file=file)])
        exc.entry, exc.params = entry, params
        return exc


class ExpressionError(FieldappError):
    """An expression that cannot be parsed or uses something unsupported; `pos` is its offset."""

    code = "expression"

    def __init__(self, message: str | ErrorCode, pos: int = 0, *, code: str | None = None,
                 **params):
        self.pos = pos
        super().__init__(message, code=code, **params)


class AnswerError(FieldappError):
    """An answer that does not fit its field (not a number, not a choice, outside a range)."""

    code = "answer"
