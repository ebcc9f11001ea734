"""`fieldapp report`: gather the figures and write them as PDF or Excel (by the file's suffix).
The file appears only when complete; a cancel leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from fieldapp.core.progress import Progress
from fieldapp.core.private_files import create_private

from fieldapp.reports.errors import ReportError
from fieldapp.reports.report_data import STEPS, ReportData, build_report
from fieldapp.core.messages import ErrorCode

FORMATS = (".pdf", ".xlsx")


def make_report(store, out: str | os.PathLike, code: str | None = None, *,
                today: dt.date | None = None, progress: Progress | None = None) -> ReportData:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(ErrorCode.REPORT_FILE_TYPE, where=str(out))
    if not out.parent.is_dir():
        raise ReportError(ErrorCode.OUTPUT_FOLDER_MISSING, where=str(out.parent))

    def gather(done: int, _total: int) -> bool:
        return progress(done, STEPS + 1) if progress else True

    data = build_report(store, code, today=today, progress=gather)
    if suffix == ".pdf":
        from fieldapp.reports.report_pdf import write_pdf

        write_pdf(data, out)
    else:
        from fieldapp.reports.report_xlsx import write_xlsx

        part = out.with_name(f".{out.name}.part.xlsx")
        try:
            write_xlsx(data, create_private(part))
            os.replace(part, out)
        finally:
            part.unlink(missing_ok=True)
    if progress:
        progress(STEPS + 1, STEPS + 1)
    return data
