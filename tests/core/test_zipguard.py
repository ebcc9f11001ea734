"""A zip member packed with a compression method Python cannot inflate (deflate64, AES, ...) is
refused with a message naming the file and the member, never a NotImplementedError."""

import zipfile

import pytest
from zip_methods import with_compression_method

from fieldapp.core.zipguard import InputTooLarge, check_xlsx, check_zip, read_member


@pytest.fixture
def odd_zip(tmp_path):
    path = tmp_path / "登记表.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 50)
    with_compression_method(path, 9)  # deflate64: zipfile raises NotImplementedError when opening it
    with zipfile.ZipFile(path) as zf, pytest.raises(NotImplementedError):
        zf.open("xl/worksheets/sheet1.xml")  # the file is what the test means it to be
    return path


def test_an_unsupported_compression_method_is_refused_naming_file_and_member(odd_zip):
    for check in (check_zip, check_xlsx):
        with pytest.raises(InputTooLarge) as caught:
            check(odd_zip)
        exc = caught.value
        assert exc.where == str(odd_zip)
        assert "xl/worksheets/sheet1.xml" in str(exc) and "不支持的压缩方式" in str(exc)
        assert "compression method this program does not support" in exc.text("en")


def test_reading_such_a_member_is_refused_too(odd_zip):
    with zipfile.ZipFile(odd_zip) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        with pytest.raises(InputTooLarge) as caught:
            read_member(zf, info, 2**20, "登记表.xlsx")
    assert "登记表.xlsx" in str(caught.value) and caught.value.code == "broken"


def test_the_usual_methods_pass(tmp_path):
    path = tmp_path / "ok.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "a" * 100, compress_type=zipfile.ZIP_STORED)
        zf.writestr("b.txt", "b" * 100, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("c.txt", "c" * 100, compress_type=zipfile.ZIP_LZMA)
    check_zip(path).close()
