"""Write the checked-in .xls fixture of tests/test_workbook.py.

CI installs only the ``[test]`` extra, which has no .xls writer, so the legacy
workbook is made here with xlwt and kept in git:

    pip install xlwt && python tests/data/make_fixtures.py

The other formats (.xlsx, .ods, .csv) are built by the tests themselves. The
nomination table below is imported by the tests, which build the same table in
every format and check that all of them read the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).parent
XLS_PATH = HERE / "workbook" / "nominations.xls"

TITLE = "DANH SÁCH SẢN PHẨM ĐỀ CỬ"
HEADER = ["Mã", "Tên doanh nghiệp", "Doanh thu (tỷ đồng)", "Tỷ lệ nội địa hoá", "Ngày thành lập"]
# (id, enterprise, revenue, local share, founded, how the share cell is formatted)
NOMINATIONS = [
    ("SP001", "Công ty Cổ phần Cơ khí Hà Nội", 1200, 0.7, dt.date(2019, 3, 15), "0%"),
    ("SP002", "Công ty TNHH Điện tử Đà Nẵng", 85.5, 0.7, dt.date(2005, 1, 2), None),
    ("SP003", "Hợp tác xã Gốm Bát Tràng", 12, 0.125, dt.date(2021, 12, 31), "0.0%"),
]
# Sheet layout: title in A1 merged over A1:E1, row 2 empty, header in row 3, data from row 4.
HEADER_ROW = 2  # 0-based
ERRORS_SHEET = "Lỗi"  # B2 holds #DIV/0!, C2 holds #N/A, D2 a text
ERRORS = {(1, 1): "#DIV/0!", (1, 2): "#N/A"}


def write_xls(path: Path) -> None:
    """The nomination table as an Excel 97-2003 workbook, with an error sheet."""
    import xlwt  # only needed to regenerate the fixture

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Đề cử")
    sheet.write_merge(0, 0, 0, 4, TITLE)
    for col, label in enumerate(HEADER):
        sheet.write(HEADER_ROW, col, label)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for i, (code, name, revenue, share, founded, share_format) in enumerate(NOMINATIONS):
        row = HEADER_ROW + 1 + i
        sheet.write(row, 0, code)
        sheet.write(row, 1, name)
        sheet.write(row, 2, revenue)
        if share_format:
            sheet.write(row, 3, share, xlwt.easyxf(num_format_str=share_format))
        else:
            sheet.write(row, 3, share)
        sheet.write(row, 4, founded, date_style)
    errors = book.add_sheet(ERRORS_SHEET)
    cells = errors.row(1)
    cells.set_cell_error(1, "#DIV/0!")
    cells.set_cell_error(2, "#N/A!")  # xlwt's name for #N/A
    errors.write(1, 3, "ghi chú")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))


if __name__ == "__main__":
    write_xls(XLS_PATH)
    print(f"wrote {XLS_PATH} ({XLS_PATH.stat().st_size} bytes)")
