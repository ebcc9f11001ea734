"""Form errors are values: a code, the place (file, sheet, row, column) and a catalogue sentence
(core/messages_form.py) kept as a Said, so it prints in Chinese or English where shown.

`FormError` is one problem; `FormErrors` carries every problem a workbook has, so `form check`
can list them all at once instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode, Said


_WHERE_ZH = ("工作表 {}", "第 {} 行", "{} 列", "（{}）")
_WHERE_EN = ("sheet {}", "row {}", "column {}", " ({})")


@dataclass(frozen=True)
class Problem:
    """One problem in a workbook; row is the 1-based spreadsheet row, column its header name;
    `message` is the Chinese sentence, `said` the catalogue entry it came from."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    column_letter: str = ""
    said: Said | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, said: Said, code: str = "", **place) -> Problem:
        """A problem from the catalogue; its code is the entry's unless given."""
        return cls(code or said.entry.code, said.text("zh"), said=said, **place)

    def sentence(self, language: str = "zh") -> str:
        """The problem without its place, in the user's language."""
        return self.said.text(language) if self.said is not None else self.message

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
        return f"{where}: {self.sentence(language)}" if where else self.sentence(language)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_en": self.sentence("en"),
                "file": self.file,
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "column_letter": self.column_letter}


class FormError(FieldappError):
    """A workbook that cannot be used as a checklist."""

    code = "form"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(self._sentence("zh"), code=first.code, where=first.where or None)
        self.where_en = first.where_in("en") or None  # the place as in_language prints it

    def _sentence(self, language: str) -> str:
        first = self.problems[0].sentence(language)
        if len(self.problems) == 1:
            return first
        return ErrorCode.FORM_MORE_PROBLEMS.text(language, first=first, count=len(self.problems))

    def text(self, language: str = "zh") -> str:
        """The first problem (and how many there are) in the user's language."""
        return self._sentence(language)

    @classmethod
    def of(cls, entry: ErrorCode, *, file: str, **params) -> FormError:
        """One problem with the file itself, from the catalogue (so it has its English too)."""
        exc = cls([Problem.of(Said(entry, **params), file=file)])
        exc.entry, exc.params = entry, params
        return exc


def said_of(exc: FieldappError) -> Said:
    """An error raised inside the loader (an expression, an answer, a choice file) as a Said."""
    if exc.entry is not None:
        return Said(exc.entry, **exc.params)
    return Said(ErrorCode.FORM_PLAIN, text=exc.message)


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
