"""The error catalogue: every user-facing error message as a code with a Chinese and an English
template (the pattern of pyxform's ErrorCode).  Raise with the code and parameters:

    raise GeoError(ErrorCode.GEO_NO_FEATURES, where=str(path), layer=name)

FieldappError.text("en") gives the English sentence, ``str(exc)`` and ``exc.message`` the Chinese
one; ``exc.code`` is the stable code the CLI prints with ``--json``.  Templates use ``{name}``
fields filled from the parameters.  Add new messages here; tests/core/test_messages.py checks that
both languages use the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Template:
    zh: str
    en: str
    code: str = ""  # the stable code if it differs from the lower-cased member name


class ErrorCode(Enum):
    # ---- jobs: cancelled work (one Cancelled exception, fieldapp.core.progress) --------------
    CANCELLED = Template("已取消，数据库未改动", "Cancelled; the database was not changed",
                         "cancelled")
    CANCELLED_IMPORT = Template("导入已取消，数据库未做任何改动",
                                "Import cancelled; nothing was changed in the database",
                                "cancelled")
    CANCELLED_MERGE = Template("合并已取消，数据库未做任何改动",
                               "Merge cancelled; nothing was changed in the database",
                               "cancelled")
    CANCELLED_UNDO = Template("撤销已取消，数据库未做任何改动",
                              "Undo cancelled; nothing was changed in the database", "cancelled")
    CANCELLED_BACKUP = Template("备份已取消", "Backup cancelled", "cancelled")
    CANCELLED_CHECK = Template("已取消检查", "Check cancelled", "cancelled")
    CANCELLED_FILES = Template("已取消，未写入任何文件", "Cancelled; no file was written",
                               "cancelled")
    CANCELLED_EXPORT = Template("已取消导出，未写入文件", "Export cancelled; no file was written",
                                "cancelled")
    CANCELLED_REPORT = Template("已取消，未写入报表", "Cancelled; the report was not written",
                                "cancelled")

    @property
    def code(self) -> str:
        return self.value.code or self.name.lower()

    def text(self, language: str = "zh", **params) -> str:
        template = self.value.en if language.startswith("en") else self.value.zh
        return template.format(**params)
