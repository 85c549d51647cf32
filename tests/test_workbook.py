"""Tests of chuluc_cli.io.workbook (and the format sniffing of chuluc_cli.io.formats).

Every workbook is built here in tmp_path (openpyxl, xlsxwriter, or the ODS zip by
hand), except the .xls, which no CI package can write: it is checked in under
tests/data/workbook and made by tests/data/make_fixtures.py.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from bad_input_helpers import cp1258_bytes
from chuluc_cli.errors import InputError, LimitError
from chuluc_cli.io import formats
from chuluc_cli.io.workbook import RawSheet, iter_sheets, read_sheet, sha256_of, sheet_names
from script_loader import load_script

DATA = Path(__file__).parent / "data"
fixtures = load_script("make_fixtures", DATA / "make_fixtures.py")

XLS = fixtures.XLS_PATH
FIRST_DATA_ROW = fixtures.HEADER_ROW + 1
PERCENT_CELLS = {
    (FIRST_DATA_ROW + i, 3) for i, row in enumerate(fixtures.NOMINATIONS) if row[5] is not None
}


def expected_rows() -> list[list[object]]:
    """The nomination table as read: title row, empty row, header, data."""
    title = [fixtures.TITLE, "", "", "", ""]
    data = [list(row[:5]) for row in fixtures.NOMINATIONS]
    return [title, [""] * 5, list(fixtures.HEADER), *data]


# --- Builders ------------------------------------------------------------------------
def write_xlsx(path: Path) -> Path:
    """The nomination table with openpyxl: merged title, percent and plain shares."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Đề cử"
    sheet["A1"] = fixtures.TITLE
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(fixtures.HEADER)
    for code, name, revenue, share, founded, share_format in fixtures.NOMINATIONS:
        sheet.append([code, name, revenue, share, founded])
        if share_format:
            sheet.cell(sheet.max_row, 4).number_format = share_format
        sheet.cell(sheet.max_row, 5).number_format = "DD/MM/YYYY"
    book.save(path)
    return path


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_cell(value: object, *, percent: bool = False, attrs: str = "") -> str:
    """One table cell the way LibreOffice writes it."""
    if value == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, str):
        kind = 'office:value-type="string" calcext:value-type="string"'
    elif isinstance(value, dt.date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        value_type = "percentage" if percent else "float"
        kind = f'office:value-type="{value_type}" office:value="{value}"'
    return f"<table:table-cell {kind}{attrs}><text:p>{value}</text:p></table:table-cell>"


def write_ods(path: Path, tables: list[tuple[str, list[str]]]) -> Path:
    """An .ods with the given tables; each row is the XML inside one table-row."""
    body = "".join(
        f'<table:table table:name="{name}">'
        + "".join(row if row.startswith("<table:table-row") else _ods_row(row) for row in rows)
        + "</table:table>"
        for name, rows in tables
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.2"><office:body><office:spreadsheet>{body}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
    return path


def _ods_row(cells: str) -> str:
    return f"<table:table-row>{cells}</table:table-row>"


def write_ods_nominations(path: Path) -> Path:
    """The nomination table as LibreOffice saves it, with formatting down to row 1,048,576."""
    title = ods_cell(fixtures.TITLE, attrs=' table:number-columns-spanned="5"')
    title += '<table:covered-table-cell table:number-columns-repeated="4"/>'
    rows = [
        title + '<table:table-cell table:number-columns-repeated="1019"/>',
        '<table:table-cell table:number-columns-repeated="1024"/>',
        "".join(ods_cell(label) for label in fixtures.HEADER),
    ]
    for code, name, revenue, share, founded, share_format in fixtures.NOMINATIONS:
        cells = [ods_cell(code), ods_cell(name), ods_cell(revenue)]
        cells += [ods_cell(share, percent=bool(share_format)), ods_cell(founded)]
        rows.append("".join(cells))
    rows.append(
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    return write_ods(path, [("Đề cử", rows)])


def write_csv(path: Path, rows: list[list[object]], *, delimiter: str, encoding: str) -> Path:
    """A CSV the way Excel saves one; values are written with str()."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [[str(value) for value in row] for row in rows]
    )
    text = buffer.getvalue()
    data = cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding)
    path.write_bytes(data)
    return path


Rewrite = Callable[[bytes], bytes]


def message(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    return str(excinfo.value)


# --- The nomination table in every format --------------------------------------------
def test_xlsx_rows_are_aligned_to_excel_rows(tmp_path: Path) -> None:
    sheet = read_sheet(write_xlsx(tmp_path / "de-cu.xlsx"))
    assert sheet.name == "Đề cử"
    assert sheet.format == "xlsx"
    assert sheet.rows == expected_rows()
    assert sheet.rows[fixtures.HEADER_ROW][0] == "Mã"  # Excel row 3
    assert sheet.merged == ((0, 0, 0, 4),)
    assert sheet.encoding is None


def test_xlsx_percent_cells_are_told_from_plain_fractions(tmp_path: Path) -> None:
    sheet = read_sheet(write_xlsx(tmp_path / "de-cu.xlsx"))
    assert sheet.percent_cells == PERCENT_CELLS
    assert sheet.rows[3][3] == sheet.rows[4][3] == 0.7  # 70% and a plain 0.7 read alike
    assert (4, 3) not in sheet.percent_cells


def test_xls_reads_the_same_table_with_percents_and_merge() -> None:
    sheet = read_sheet(XLS)
    assert sheet.format == "xls"
    assert sheet.rows == expected_rows()
    assert sheet.percent_cells == PERCENT_CELLS
    assert sheet.merged == ((0, 0, 0, 4),)


def test_xls_error_cells_read_as_their_text() -> None:
    sheet = read_sheet(XLS, fixtures.ERRORS_SHEET)
    assert sheet.error_cells == set(fixtures.ERRORS)
    for (row, col), text in fixtures.ERRORS.items():
        assert sheet.rows[row][col] == text
    assert sheet.rows[1][3] == "ghi chú"


def test_ods_reads_the_same_table_and_skips_repeated_empty_rows(tmp_path: Path) -> None:
    sheet = read_sheet(write_ods_nominations(tmp_path / "de-cu.ods"))
    assert sheet.format == "ods"
    assert sheet.rows == expected_rows()
    assert sheet.percent_cells == PERCENT_CELLS
    assert sheet.merged == ((0, 0, 0, 4),)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "expected_encoding"),
    [
        (";", "utf-8-sig", "utf-8-sig"),
        (",", "utf-8", "utf-8"),
        ("\t", "utf-16", "utf-16"),
        (";", "cp1258", "cp1258"),
    ],
)
def test_csv_reads_the_same_table_as_text(
    tmp_path: Path, delimiter: str, encoding: str, expected_encoding: str
) -> None:
    path = write_csv(
        tmp_path / "de-cu.csv", expected_rows(), delimiter=delimiter, encoding=encoding
    )
    sheet = read_sheet(path)
    assert sheet.name == "de-cu"
    assert sheet.format == "csv"
    assert sheet.encoding == expected_encoding
    assert sheet.rows == [[str(value) for value in row] for row in expected_rows()]
    assert sheet.percent_cells == frozenset()
    assert sheet.merged == ()


def test_every_format_gives_the_same_values(tmp_path: Path) -> None:
    xlsx = read_sheet(write_xlsx(tmp_path / "a.xlsx"))
    ods = read_sheet(write_ods_nominations(tmp_path / "a.ods"))
    xls = read_sheet(XLS)
    as_csv = read_sheet(
        write_csv(tmp_path / "a.csv", expected_rows(), delimiter=";", encoding="cp1258")
    )
    assert xlsx.rows == xls.rows == ods.rows
    assert xlsx.percent_cells == xls.percent_cells == ods.percent_cells
    # Whole numbers are int in every format, so their text is the CSV's (1200, not 1200.0).
    assert [[str(value) for value in row] for row in xlsx.rows] == as_csv.rows
    assert isinstance(xlsx.rows[3][2], int)


# --- What calamine does not tell -----------------------------------------------------
def test_formula_without_cached_value_is_reported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = 21
    book.active["C3"] = "=A1*2"  # openpyxl saves no value for it
    book.save(tmp_path / "f.xlsx")
    sheet = read_sheet(tmp_path / "f.xlsx")
    assert sheet.formula_without_value == {(2, 2)}
    assert sheet.rows == [[21, "", ""], ["", "", ""], ["", "", ""]]


def test_formula_with_cached_value_is_not_reported(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(tmp_path / "f.xlsx")
    sheet = book.add_worksheet()
    sheet.write("A1", 21)
    sheet.write_formula("B1", "=A1*2", None, 42)
    sheet.write_formula("C1", '=""&""', None, "")
    book.close()
    read = read_sheet(tmp_path / "f.xlsx")
    assert read.formula_without_value == {(0, 2)}  # xlsxwriter saves "" as no value
    assert read.rows == [[21, 42, ""]]  # the cell stays inside rows


def test_xlsx_error_cells_read_as_their_text(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(tmp_path / "e.xlsx")
    sheet = book.add_worksheet()
    sheet.write_formula("A1", "=1/0", None, "#DIV/0!")
    sheet.write_formula("B2", "=NA()", None, "#N/A")
    sheet.write("C2", "ok")
    book.close()
    read = read_sheet(tmp_path / "e.xlsx")
    assert read.error_cells == {(0, 0), (1, 1)}
    assert read.rows == [["#DIV/0!", "", ""], ["", "#N/A", "ok"]]


def test_ods_error_formula_and_percent_cells(tmp_path: Path) -> None:
    error = (
        '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
    )
    no_value = '<table:table-cell table:formula="of:=[.A1]*2"/>'
    row = ods_cell(0.25, percent=True) + ods_cell(0.25) + error + no_value
    sheet = read_sheet(write_ods(tmp_path / "e.ods", [("S", [row])]))
    assert sheet.percent_cells == {(0, 0)}
    assert sheet.error_cells == {(0, 2)}
    assert sheet.formula_without_value == {(0, 3)}
    assert sheet.rows == [[0.25, 0.25, "#DIV/0!", ""]]


def test_ods_repeated_cells_are_placed_and_marked(tmp_path: Path) -> None:
    repeated = ods_cell(0.5, percent=True, attrs=' table:number-columns-repeated="3"')
    rows = [
        '<table:table-row table:number-rows-repeated="2">'
        + '<table:table-cell table:number-columns-repeated="2"/>'
        + repeated
        + "</table:table-row>",
        ods_cell("x") + ods_cell("", attrs=' table:number-columns-repeated="4"') + ods_cell(1),
    ]
    sheet = read_sheet(write_ods(tmp_path / "r.ods", [("S", rows)]))
    assert sheet.rows == [["", "", 0.5, 0.5, 0.5, ""]] * 2 + [["x", "", "", "", "", 1]]
    assert sheet.percent_cells == {(r, c) for r in (0, 1) for c in (2, 3, 4)}


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.0%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ("[$%-409]0.00", False),
        ("0.00", False),
        ("General", False),
    ],
)
def test_percent_number_formats(code: str, percent: bool) -> None:
    assert formats.is_percent_format(code) is percent


def _rewrite_sheet_xml(source: Path, target: Path, rewrite: Rewrite) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = rewrite(data)
            new.writestr(item, data)
    return target


@pytest.mark.parametrize(
    "rewrite",
    [
        pytest.param(lambda xml: re.sub(rb' r="[A-Z]+\d+"', b"", xml), id="cells-without-r"),
        pytest.param(
            lambda xml: re.sub(rb'(<c r="[A-Z]+\d+") (s="\d+") (t="\w+")', rb"\1 \3 \2", xml),
            id="type-before-style",
        ),
        pytest.param(
            lambda xml: re.sub(rb"<(/?)(\w+)", rb"<\1x:\2", xml).replace(
                b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x="
            ),
            id="prefixed-namespace",
        ),
    ],
)
def test_unusual_xlsx_writers_give_the_same_sheet(tmp_path: Path, rewrite: Rewrite) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx")
    odd = _rewrite_sheet_xml(plain, tmp_path / "odd.xlsx", rewrite)
    assert read_sheet(odd) == read_sheet(plain)


# --- Alignment and trimming ----------------------------------------------------------
def test_sheet_starting_lower_and_righter_keeps_excel_positions(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["C5"] = "Mã"
    book.active["D6"] = 7
    book.save(tmp_path / "s.xlsx")
    sheet = read_sheet(tmp_path / "s.xlsx")
    assert len(sheet.rows) == 6
    assert sheet.rows[4][2] == "Mã"
    assert sheet.rows[5][3] == 7
    assert all(len(row) == 4 for row in sheet.rows)


def test_formatted_empty_rows_and_columns_are_trimmed(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(tmp_path / "t.xlsx", {"constant_memory": True})
    sheet = book.add_worksheet()
    yellow = book.add_format({"bg_color": "yellow", "num_format": "0%"})
    sheet.write_row(0, 0, ["a", "b"])
    sheet.write_string(1, 5, "")  # an empty string also counts as empty
    for row in range(2, 1_048_576, 1000):
        sheet.write_blank(row, 0, None, yellow)
        sheet.write_blank(row, 40, None, yellow)
    book.close()
    read = read_sheet(tmp_path / "t.xlsx")
    assert read.rows == [["a", "b"]]
    assert read.percent_cells == frozenset()


def test_dates_times_and_booleans_keep_their_types(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(
        [dt.date(2019, 3, 15), dt.datetime(2019, 3, 15, 10, 30), dt.time(8, 15), True, 2.5]
    )
    book.active["A1"].number_format = "DD/MM/YYYY"
    book.save(tmp_path / "d.xlsx")
    row = read_sheet(tmp_path / "d.xlsx").rows[0]
    assert row == [
        dt.date(2019, 3, 15),
        dt.datetime(2019, 3, 15, 10, 30),
        dt.time(8, 15),
        True,
        2.5,
    ]
    assert type(row[3]) is bool


# --- Sheets --------------------------------------------------------------------------
def test_sheet_names_skip_chart_sheets_and_sheets_are_chosen(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(tmp_path / "m.xlsx")
    book.add_worksheet("Hướng dẫn").write("A1", "đọc kỹ")
    book.add_worksheet("Danh sách").write("A1", "Mã")
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='Danh sách'!$A$1:$A$1"})
    book.add_chartsheet("Biểu đồ").set_chart(chart)
    book.close()
    path = tmp_path / "m.xlsx"
    assert sheet_names(path) == ["Hướng dẫn", "Danh sách"]
    assert read_sheet(path).name == "Hướng dẫn"
    assert read_sheet(path, 1).rows == [["Mã"]]
    assert read_sheet(path, "Danh sách").rows == [["Mã"]]
    assert read_sheet(path, "danh sach").name == "Danh sách"  # case and accents ignored
    assert [sheet.name for sheet in iter_sheets(path)] == ["Hướng dẫn", "Danh sách"]


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx")
    with pytest.raises(InputError) as excinfo:
        read_sheet(path, "Tổng hợp")
    assert message(excinfo) == f"{path}: no sheet named 'Tổng hợp'; sheets: 'Đề cử'"
    with pytest.raises(InputError) as excinfo:
        read_sheet(path, 3)
    assert message(excinfo) == f"{path}: no sheet number 3 (counting from 0); sheets: 'Đề cử'"


def test_csv_has_one_sheet_named_after_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "đề cử.csv", [["a", "b"]], delimiter=",", encoding="utf-8")
    assert sheet_names(path) == ["đề cử"]
    assert read_sheet(path, 0).rows == [["a", "b"]]


def test_upper_case_extension_and_xlsm_are_read(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx")
    for name in ("B.XLSX", "c.xlsm"):
        (tmp_path / name).write_bytes(source.read_bytes())
        assert read_sheet(tmp_path / name).rows == expected_rows()


def test_workbook_renamed_to_another_supported_extension_is_read(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx")
    renamed = tmp_path / "a.xls"
    renamed.write_bytes(source.read_bytes())
    sheet = read_sheet(renamed)
    assert sheet.format == "xlsx"
    assert sheet.percent_cells == PERCENT_CELLS


def test_sha256_of_is_the_file_digest(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx")
    assert sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()


# --- CSV details ---------------------------------------------------------------------
def test_csv_semicolons_with_decimal_commas_are_found(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Mã;Doanh thu\r\nSP1;12,5\r\nSP2;1.234,5\r\n".encode())
    sheet = read_sheet(path)
    assert sheet.rows == [["Mã", "Doanh thu"], ["SP1", "12,5"], ["SP2", "1.234,5"]]
    assert sheet.encoding == "utf-8-sig"


def test_csv_title_line_and_quoted_delimiters(tmp_path: Path) -> None:
    text = 'DANH SÁCH\n\nMã,Tên\nSP1,"Công ty A, chi nhánh B"\nSP2,"Nói ""có"""\n,\n'
    (tmp_path / "q.csv").write_text(text, encoding="utf-8")
    assert read_sheet(tmp_path / "q.csv").rows == [
        ["DANH SÁCH", ""],
        ["", ""],
        ["Mã", "Tên"],
        ["SP1", "Công ty A, chi nhánh B"],
        ["SP2", 'Nói "có"'],
    ]


def test_cp1258_text_is_recomposed(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes(cp1258_bytes("Tên;Địa chỉ\nHợp tác xã;Bát Tràng\n"))
    sheet = read_sheet(path)
    assert sheet.encoding == "cp1258"
    assert sheet.rows[1] == ["Hợp tác xã", "Bát Tràng"]
    assert all(unicodedata.is_normalized("NFC", cell) for row in sheet.rows for cell in row)


_CSV_TEXT = st.text(alphabet="aăâđêôơư ÁÀẢÃẠệ01.9\"'\n-", max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16"]),
    grid=st.integers(2, 5).flatmap(
        lambda width: st.lists(st.lists(_CSV_TEXT, min_size=width, max_size=width), max_size=6)
    ),
)
def test_csv_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    delimiter: str,
    encoding: str,
    grid: list[list[str]],
) -> None:
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    write_csv(path, grid, delimiter=delimiter, encoding=encoding)
    if path.stat().st_size == 0:
        return  # an empty grid writes an empty file, refused on its own (see below)
    expected = [[unicodedata.normalize("NFC", cell) for cell in row] for row in grid]
    while expected and all(cell == "" for cell in expected[-1]):
        expected.pop()
    assert read_sheet(path).rows == _trim_columns(expected)


def _trim_columns(rows: list[list[str]]) -> list[list[str]]:
    width = len(rows[0]) if rows else 0
    while width and all(row[width - 1] == "" for row in rows):
        width -= 1
    return [row[:width] for row in rows]


# --- Unusable files: one line, naming the file ---------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == f"{path}: file not found"


def test_folder(tmp_path: Path) -> None:
    path = tmp_path / "folder.xlsx"
    path.mkdir()
    with pytest.raises(InputError) as excinfo:
        sheet_names(path)
    assert message(excinfo) == f"{path}: is a folder, not a file"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == f"{path}: file is empty (0 bytes)"


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("a,b")
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == (
        f"{path}: unsupported file type '.txt'; supported types: .xlsx .xlsm .xls .ods .csv"
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "photo.xlsx",
            b"\x89PNG\r\n\x1a\n" + bytes(64),
            "{path}: not a spreadsheet: the file holds a PNG image, not a .xlsx workbook",
        ),
        (
            "notes.xlsx",
            "Mã,Tên\nSP1,Công ty\n".encode(),
            "{path}: the file holds plain text, not a .xlsx workbook; if it is CSV, rename it "
            "to .csv",
        ),
        (
            "export.xls",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
            "{path}: the file is a web page (HTML) named .xls; open it in Excel and save it "
            "as .xlsx",
        ),
        (
            "old.xls",
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "{path}: the file is an Excel 2003 XML spreadsheet; open it in Excel and save it "
            "as .xlsx",
        ),
        (
            "secret.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "{path}: password-protected workbook: remove the password and try again",
        ),
        (
            "photo.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "{path}: not a spreadsheet: the file holds a PNG image, not CSV text",
        ),
        (
            "bad.csv",
            b"M\x81;T\x8a\n",
            "{path}: the text is neither UTF-8 nor Windows-1258 (Vietnamese); save it again as "
            "'CSV UTF-8'",
        ),
    ],
)
def test_files_that_are_not_what_their_name_says(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == expected.format(path=path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "full.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(source[: len(source) // 2])
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == (
        f"{path}: damaged or incomplete .xlsx file (File is not a zip file); "
        "open it in Excel or LibreOffice and save it again"
    )


def test_zip_that_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == f"{path}: ZIP archive that is not an Excel or OpenDocument workbook"


def test_damaged_part_inside_the_zip(tmp_path: Path) -> None:
    path = _rewrite_sheet_xml(
        write_xlsx(tmp_path / "ok.xlsx"), tmp_path / "bad.xlsx", lambda xml: xml[: len(xml) // 2]
    )
    with pytest.raises(InputError) as excinfo:
        read_sheet(path)
    assert message(excinfo).startswith(f"{path}: damaged or incomplete .xlsx file (")
    assert "\n" not in message(excinfo)


def test_workbook_without_sheets(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "none.ods", [])
    with pytest.raises(InputError) as excinfo:
        sheet_names(path)
    assert message(excinfo) == f"{path}: the workbook has no worksheet"


def test_highly_compressed_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "RATIO_MIN_BYTES", 100_000)
    padded = _rewrite_sheet_xml(
        write_xlsx(tmp_path / "ok.xlsx"),
        tmp_path / "bomb.xlsx",
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 2_000_000),
    )
    with zipfile.ZipFile(padded) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    ratio = int(info.file_size / info.compress_size)
    with pytest.raises(LimitError) as excinfo:
        read_sheet(padded)
    assert message(excinfo) == (
        f"{padded}: part 'xl/worksheets/sheet1.xml' is compressed {ratio}:1, more than 200:1; "
        "refusing to read it (zip bomb?)"
    )


def test_too_much_unpacked_data_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1 << 20)
    path = tmp_path / "big.xlsx"
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet()
    for row in range(20_000):
        sheet.write_row(row, 0, [row, "text"])
    book.close()
    with pytest.raises(LimitError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == (
        f"{path}: the workbook unpacks to more than 1 MB; refusing to read it (zip bomb?)"
    )


def test_the_part_readers_count_bytes_as_they_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip directory's sizes can lie, so both scans' readers stop at the limit themselves."""
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.xml", b"<row><c/></row>" * 200_000)  # 3 MB
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1 << 20)
    with zipfile.ZipFile(path) as archive:
        for chunks in (
            lambda: formats._chunks(archive, "sheet.xml", b"</row>"),
            lambda: formats._tag_chunks(archive, "sheet.xml"),
        ):
            with pytest.raises(LimitError, match="more than 1 MB"):
                list(chunks())
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1 << 30)
    with zipfile.ZipFile(path) as archive:
        assert b"".join(formats._chunks(archive, "sheet.xml", b"</row>")).count(b"<row>") == 200_000
        assert b"".join(formats._tag_chunks(archive, "sheet.xml")).count(b"<c/>") == 200_000


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".xls", ".csv"])
def test_row_limit(tmp_path: Path, suffix: str) -> None:
    if suffix == ".xls":
        path = XLS
    elif suffix == ".ods":
        path = write_ods_nominations(tmp_path / "a.ods")
    elif suffix == ".csv":
        path = write_csv(tmp_path / "a.csv", expected_rows(), delimiter=",", encoding="utf-8")
    else:
        path = write_xlsx(tmp_path / "a.xlsx")
    name = path.stem if suffix == ".csv" else "Đề cử"
    with pytest.raises(LimitError) as excinfo:
        read_sheet(path, max_rows=5)
    assert message(excinfo) == (
        f"{path}: sheet '{name}' has 6 rows, over the limit of 5; raise it with --max-rows"
    )


def test_cell_limit(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx")
    with pytest.raises(LimitError) as excinfo:
        read_sheet(path, max_cells=29)
    assert message(excinfo) == (
        f"{path}: sheet 'Đề cử' spans 30 cells (6 rows x 5 columns), over the limit of 29; "
        "raise it with --max-cells"
    )


def test_sparse_xlsx_is_measured_before_calamine_allocates_it(tmp_path: Path) -> None:
    path = tmp_path / "sparse.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("S")
    sheet.write("A1", "a")
    sheet.write(1_048_575, 16_383, "z")  # calamine would allocate 17 billion cells
    book.close()
    with pytest.raises(LimitError) as excinfo:
        read_sheet(path)
    assert message(excinfo) == (
        f"{path}: sheet 'S' spans 17,179,869,184 cells (1,048,576 rows x 16,384 columns), "
        "over the limit of 50,000,000; raise it with --max-cells"
    )


def test_ods_repeat_bomb_is_refused_before_calamine(tmp_path: Path) -> None:
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000">'
        + ods_cell("x", attrs=' table:number-columns-repeated="1000"')
        + "</table:table-row>"
    )
    path = write_ods(tmp_path / "bomb.ods", [("B", [bomb])])
    with pytest.raises(LimitError) as excinfo:
        sheet_names(path)
    assert message(excinfo) == (
        f"{path}: sheet 'B' spans 1,000,000,000 cells (1,000,000 rows x 1,000 columns), "
        "over the limit of 50,000,000; raise it with --max-cells"
    )


def test_only_chulucs_errors_escape(tmp_path: Path) -> None:
    """Whatever the bytes of a damaged workbook, reading raises InputError or nothing."""
    source = write_xlsx(tmp_path / "ok.xlsx").read_bytes()
    for cut in range(0, len(source), max(1, len(source) // 40)):
        damaged = tmp_path / f"d{cut}.xlsx"
        damaged.write_bytes(source[:cut] + bytes(len(source) - cut))
        try:
            read_sheet(damaged)
        except InputError as error:
            assert "\n" not in str(error)
            assert str(damaged) in str(error)


def test_raw_sheet_is_frozen(tmp_path: Path) -> None:
    sheet = read_sheet(write_xlsx(tmp_path / "a.xlsx"))
    assert isinstance(sheet, RawSheet)
    with pytest.raises(AttributeError):
        sheet.name = "other"  # type: ignore[misc]


# --- The fast side scan reads what the full XML parse reads ---------------------------
# (They may differ on a cell without value, which reads "" and is marked by neither.)
def _styled_book(path: Path) -> tuple[Path, int, int]:
    """An .xlsx with a percent style and a plain style; returns (path, percent, plain) ids."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write(0, 0, 0.5, book.add_format({"num_format": "0.0%"}))
    sheet.write(0, 1, 7, book.add_format({"num_format": "0.00"}))
    book.close()
    with zipfile.ZipFile(path) as archive:
        (percent,) = formats.XlsxSide(path, archive).percent_styles
    return path, percent, 0 if percent else 1


CELL_KINDS = st.sampled_from(
    ["number", "text", "error", "formula", "formula-value", "empty", "bool", "str-formula"]
)


@st.composite
def _cell_xml(draw: st.DrawFn, ref: str, styles: tuple[int, int]) -> bytes:
    kind = draw(CELL_KINDS)
    style = draw(st.sampled_from([None, *styles]))
    kinds = {"text": "inlineStr", "error": "e", "bool": "b", "str-formula": "str"}
    attrs = []
    if style is not None:
        attrs.append(f's="{style}"')
    if kind in kinds or draw(st.booleans()):
        attrs.append(f't="{kinds.get(kind, "n")}"')
    if draw(st.booleans()):
        attrs.reverse()  # t before s: not the usual order
    tag = " ".join([f'<c r="{ref}"', *attrs])
    body = {
        "number": "<v>0.25</v>",
        "text": "<is><t>12%</t></is>",
        "error": "<v>#DIV/0!</v>",
        "formula": "<f>A1*2</f>",
        "formula-value": "<f>A1*2</f><v>3</v>",
        "bool": "<v>1</v>",
        "str-formula": "<f>A1&amp;B1</f><v></v>",
    }.get(kind)
    return (f"{tag}/>" if body is None else f"{tag}>{body}</c>").encode()


@settings(max_examples=60, deadline=None)
@given(data=st.data(), shape=st.tuples(st.integers(1, 6), st.integers(1, 5)))
def test_fast_scan_marks_what_the_full_parse_marks(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, shape: tuple[int, int]
) -> None:
    folder = tmp_path_factory.mktemp("scan")
    base, percent, plain = _styled_book(folder / "base.xlsx")
    rows = []
    for r in range(1, shape[0] + 1):
        cells = b"".join(
            data.draw(_cell_xml(f"{chr(64 + c)}{r}", (percent, plain)))
            for c in range(1, shape[1] + 1)
        )
        rows.append(b'<row r="%d">%s</row>' % (r, cells))
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )
    path = _rewrite_sheet_xml(base, folder / "odd.xlsx", lambda _: sheet)

    def full_parse(self: formats.XlsxSide, part: str) -> formats.SheetMarks:
        raise formats._NeedsFullParse

    fast = read_sheet(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formats.XlsxSide, "_fast_scan", full_parse)
        assert read_sheet(path) == fast
