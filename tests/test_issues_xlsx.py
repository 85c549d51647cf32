"""The data-issues workbook sent back to enterprises."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.errors import OutputError
from chuluc_cli.io import excel_safe
from chuluc_cli.io.issues_xlsx import write_issues
from result_factory import install_messages, make_issues

HEADERS_VI = (
    "Mã hồ sơ",
    "Dòng",
    "Cột",
    "Tiêu đề cột",
    "Giá trị đã nhập",
    "Nội dung",
    "Mức độ",
    "Tệp",
    "Trang tính",
)


@pytest.fixture(autouse=True)
def _messages(monkeypatch: pytest.MonkeyPatch) -> None:
    install_messages(monkeypatch)


def _issue(product: str, row: int, column: str, header: str = "H") -> DataIssue:
    return DataIssue(
        IssueCode.BLANK_REQUIRED,
        Severity.ERROR,
        "DS",
        row,
        column,
        header,
        "product",
        None,
        product,
        source="a.xlsx",
    )


def _rows(target: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))


def test_columns_and_values(tmp_path: Path) -> None:
    target = tmp_path / "loi.xlsx"
    write_issues(make_issues(), target)
    rows = _rows(target)
    assert rows[0] == HEADERS_VI
    assert rows[1] == (
        "P02",
        3,
        "B",
        "Tên sản phẩm",
        None,
        "Ô bắt buộc bị trống",
        "Lỗi",
        None,
        "Danh sách",
    )
    assert rows[3][:6] == ("P05", 6, "F", "Doanh thu (tỷ đồng)", "=1+1", "Không đọc được số: =1+1")
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "Lỗi dữ liệu"
    assert sheet["E4"].data_type == "s"  # "=1+1" is what was typed, not a formula


def test_ordered_by_product_row_column_header(tmp_path: Path) -> None:
    issues = [
        _issue("P2", 5, "B"),
        _issue("P1", 9, "AA"),
        _issue("P1", 9, "C", "y"),
        _issue("P1", 9, "C", "x"),
        _issue("P1", 4, "Z"),
    ]
    target = tmp_path / "loi.xlsx"
    write_issues(issues, target)
    assert [row[:4] for row in _rows(target)[1:]] == [
        ("P1", 4, "Z", "H"),
        ("P1", 9, "C", "x"),
        ("P1", 9, "C", "y"),
        ("P1", 9, "AA", "H"),
        ("P2", 5, "B", "H"),
    ]


def test_english_fitted_frozen_and_filtered(tmp_path: Path) -> None:
    target = tmp_path / "issues.xlsx"
    write_issues(make_issues(), target, lang="en")
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "Data issues"
    assert [cell.value for cell in sheet[1]][:6] == [
        "Product ID",
        "Row",
        "Column",
        "Header",
        "Value entered",
        "Message",
    ]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:I4"
    widths = sheet.column_dimensions
    assert widths["D"].width > widths["C"].width  # "Doanh thu (tỷ đồng)" is wider than "F"


def test_byte_identical_and_never_over_an_input(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_issues(make_issues(), first)
    write_issues(make_issues(), second)
    assert first.read_bytes() == second.read_bytes()
    with pytest.raises(OutputError):
        write_issues(make_issues(), first, inputs=[first], force=True)


def test_more_issues_than_an_excel_sheet_holds_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(excel_safe, "EXCEL_MAX_ROWS", len(make_issues()))  # one row short
    target = tmp_path / "loi.xlsx"
    with pytest.raises(OutputError, match=r"more than the \d+ of an Excel sheet"):
        write_issues(make_issues(), target)
    assert not target.exists()
