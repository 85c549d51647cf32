"""Tests of chuluc_cli.io.headers: finding the header row and each field's column."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuluc_cli.criteria.loader import load_criteria
from chuluc_cli.criteria.model import Criteria, FieldSpec
from chuluc_cli.errors import InputError
from chuluc_cli.io.headers import find_header, loose_header, missing_fields, missing_required
from chuluc_cli.io.workbook import RawSheet

CRITERIA = Path(__file__).parent / "data" / "criteria" / "issue-example.yaml"

# The issue-example fields' headers, in column order B..L (A is "STT").
HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên sản phẩm",
    "Tên doanh nghiệp",
    "Mã số thuế",
    "Ngành",
    "Doanh thu 2023 (tỷ đồng)",
    "Doanh thu 2024 (tỷ đồng)",
    "Tỷ lệ xuất khẩu (%)",
    "ISO 9001",
    "Ngày thành lập",
    "Trụ sở và cơ sở sản xuất tại Hà Nội",
]


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    return load_criteria(CRITERIA)


@pytest.fixture(scope="module")
def fields(criteria: Criteria) -> dict[str, FieldSpec]:
    return dict(criteria.fields)


def sheet(rows: list[list[object]], merged: tuple[tuple[int, int, int, int], ...] = ()) -> RawSheet:
    return RawSheet(
        name="Sheet1",
        rows=rows,
        percent_cells=frozenset(),
        formula_without_value=frozenset(),
        error_cells=frozenset(),
        merged=merged,
        format="xlsx",
        encoding=None,
    )


def letters(match: object) -> dict[str, str]:
    return {name: column.letter for name, column in match.columns.items()}  # type: ignore[attr-defined]


ALL_LETTERS = {
    "product_id": "B",
    "product": "C",
    "enterprise": "D",
    "tax_code": "E",
    "sector": "F",
    "revenue_prev": "G",
    "revenue": "H",
    "export_share": "I",
    "iso_9001": "J",
    "founded": "K",
    "in_hanoi": "L",
}


def test_header_on_first_row(fields: dict[str, FieldSpec]) -> None:
    match = find_header(sheet([HEADERS, [1, "HS-01"]]), fields)
    assert match.header_row == 0
    assert letters(match) == ALL_LETTERS
    assert match.columns["revenue"].header == "Doanh thu 2024 (tỷ đồng)"
    assert match.columns["revenue"].index == 7
    assert match.unmatched_headers == ["STT"]
    assert match.score == (8, 11)
    assert missing_fields(match, fields) == []


def test_title_date_and_merged_title_rows_are_skipped(fields: dict[str, FieldSpec]) -> None:
    rows: list[list[object]] = [
        ["DANH SÁCH SẢN PHẨM ĐỀ NGHỊ XÉT CHỌN", *[""] * 11],
        ["Ngày 15/03/2025", *[""] * 11],
        [""] * 12,
        HEADERS,
        [1, "HS-01", "Máy biến áp"],
    ]
    match = find_header(sheet(rows, merged=((0, 0, 0, 11),)), fields)
    assert match.header_row == 3
    assert letters(match) == ALL_LETTERS
    assert match.rows_used == 1


def test_matching_ignores_case_accents_spaces_marks_and_trailing_unit(
    fields: dict[str, FieldSpec],
) -> None:
    typed = [
        "stt",
        "MÃ HỒ SƠ*",
        "Ten  san\npham",
        "Tên doanh nghiệp:",
        "Ma so thue",
        "NGÀNH",
        "Doanh thu 2023",
        "doanh thu 2024 [tỷ đồng]",
        "Tỷ lệ xuất khẩu",
        "iso 9001",
        "Ngày thành lập (dd/mm/yyyy)",
        "Trụ sở và cơ sở sản xuất tại Hà Nội\u00a0",
    ]
    match = find_header(sheet([typed]), fields)
    assert letters(match) == ALL_LETTERS
    assert match.columns["product"].header == "Ten san pham"  # whitespace collapsed


def test_two_row_header_with_merged_group_title(fields: dict[str, FieldSpec]) -> None:
    upper = [*HEADERS[:6], "Doanh thu (tỷ đồng)", "", *HEADERS[8:]]
    lower: list[object] = ["", "", "", "", "", "", 2023, "2024", "", "", "", ""]
    rows: list[list[object]] = [["Tiêu đề"], upper, lower, [1, "HS-01"]]
    # Row 2 (0-based 1): the single-column headers merged down over two rows, and the
    # group title merged across G:H.
    merged = (*((1, c, 2, c) for c in (*range(6), *range(8, 12))), (1, 6, 1, 7))
    match = find_header(sheet(rows, merged), fields)
    assert match.header_row == 2
    assert match.rows_used == 2
    assert letters(match) == ALL_LETTERS
    assert match.columns["revenue_prev"].header == "Doanh thu (tỷ đồng) 2023"
    assert match.columns["revenue"].header == "Doanh thu (tỷ đồng) 2024"
    assert match.columns["product_id"].header == "Mã hồ sơ"


def test_two_row_header_without_merges_as_in_a_csv_export(fields: dict[str, FieldSpec]) -> None:
    upper = [*HEADERS[:6], "Doanh thu (tỷ đồng)", "", *HEADERS[8:]]
    lower: list[object] = ["", "", "", "", "", "", "2023", "2024", "", "", "", ""]
    match = find_header(sheet([upper, lower, [1, "HS-01"]]), fields)
    assert match.header_row == 1
    assert letters(match) == ALL_LETTERS
    assert match.columns["revenue"].header == "Doanh thu (tỷ đồng) 2024"
    # Headers typed only on the upper row are still listed as headers.
    assert match.unmatched_headers == ["STT"]


def test_group_title_does_not_span_columns_without_sub_header(
    fields: dict[str, FieldSpec],
) -> None:
    upper = ["Mã hồ sơ", "Doanh thu (tỷ đồng)", "", ""]
    lower = ["", "2023", "", "2024"]  # C has no sub-header: the group stops there
    match = find_header(sheet([upper, lower]), fields)
    assert letters(match) == {"product_id": "A", "revenue_prev": "B"}


def test_loose_header_drops_units_anywhere() -> None:
    assert loose_header("Doanh thu (tỷ đồng) 2024") == loose_header("Doanh thu 2024 (tỷ đồng)")
    assert loose_header("Doanh thu [tỷ đồng] 2024*") == "doanh thu 2024"
    assert loose_header("(ghi chú)") == "(ghi chu)"  # all in brackets: kept


def test_first_row_with_the_best_score_wins(fields: dict[str, FieldSpec]) -> None:
    partial = ["Mã hồ sơ", "Tên sản phẩm"]
    match = find_header(sheet([partial, HEADERS, HEADERS]), fields)
    assert match.header_row == 1


def test_required_fields_count_before_optional_ones(fields: dict[str, FieldSpec]) -> None:
    optional_only = ["Doanh thu 2023", "Tỷ lệ xuất khẩu", "ISO 9001"]  # 3 optional fields
    two_required = ["Mã hồ sơ", "Tên sản phẩm"]
    match = find_header(sheet([optional_only, two_required]), fields)
    assert match.header_row == 1
    assert match.score == (2, 2)


def test_header_beyond_search_rows_is_not_found(fields: dict[str, FieldSpec]) -> None:
    rows: list[list[object]] = [["ghi chú"] for _ in range(30)]
    rows.append(HEADERS)
    assert find_header(sheet(rows), fields).columns == {}
    assert find_header(sheet(rows), fields, search_rows=31).header_row == 30


def test_two_columns_for_one_field_keep_the_first(fields: dict[str, FieldSpec]) -> None:
    match = find_header(sheet([["Mã hồ sơ", "Tên sản phẩm", "Mã sản phẩm"]]), fields)
    assert match.columns["product_id"].letter == "A"
    assert [(name, column.letter) for name, column in match.duplicates] == [("product_id", "C")]


def test_missing_required_names_field_headers_closest_and_found(
    fields: dict[str, FieldSpec],
) -> None:
    typed = [*HEADERS[:7], "Doanh thu năm 2024", *HEADERS[8:]]
    match = find_header(sheet([typed]), fields)
    with pytest.raises(InputError) as error:
        missing_required(match, fields, path="nominations.xlsx")
    assert str(error.value) == (
        "nominations.xlsx [Sheet1]: no column for required field 'revenue' "
        '(headers: "Doanh thu 2024 (tỷ đồng)"); closest found: "Doanh thu năm 2024"; '
        "headers found: STT, Mã hồ sơ, Tên sản phẩm, Tên doanh nghiệp, Mã số thuế, Ngành, "
        "Doanh thu 2023 (tỷ đồng), Doanh thu năm 2024, Tỷ lệ xuất khẩu (%), ISO 9001, "
        "Ngày thành lập, Trụ sở và cơ sở sản xuất tại Hà Nội"
    )
    assert "\n" not in str(error.value)


def test_missing_required_lists_every_missing_field(fields: dict[str, FieldSpec]) -> None:
    match = find_header(sheet([["Mã hồ sơ", "Tên sản phẩm", "Ghi chú"]]), fields)
    with pytest.raises(InputError) as error:
        missing_required(match, fields, path="x.csv", hint="choose one with --sheet")
    assert missing_fields(match, fields) == [
        "enterprise",
        "tax_code",
        "sector",
        "revenue",
        "founded",
        "in_hanoi",
    ]
    assert len(error.value.details) == 6
    assert error.value.details[0] == (
        "x.csv [Sheet1]: no column for required field 'enterprise' "
        '(headers: "Tên doanh nghiệp", "Doanh nghiệp")'
    )
    assert str(error.value).endswith(
        "headers found: Mã hồ sơ, Tên sản phẩm, Ghi chú (choose one with --sheet)"
    )


def test_missing_required_passes_when_all_present(fields: dict[str, FieldSpec]) -> None:
    missing_required(find_header(sheet([HEADERS]), fields), fields, path="x.xlsx")


def test_no_header_at_all_reports_the_fullest_row(fields: dict[str, FieldSpec]) -> None:
    rows: list[list[object]] = [["Báo cáo"], ["a", "b", "c"], [1, 2]]
    match = find_header(sheet(rows), fields)
    assert match.columns == {}
    assert match.headers == ["a", "b", "c"]
    with pytest.raises(InputError, match=r"headers found: a, b, c$"):
        missing_required(match, fields, path="x.xlsx")
