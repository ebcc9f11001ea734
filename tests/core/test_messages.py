"""The error catalogue: a code and parameters in, a sentence in Chinese or English out; one
Cancelled for every job."""

import string

import pytest

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode
from fieldapp.core.progress import Cancelled


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("entry", list(ErrorCode), ids=lambda e: e.name)
def test_every_entry_has_both_languages_with_the_same_fields(entry):
    assert entry.value.zh.strip() and entry.value.en.strip()
    assert _fields(entry.value.zh) == _fields(entry.value.en)
    assert entry.value.en.isascii(), "the English template must not carry Chinese"
    assert not _fields(entry.value.zh) & {"code", "where", "message"}, "those are the error's own"


def test_an_error_raised_with_a_code_speaks_both_languages():
    exc = Cancelled(ErrorCode.CANCELLED_IMPORT, where="register.xlsx")
    assert exc.code == "cancelled"
    assert str(exc) == "register.xlsx: 导入已取消，数据库未做任何改动"
    assert exc.text("en") == "Import cancelled; nothing was changed in the database"
    assert exc.as_dict()["code"] == "cancelled"
    assert exc.as_dict()["where"] == "register.xlsx"


def test_plain_messages_still_work_while_files_are_converted():
    exc = FieldappError("文件不存在", code="not_found", where="a.csv")
    assert exc.code == "not_found" and exc.text("en") == "文件不存在"


def test_one_cancelled_for_every_job():
    import fieldapp.geo.errors as geo
    import fieldapp.reports.errors as reports
    import fieldapp.store.backups.backup as backup
    import fieldapp.store.register_imports.import_log as import_log
    import fieldapp.store.register_imports.plan_apply as register_import
    import fieldapp.sync.errors as sync
    from fieldapp.jobs import Cancelled as JobsCancelled

    assert JobsCancelled is Cancelled
    for module, name in ((geo, "Cancelled"), (reports, "Cancelled"), (sync, "MergeCancelled"),
                         (backup, "BackupCancelled"), (register_import, "ImportCancelled"),
                         (import_log, "UndoCancelled")):
        assert not hasattr(module, name) or getattr(module, name) is Cancelled


def test_the_app_shows_a_catalogued_error_in_the_ui_language(qapp):
    from PySide6.QtCore import QLocale

    from fieldapp.ui.widgets.errors import describe

    exc = Cancelled(ErrorCode.CANCELLED_MERGE)
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("en"))
        assert describe(exc) == "Merge cancelled; nothing was changed in the database"
        QLocale.setDefault(QLocale("zh_CN"))
        assert describe(exc) == "合并已取消，数据库未做任何改动"
    finally:
        QLocale.setDefault(before)


def test_the_app_shows_a_forms_problem_and_its_place_in_the_ui_language(qapp, tmp_path):
    from inline_xlsform import write_xlsform
    from PySide6.QtCore import QLocale

    from fieldapp.survey.errors import FormError
    from fieldapp.survey.loader import load_form
    from fieldapp.ui.widgets.errors import describe

    path = write_xlsform(tmp_path / "f.xlsx", [["type", "name", "label"], ["bogus", "a", "A"]])
    with pytest.raises(FormError) as caught:
        load_form(path)
    error = caught.value
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("en"))
        assert describe(error) == ("Unsupported question type: bogus\n"
                                   "f.xlsx sheet survey row 2 column type (A)")
        QLocale.setDefault(QLocale("zh_CN"))
        assert describe(error) == "不支持的题型: bogus\nf.xlsx 工作表 survey 第 2 行 type 列（A）"
    finally:
        QLocale.setDefault(before)


def test_no_entry_name_is_given_twice():
    """A name assigned twice in a chapter, or in two chapters, would silently replace the
    other sentence."""
    import ast
    from collections import Counter
    from pathlib import Path

    import fieldapp.core.messages as catalogue

    names = Counter()
    for path in Path(catalogue.__file__).parent.glob("messages*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names.update(t.id for item in node.body if isinstance(item, ast.Assign)
                             for t in item.targets if isinstance(t, ast.Name) and t.id.isupper())
    assert [name for name, n in names.items() if n > 1] == []
