"""Tests of chuluc_cli.io.nominations: messy real-life workbooks read to exact values and issues.

The main workbook is built in code with openpyxl the way secretariats make them:
a merged title and a date above a two-row header, Vietnamese numbers typed as
text, a percent-formatted cell, Có/Không and x/blank columns, dates as text and
as dates, a tax code as text and as a number, blank rows, a duplicate id, a
formula without a cached value, an Excel error, a totals row and notes at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from chuluc_cli.criteria.loader import load_criteria
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.errors import InputError
from chuluc_cli.i18n import catalog
from chuluc_cli.io.nominations import (
    SEVERITY,
    is_total_or_note,
    load_nominations,
    nominations_from_rows,
    nominations_from_sheet,
)
from chuluc_cli.io.workbook import RawSheet
from chuluc_cli.nominations import Nominations

CRITERIA = Path(__file__).parent / "data" / "criteria" / "issue-example.yaml"

TITLE = "DANH SÁCH SẢN PHẨM ĐỀ NGHỊ XÉT CHỌN SẢN PHẨM CÔNG NGHIỆP CHỦ LỰC"
# Row 4: the header; G4:H4 is a group title over the sub-headers 2023 | 2024 of row 5.
UPPER = [
    "STT",
    "Mã hồ sơ",
    "Tên sản phẩm",
    "Tên doanh nghiệp",
    "Mã số thuế",
    "Ngành",
    "Doanh thu (tỷ đồng)",
    "",
    "Tỷ lệ xuất khẩu (%)",
    "ISO 9001",
    "Ngày thành lập",
    "Trụ sở và cơ sở sản xuất tại Hà Nội",
]
LOWER: list[Any] = ["", "", "", "", "", "", 2023, 2024, "", "", "", ""]
PERCENT = object()  # marks a cell written as 0.125 with a percent number format
SERIAL = object()  # marks a cell written as the serial 43539 with a date number format
FORMULA = "=G9*2"
# Excel rows 6..16, columns A..L.
DATA: list[list[Any]] = [
    [1, "HS-01", "Máy biến áp 110kV", "Công ty CP Thiết bị điện A", "0101234567", "Cơ khí",
     "1.234,5", "1.500,25", "12,5%", "x", "15/03/2019", "Có"],
    [2, "HS-02", "Bo mạch điều khiển", "Công ty TNHH B", 101234567, "Điện - điện tử",
     80, "80.000", PERCENT, "", dt.datetime(2019, 3, 15), "Không"],
    [],
    [3, "HS-03", "Động cơ điện", "Công ty C", "0101234567-001", "Hóa chất",
     -5, FORMULA, "#DIV/0!", "x", "31/02/2019", "Có"],
    [4, "HS-01", "Máy biến áp 220kV", "Công ty CP Thiết bị điện A", "0101234567", "co khi",
     50, 60, "", "", "2019-03-15", "có"],
    [5, "", "Tủ điện hạ thế", "Công ty D", "0109876543", "Điện tử",
     20, "25,5", 30, "x", SERIAL, "C"],
    [],
    ["Tổng cộng", "", "", "", "", "", "=SUM(G6:G11)", "=SUM(H6:H11)"],
    ["Ghi chú: số liệu do doanh nghiệp tự kê khai"],
    [],
    ["", "", "", "", "", "", "", "", "", "", "Người lập biểu"],
]  # fmt: skip

MARCH_15 = dt.date(2019, 3, 15)
EXPECTED_VALUES: list[dict[str, Any]] = [
    {"product_id": "HS-01", "product": "Máy biến áp 110kV",
     "enterprise": "Công ty CP Thiết bị điện A", "tax_code": "0101234567", "sector": "co_khi",
     "revenue": 1500.25, "revenue_prev": 1234.5, "export_share": 12.5, "iso_9001": True,
     "founded": MARCH_15, "in_hanoi": True},
    {"product_id": "HS-02", "product": "Bo mạch điều khiển", "enterprise": "Công ty TNHH B",
     "tax_code": None, "sector": "dien_tu", "revenue": 80000.0, "revenue_prev": 80.0,
     "export_share": 12.5, "iso_9001": False, "founded": MARCH_15, "in_hanoi": False},
    {"product_id": "HS-03", "product": "Động cơ điện", "enterprise": "Công ty C",
     "tax_code": "0101234567-001", "sector": None, "revenue": None, "revenue_prev": None,
     "export_share": None, "iso_9001": True, "founded": None, "in_hanoi": True},
    {"product_id": "HS-01", "product": "Máy biến áp 220kV",
     "enterprise": "Công ty CP Thiết bị điện A", "tax_code": "0101234567", "sector": "co_khi",
     "revenue": 60.0, "revenue_prev": 50.0, "export_share": None, "iso_9001": False,
     "founded": MARCH_15, "in_hanoi": True},
    {"product_id": "", "product": "Tủ điện hạ thế", "enterprise": "Công ty D",
     "tax_code": "0109876543", "sector": "dien_tu", "revenue": 25.5, "revenue_prev": 20.0,
     "export_share": 30.0, "iso_9001": True, "founded": MARCH_15, "in_hanoi": True},
]  # fmt: skip
EXPECTED_VALUES[4]["product_id"] = None  # blank required id: no value

# (code, severity, Excel row, column, header as found, field, raw value, product id)
EXPECTED_ISSUES = [
    ("duplicate_id", "error", 6, "B", "Mã hồ sơ", "product_id", "HS-01", "HS-01"),
    ("pattern_mismatch", "error", 7, "E", "Mã số thuế", "tax_code", "101234567", "HS-02"),
    ("ambiguous_number", "warning", 7, "H", "Doanh thu (tỷ đồng) 2024", "revenue", "80.000",
     "HS-02"),
    ("blank_row", "info", 8, None, None, None, None, None),
    ("unknown_choice", "error", 9, "F", "Ngành", "sector", "Hóa chất", "HS-03"),
    ("out_of_range", "error", 9, "G", "Doanh thu (tỷ đồng) 2023", "revenue_prev", "-5", "HS-03"),
    ("formula_no_value", "error", 9, "H", "Doanh thu (tỷ đồng) 2024", "revenue", None, "HS-03"),
    ("error_cell", "error", 9, "I", "Tỷ lệ xuất khẩu (%)", "export_share", "#DIV/0!", "HS-03"),
    ("unparseable", "error", 9, "K", "Ngày thành lập", "founded", "31/02/2019", "HS-03"),
    ("duplicate_id", "error", 10, "B", "Mã hồ sơ", "product_id", "HS-01", "HS-01"),
    ("blank_required", "error", 11, "B", "Mã hồ sơ", "product_id", None, None),
    ("trailing_row", "warning", 13, "A", "STT", None, "Tổng cộng", None),
    ("trailing_row", "warning", 14, "A", "STT", None,
     "Ghi chú: số liệu do doanh nghiệp tự kê khai", None),
    ("trailing_row", "warning", 16, "K", "Ngày thành lập", None, "Người lập biểu", None),
]  # fmt: skip


def issue_tuple(issue: DataIssue) -> tuple[Any, ...]:
    return (
        issue.code.value,
        issue.severity.value,
        issue.row,
        issue.column,
        issue.header,
        issue.field,
        issue.value,
        issue.product_id,
    )


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    return load_criteria(CRITERIA)


def fill_nominations_sheet(ws: Worksheet) -> None:
    """Write the messy nominations table of this module into ``ws``."""
    ws["A1"] = TITLE
    ws.merge_cells("A1:L1")
    ws["A2"] = "Ngày lập:"
    ws["B2"] = dt.date(2025, 3, 15)
    for c, (upper, lower) in enumerate(zip(UPPER, LOWER, strict=True), start=1):
        ws.cell(4, c, upper or None)
        ws.cell(5, c, lower or None)
        if upper and not lower:
            ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("G4:H4")
    for r, row in enumerate(DATA, start=6):
        for c, value in enumerate(row, start=1):
            if value is PERCENT:
                ws.cell(r, c, 0.125).number_format = "0.0%"
            elif value is SERIAL:
                ws.cell(r, c, 43539).number_format = "dd/mm/yyyy"
            elif value not in ("", None):
                ws.cell(r, c, value)


def write_workbook(path: Path, *, before: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    for index, name in enumerate(before):
        extra = wb.create_sheet(name, index)
        extra["A1"] = "Hướng dẫn điền biểu mẫu"
        if name == "2023":  # last year's list: no 2024 revenue column
            for c, header in enumerate(["Mã hồ sơ", "Tên sản phẩm", "Doanh thu 2023"], start=1):
                extra.cell(3, c, header)
    fill_nominations_sheet(ws)
    wb.save(path)
    return path


def csv_text(value: Any) -> str:
    """A cell as Excel writes it to CSV (Vietnamese regional settings)."""
    if value is PERCENT:
        return "12,5%"
    if value is SERIAL:
        return "15/03/2019"
    if value == FORMULA or (isinstance(value, str) and value.startswith("=SUM")):
        return ""  # never calculated: nothing to export
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def write_csv(path: Path) -> Path:
    rows = [[TITLE], ["Ngày lập:", "15/03/2025"], [], UPPER, LOWER, *DATA]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([[csv_text(value) for value in row] for row in rows])
    return path


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory, criteria: Criteria) -> Nominations:
    path = write_workbook(tmp_path_factory.mktemp("xlsx") / "nominations.xlsx")
    return load_nominations(path, criteria)


# ---------------------------------------------------------------- the messy workbook


def test_header_and_columns(messy: Nominations) -> None:
    assert messy.sheet == "Danh sách"
    assert messy.header_row == 5  # the last header row, as Excel numbers it
    assert messy.format == "xlsx"
    assert {name: column.letter for name, column in messy.columns.items()} == {
        "product_id": "B", "product": "C", "enterprise": "D", "tax_code": "E", "sector": "F",
        "revenue_prev": "G", "revenue": "H", "export_share": "I", "iso_9001": "J",
        "founded": "K", "in_hanoi": "L",
    }  # fmt: skip
    assert messy.columns["revenue"].header == "Doanh thu (tỷ đồng) 2024"


def test_typed_values_of_every_row(messy: Nominations) -> None:
    assert [nomination.row for nomination in messy.rows] == [6, 7, 9, 10, 11]
    for nomination, expected in zip(messy.rows, EXPECTED_VALUES, strict=True):
        assert nomination.values == expected, nomination.row


def test_exact_issues_in_row_then_column_order(messy: Nominations) -> None:
    assert [issue_tuple(issue) for issue in messy.issues] == EXPECTED_ISSUES


def test_issue_params_and_messages(messy: Nominations) -> None:
    by_place = {(issue.code, issue.row): issue for issue in messy.issues}
    duplicate = by_place[(IssueCode.DUPLICATE_ID, 6)]
    assert duplicate.params["rows"] == "10"
    assert duplicate.message("vi") == "Mã 'HS-01' bị trùng với dòng 10"
    assert duplicate.message("en") == "Id 'HS-01' is also used on row 10"
    assert by_place[(IssueCode.BLANK_REQUIRED, 11)].message() == "Ô bắt buộc bị trống: Mã hồ sơ"
    date = by_place[(IssueCode.UNPARSEABLE, 9)]
    assert date.message("vi") == "Không đọc được '31/02/2019' thành ngày (ngày/tháng/năm)"
    assert date.message("en") == "Cannot read '31/02/2019' as date"
    out_of_range = by_place[(IssueCode.OUT_OF_RANGE, 9)]
    assert out_of_range.message("en") == "Value -5 is outside the allowed range (≥ 0)"
    choice = by_place[(IssueCode.UNKNOWN_CHOICE, 9)]
    assert choice.message("en") == (
        "'Hóa chất' is not one of the accepted values: Cơ khí, Điện - điện tử"
    )
    blank = by_place[(IssueCode.BLANK_ROW, 8)]
    assert blank.message("vi") == "Đã bỏ qua 1 dòng trống (dòng 8)"
    assert by_place[(IssueCode.AMBIGUOUS_NUMBER, 7)].params["read"] == "80,000"
    assert by_place[(IssueCode.PATTERN_MISMATCH, 7)].place == "Danh sách!E7"
    for issue in messy.issues:  # every issue renders in both languages
        assert issue.message("vi") and issue.message("en")
        assert issue.sheet == "Danh sách"


def test_raw_texts_keep_the_cells_as_typed(messy: Nominations) -> None:
    first, second = messy.rows[0], messy.rows[1]
    assert first.raw["revenue_prev"] == "1.234,5"
    assert first.raw["export_share"] == "12,5%"
    assert second.raw["export_share"] == "12.5%"  # percent-formatted 0.125
    assert second.raw["tax_code"] == "101234567"
    assert second.raw["iso_9001"] == ""
    assert messy.rows[2].raw["founded"] == "31/02/2019"


def test_counts_and_file_identity(messy: Nominations, tmp_path: Path, criteria: Criteria) -> None:
    assert messy.blank_rows == 3  # rows 8, 12 and 15; the trailing rows are not counted
    path = write_workbook(tmp_path / "again.xlsx")
    again = load_nominations(str(path), criteria)
    assert again.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert again.path == str(path)
    assert messy.rows[4].product_id == "row 11"
    assert sorted(messy.errors_by_row()) == [6, 7, 9, 10, 11]


def test_csv_variant_reads_to_identical_values(
    messy: Nominations, tmp_path: Path, criteria: Criteria
) -> None:
    from_csv = load_nominations(write_csv(tmp_path / "nominations.csv"), criteria)
    assert from_csv.format == "csv"
    assert from_csv.header_row == 5
    assert {name: c.letter for name, c in from_csv.columns.items()} == {
        name: c.letter for name, c in messy.columns.items()
    }
    assert [row.values for row in from_csv.rows] == [row.values for row in messy.rows]
    assert [row.row for row in from_csv.rows] == [6, 7, 9, 10, 11]


# ---------------------------------------------------------------- sheet choice


def test_default_sheet_is_the_first_with_every_required_column(
    tmp_path: Path, criteria: Criteria
) -> None:
    path = write_workbook(tmp_path / "three.xlsx", before=("Hướng dẫn", "2023"))
    assert load_nominations(path, criteria).sheet == "Danh sách"


@pytest.mark.parametrize(
    ("choice", "sheet"),
    [("Danh sách", "Danh sách"), ("danh sach", "Danh sách"), ("2", "Danh sách"), (2, "Danh sách")],
)
def test_sheet_by_name_or_index(
    tmp_path: Path, criteria: Criteria, choice: str | int, sheet: str
) -> None:
    path = write_workbook(tmp_path / "three.xlsx", before=("Hướng dẫn", "2023"))
    assert load_nominations(path, criteria, sheet=choice).sheet == sheet


def test_a_sheet_name_of_digits_wins_over_the_index(tmp_path: Path, criteria: Criteria) -> None:
    path = write_workbook(tmp_path / "three.xlsx", before=("Hướng dẫn", "2023"))
    with pytest.raises(InputError, match=r"\[2023\]: no column for required field 'enterprise'"):
        load_nominations(path, criteria, sheet="2023")


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("9", "no sheet number 9 (counting from 0); sheets: 'Hướng dẫn', '2023', 'Danh sách'"),
        (-1, "no sheet number -1 (counting from 0); sheets: 'Hướng dẫn', '2023', 'Danh sách'"),
        ("Khác", "no sheet named 'Khác'; sheets: 'Hướng dẫn', '2023', 'Danh sách'"),
    ],
)
def test_unknown_sheet(tmp_path: Path, criteria: Criteria, choice: str | int, message: str) -> None:
    path = write_workbook(tmp_path / "three.xlsx", before=("Hướng dẫn", "2023"))
    with pytest.raises(InputError) as error:
        load_nominations(path, criteria, sheet=choice)
    assert str(error.value) == f"{path}: {message}"


def test_no_sheet_with_every_required_column_names_the_best(
    tmp_path: Path, criteria: Criteria
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Hướng dẫn"
    last_year = wb.create_sheet("2023")
    for c, header in enumerate(["Mã hồ sơ", "Tên sản phẩm", "Doanh thu 2023"], start=1):
        last_year.cell(3, c, header)
    path = tmp_path / "none.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as error:
        load_nominations(path, criteria)
    text = str(error.value)
    assert text.startswith(f"{path} [2023]: no column for required field 'enterprise' ")
    assert text.endswith(
        "headers found: Mã hồ sơ, Tên sản phẩm, Doanh thu 2023 "
        "(no sheet has every required column; choose one with --sheet)"
    )
    assert "\n" not in text


# ---------------------------------------------------------------- rules on rows in code

HEADER_ROW = [
    "Mã hồ sơ", "Tên sản phẩm", "Tên doanh nghiệp", "Mã số thuế", "Ngành",
    "Doanh thu 2024 (tỷ đồng)", "Ngày thành lập", "Trụ sở và cơ sở sản xuất tại Hà Nội",
    "ISO 9001", "Tỷ lệ xuất khẩu (%)",
]  # fmt: skip


def row(product_id: str = "P1", product: str = "Máy", **cells: Any) -> list[Any]:
    """A valid data row for HEADER_ROW; keyword arguments replace cells."""
    values = {
        "enterprise": "Cty", "tax_code": "0101234567", "sector": "Cơ khí", "revenue": 100,
        "founded": "01/01/2000", "in_hanoi": "Có", "iso_9001": "", "export_share": "",
    }  # fmt: skip
    values.update(cells)
    return [product_id, product, *values.values()]


def read(rows: list[list[Any]], criteria: Criteria, **options: Any) -> Nominations:
    return nominations_from_rows([HEADER_ROW, *rows], criteria, **options)


def test_control_characters_are_removed_with_a_warning(criteria: Criteria) -> None:
    result = read([row(product="Máy\x07 in\x00")], criteria)
    assert result.rows[0].values["product"] == "Máy in"
    assert [issue_tuple(issue) for issue in result.issues] == [
        ("control_characters", "warning", 2, "B", "Tên sản phẩm", "product", "Máy in", "P1"),
    ]
    assert result.issues[0].params["count"] == 2


def test_long_text_is_cut_with_a_warning(criteria: Criteria) -> None:
    result = read([row(product="a" * 10_005)], criteria)
    assert result.rows[0].values["product"] == "a" * 10_000
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.params["length"]) == (
        IssueCode.TEXT_TOO_LONG,
        Severity.WARNING,
        10_005,
    )
    assert issue.message("en") == "The text has 10005 characters; only the first 10000 are kept"


@pytest.mark.parametrize(
    ("decimal", "revenue", "codes"),
    [
        ("auto", 1234.0, [IssueCode.AMBIGUOUS_NUMBER]),
        (".", 1.234, []),
        (",", 1234.0, []),
    ],
)
def test_decimal_mode(
    criteria: Criteria, decimal: str, revenue: float, codes: list[IssueCode]
) -> None:
    result = read([row(revenue="1.234")], criteria, decimal=decimal)
    assert result.rows[0].values["revenue"] == revenue
    assert [issue.code for issue in result.issues] == codes


def test_optional_bool_blank_is_no_data_unless_the_column_only_holds_marks(
    criteria: Criteria,
) -> None:
    mixed = read([row("P1", iso_9001="Có"), row("P2"), row("P3", iso_9001="Không")], criteria)
    assert [r.values["iso_9001"] for r in mixed.rows] == [True, None, False]
    ticked = read([row("P1", iso_9001="x"), row("P2"), row("P3", iso_9001="✓")], criteria)
    assert [r.values["iso_9001"] for r in ticked.rows] == [True, False, True]
    empty = read([row("P1"), row("P2")], criteria)
    assert [r.values["iso_9001"] for r in empty.rows] == [None, None]


def test_blank_required_bool_is_an_error_even_in_a_mark_column(criteria: Criteria) -> None:
    result = read([row("P1", in_hanoi="x"), row("P2", in_hanoi="")], criteria)
    assert [r.values["in_hanoi"] for r in result.rows] == [True, None]
    assert [(i.code, i.row, i.column) for i in result.issues] == [
        (IssueCode.BLANK_REQUIRED, 3, "H"),
    ]


def test_blank_id_with_a_product_name_is_a_nomination(criteria: Criteria) -> None:
    result = read([row(""), row("", product="")], criteria)
    assert [r.row for r in result.rows] == [2]
    assert [(i.code, i.row, i.column, i.value) for i in result.issues] == [
        (IssueCode.BLANK_REQUIRED, 2, "A", None),
        (IssueCode.TRAILING_ROW, 3, "C", "Cty"),
    ]


def test_numbered_template_rows_count_as_blank(criteria: Criteria) -> None:
    rows = [[*row("P1"), 1], [*[""] * 10, 2], [*row("P2"), 3], [*[""] * 10, 4], [*[""] * 10, 5]]
    result = nominations_from_rows([[*HEADER_ROW, "STT"], *rows], criteria)
    assert [r.row for r in result.rows] == [2, 4]
    assert [(i.code, i.row, i.params["rows"]) for i in result.issues] == [
        (IssueCode.BLANK_ROW, 3, "3"),
    ]
    assert result.blank_rows == 1


def test_blank_rows_before_the_first_nomination_and_stretches(criteria: Criteria) -> None:
    result = read([[], [""], row("P1"), [], [], [], row("P2"), [], []], criteria)
    assert [(i.code, i.row, i.params["rows"], i.params["count"]) for i in result.issues] == [
        (IssueCode.BLANK_ROW, 2, "2–3", 2),
        (IssueCode.BLANK_ROW, 5, "5–7", 3),
    ]
    assert result.blank_rows == 5


def test_three_rows_sharing_an_id_each_name_the_others(criteria: Criteria) -> None:
    result = read([row("A"), row("B"), row("A"), row("A")], criteria)
    assert [(i.row, i.params["rows"]) for i in result.issues] == [
        (2, "4, 5"),
        (4, "2, 5"),
        (5, "2, 4"),
    ]


def test_merged_data_cells_apply_to_every_row_they_cover(criteria: Criteria) -> None:
    rows = [HEADER_ROW, row("P1", enterprise="Cty Gộp"), row("P2", enterprise="")]
    sheet = RawSheet(
        name="Sheet1",
        rows=rows,
        percent_cells=frozenset(),
        formula_without_value=frozenset(),
        error_cells=frozenset(),
        merged=((1, 2, 2, 2),),
        format="xlsx",
        encoding=None,
    )
    result = nominations_from_sheet(sheet, criteria)
    assert [r.values["enterprise"] for r in result.rows] == ["Cty Gộp", "Cty Gộp"]
    assert result.issues == []


def test_percent_cells_and_percent_text(criteria: Criteria) -> None:
    rows = [
        row("P1", export_share=0.125),
        row("P2", export_share="7,5 %"),
        row("P3", export_share=70),
    ]
    result = read(rows, criteria, percent_cells={(1, 9)})
    assert [r.values["export_share"] for r in result.rows] == [12.5, 7.5, 70.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng cộng", True),
        ("TỔNG CỘNG:", True),
        ("Tổng", True),
        ("Cộng", True),
        ("Tổng số: 25 hồ sơ", True),
        ("Total", True),
        ("Ghi chú: số liệu tự kê khai", True),
        ("Người lập biểu", True),
        ("Hà Nội, ngày 15 tháng 3 năm 2025", True),
        ("Tổng đài IP", False),
        ("Công cụ cầm tay", False),
        ("Cộng hòa", False),
        ("Notebook", False),
    ],
)
def test_totals_and_notes_words(text: str, expected: bool) -> None:
    assert is_total_or_note(text) is expected


# ---------------------------------------------------------------- the catalogue


def test_every_issue_code_has_a_message_and_a_severity_where_it_is_made() -> None:
    messages = catalog()
    for code in IssueCode:
        vi, en = messages[f"reading.issue.{code.value}"]
        assert vi != en and vi.strip() and en.strip()
    made_here = set(IssueCode) - {IssueCode.UNKNOWN_PRODUCT, IssueCode.MISSING_SCORE}
    assert made_here <= set(SEVERITY)


def test_the_garbage_collector_is_paused_only_while_reading(
    tmp_path: Path, criteria: Criteria
) -> None:
    import gc

    from chuluc_cli.io import nominations as reader

    path = write_workbook(tmp_path / "de-cu.xlsx")
    seen: list[bool] = []
    read_sheet_of = reader.nominations_from_sheet

    def spy(*args: Any, **kwargs: Any) -> Nominations:
        seen.append(gc.isenabled())
        return read_sheet_of(*args, **kwargs)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(reader, "nominations_from_sheet", spy)
        load_nominations(path, criteria)
        assert seen == [False] and gc.isenabled()
        with pytest.raises(InputError):
            load_nominations(path, criteria, sheet="Không có")
        assert gc.isenabled()  # resumed after an error too
        gc.disable()
        try:
            load_nominations(path, criteria)
            assert not gc.isenabled()  # a caller's choice is kept
        finally:
            gc.enable()
