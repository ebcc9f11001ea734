"""What a question's control carries besides its answer, read from the survey sheet: the file
types an attachment question takes (`body::accept`) and a geopoint's accuracy thresholds (ODK's
`capture-accuracy` / `warning-accuracy` parameters, or the older `body::accuracyThreshold` /
`body::unacceptableAccuracyThreshold` columns). A mixin of SurveyBuilder (loader_survey.py)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from fieldapp.core.attached_files import KINDS, accept_items
from fieldapp.core.messages import ErrorCode, Said

from .sheets import Row, split_column

if TYPE_CHECKING:
    from .loader import _Loader
    from .sheets import Sheet

# parameter -> the body:: column that says the same (pyxform writes the parameter as it)
_ACCURACY = {"capture-accuracy": "accuracythreshold",
             "warning-accuracy": "unacceptableaccuracythreshold"}


class ControlAttributes:
    ld: _Loader
    sheet: Sheet

    def problem(self, said: Said, row: Row, column: str, code: str = "") -> None:
        raise NotImplementedError

    def body(self, row: Row, attribute: str) -> tuple[str, str]:
        """(header, text) of the body::ATTRIBUTE column (any case); ('', '') when absent."""
        for header, value in row.cells.items():
            base, attr = split_column(header)
            if base == "body" and (attr or "").lower() == attribute:
                return header, value
        return "", ""

    def accept(self, row: Row, kind: str) -> tuple[str, ...]:
        """body::accept of an attachment question, as extensions and media types; what is not
        understood is left out with a note (pyxform passes the text on as it is)."""
        header, text = self.body(row, "accept")
        if kind not in KINDS or not text:
            return ()
        items, bad = accept_items(text)
        if bad:
            self.ld.warnings.append(Said(ErrorCode.FORM_NOTE_ACCEPT, sheet=self.sheet.name,
                                         row=row.number, column=header, items=" ".join(bad)))
        return items

    def accuracy(self, row: Row, kind: str, params: dict[str, str]
                 ) -> tuple[float | None, float | None]:
        """(capture, warning) accuracy of a geopoint in metres; None when not given."""
        if kind != "geopoint":
            return None, None
        out: list[float | None] = []
        for name, attribute in _ACCURACY.items():
            column, text = "parameters", params.get(name, "")
            if not text:
                column, text = self.body(row, attribute)
                name = column or name
            out.append(self.metres(row, column, name, text) if text else None)
        return out[0], out[1]

    def metres(self, row: Row, column: str, name: str, text: str) -> float | None:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            self.problem(Said(ErrorCode.FORM_BAD_ACCURACY, name=name, value=text), row, column)
            return None
        return value
