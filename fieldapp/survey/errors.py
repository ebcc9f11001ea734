"""Form errors are values: a code, the place (file, sheet, row, column) and a Chinese message.

`FormError` is one problem; `FormErrors` carries every problem a workbook has, so `form check`
can list them all at once instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode


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
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            col = f"{self.column} 列"
            if self.column_letter:
                col += f"（{self.column_letter}）"
            parts.append(col)
        return " ".join(parts)

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
