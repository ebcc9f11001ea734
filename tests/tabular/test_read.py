"""Reading registers: row numbers as Excel shows them, merged cells, encodings, broken files."""

import pytest
from openpyxl import Workbook

from fieldapp.tabular.read import TabularError, read_table, sheet_names


def test_xlsx_rows_keep_excel_numbers_and_merged_cells_fill(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["B3"] = "标题"
    ws.merge_cells("B3:E3")
    ws["B5"], ws["C5"] = "组", "户主姓名"
    ws["B6"], ws["C6"], ws["C7"] = "1组", "张三", "李四"
    ws.merge_cells("B6:B7")
    p = tmp_path / "r.xlsx"
    wb.save(p)
    t = read_table(p)
    assert t.rows[4][1:3] == ["组", "户主姓名"]  # row 5 in Excel
    assert t.rows[6][1:3] == ["1组", "李四"]  # the merged group reaches row 7
    assert t.rows[2][4] == "标题"


def test_xls_is_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, 2, "某村花名册")
    ws.write(2, 0, "户主姓名")
    ws.write(3, 0, "王五")
    p = tmp_path / "r.xls"
    wb.save(str(p))
    t = read_table(p)
    assert t.sheet == "花名册" and t.rows[3][0] == "王五" and t.rows[0][2] == "某村花名册"
    assert sheet_names(p) == ["花名册"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings(tmp_path, encoding):
    p = tmp_path / "r.csv"
    p.write_bytes("花名册\n户主姓名,村民小组\n张三,１组\n".encode(encoding))
    t = read_table(p)
    assert t.rows == [["花名册"], ["户主姓名", "村民小组"], ["张三", "１组"]]
    assert t.encoding == ("gbk" if encoding == "gbk" else "utf-8")


def test_quoted_line_break_does_not_shift_rows(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text('户主姓名,备注\n张三,"第一行\n第二行"\n李四,\n', encoding="utf-8")
    assert read_table(p).rows[2][0] == "李四"


@pytest.mark.parametrize("name,content,code", [
    ("broken.xlsx", b"this is not a zip", "broken"),
    ("empty.xlsx", b"", "broken"),
    ("broken.xls", b"\xd0\xcf\x11\xe0garbage", "broken"),
    ("binary.csv", b"\xff\xfe\xff\xff\x00\x81", "encoding"),
    ("notes.docx", b"x", "type"),
])
def test_broken_files_name_the_file(tmp_path, name, content, code):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(TabularError) as e:
        read_table(p)
    assert e.value.code == code and name in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(TabularError, match="文件不存在"):
        read_table(tmp_path / "nope.xlsx")
