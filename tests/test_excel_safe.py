"""Cell text and sheet names that Excel always accepts."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from chuluc_cli.io import excel_safe
from chuluc_cli.io.excel_safe import (
    EXCEL_MAX_CHARS,
    Column,
    Styles,
    fit_widths,
    new_workbook,
    points_format,
    report_workbook,
    safe_text,
    sheet_name,
    write_table,
)


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    assert safe_text("Máy\x00 bơm\x1b\r\nloại\t2\rA\x85") == "Máy bơm\nloại\t2\nA"
    assert safe_text(None) == "" and safe_text(12.5) == "12.5"


def test_long_text_is_cut_to_the_cell_limit_with_an_ellipsis() -> None:
    text = safe_text("x" * 40_000)
    assert len(text) == EXCEL_MAX_CHARS and text.endswith("…")
    emoji = safe_text("😀" * 20_000)  # two UTF-16 units each: never split one
    assert len(emoji.encode("utf-16-le")) // 2 <= EXCEL_MAX_CHARS
    assert emoji[:-1] == "😀" * (len(emoji) - 1)


@given(st.text())
def test_safe_text_is_always_valid_in_a_cell(text: str) -> None:
    safe = safe_text(text)
    assert len(safe.encode("utf-16-le", "surrogatepass")) // 2 <= EXCEL_MAX_CHARS
    assert all(ch in "\t\n" or ch.isprintable() or ord(ch) > 0x9F for ch in safe)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in safe)


def test_sheet_names() -> None:
    assert sheet_name("Lỗi [dữ liệu]: 2025/26?") == "Lỗi -dữ liệu-- 2025-26-"
    assert sheet_name("'Tổng hợp'") == "Tổng hợp"
    assert sheet_name("") == "Sheet"
    assert sheet_name("History") == "History (2)"
    assert sheet_name("Tổng hợp", ["tổng hợp"]) == "Tổng hợp (2)"
    assert len(sheet_name("x" * 50, ["x" * 31])) == 31


@given(st.text(), st.lists(st.text(max_size=40), max_size=3))
def test_sheet_name_is_always_valid_and_unused(text: str, taken: list[str]) -> None:
    name = sheet_name(text, taken)
    assert 1 <= len(name) <= 31
    assert not set(name) & set("[]:*?/\\")
    assert not name.startswith("'") and not name.endswith("'")
    assert name.casefold() not in {other.casefold() for other in taken}


def test_points_format_and_widths() -> None:
    assert points_format(2) == "0.00" and points_format(0) == "0"
    columns = [Column("Mã"), Column("Nội dung rất dài của một tiêu đề cột"), Column("W", width=9)]
    widths = fit_widths(columns, [["P01", "a\nmột dòng dài hơn", "x"], ["P0000001", "b", "y"]])
    assert widths[0] == 10  # "P0000001" + 2
    assert widths[1] == 26  # a long header wraps at 24 characters
    assert widths[2] == 9
    assert fit_widths([Column("A")], [["x" * 500]]) == [60]


def _table_cells(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("undecorated", [True, False])
def test_tables_are_written_with_or_without_xlsxwriter_undecorated_methods(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, undecorated: bool
) -> None:
    """The row writer uses xlsxwriter's private fast methods, and the public ones if they go."""
    if not undecorated:  # as if a later xlsxwriter renamed them
        monkeypatch.setattr(excel_safe, "_UNDECORATED", ("_gone_string", "_gone_number"))
    else:
        assert hasattr(Worksheet, "_write_string") and hasattr(Worksheet, "_write_number")
    path = tmp_path / "bang.xlsx"
    workbook = new_workbook(path, title="t")
    columns = [Column("Mã"), Column("Điểm", "points"), Column("Số", "integer"), Column("Ghi chú")]
    rows = [["SP01", Decimal("7.5"), 3, "=1+1"], ["SP02", None, 12, "Có"]]
    write_table(workbook.add_worksheet("S"), Styles(workbook, 2), columns, lambda: rows)
    workbook.close()
    assert _table_cells(path) == [
        ["Mã", "Điểm", "Số", "Ghi chú"],
        ["SP01", 7.5, 3, "=1+1"],
        ["SP02", None, 12, "Có"],
    ]


@pytest.mark.parametrize(
    ("rounding", "plain_points"), [(2, True), (0, True), (1, False), (3, False)]
)
def test_report_cells_show_points_and_top_alignment_with_or_without_a_format(
    tmp_path: Path, rounding: int, plain_points: bool
) -> None:
    """A report's text and points look as before, most of them through the default format."""
    path = tmp_path / "bang.xlsx"
    workbook, styles = report_workbook(path, title="t", rounding=rounding)
    columns = [
        Column("Mã"),
        Column("Điểm", "points"),
        Column("Số", "integer"),
        Column("Lý do", "wrap"),
    ]
    rows = [["SP01", Decimal("7.5"), 3, "Dòng 1\nDòng 2"]]
    write_table(workbook.add_worksheet("S"), styles, columns, lambda: rows)
    workbook.close()
    sheet = openpyxl.load_workbook(path)["S"]
    _, points, count, reason = sheet[2]
    assert points.number_format == points_format(rounding)
    assert count.number_format == "0" and reason.alignment.wrap_text
    assert all(cell.alignment.vertical == "top" for cell in sheet[2])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A2" t="s">' in xml  # the text: no format of its own
    assert ('<c r="B2"><v>7.5</v>' in xml) is plain_points
